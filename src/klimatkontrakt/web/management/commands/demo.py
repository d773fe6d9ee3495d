import importlib
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the Karlstad demo: all 290 municipalities, Karlstad's organisation, its climate "
        "contract 2023 and 2024, and each module's demo data. Running it again changes nothing."
    )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        # Each app may ship `<app>/demo.py` with `load(stdout)`; apps load in INSTALLED_APPS order.
        for config in apps.get_app_configs():
            if not config.name.startswith("klimatkontrakt."):
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            importlib.import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
