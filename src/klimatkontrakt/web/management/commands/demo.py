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
        # A demo that gathers what several later apps load (the national level's example cities
        # need plans, indicators, investments, engagement and reports) defines
        # `load_late(stdout)` as well: those run after every `load`, in the same order. A hook
        # here rather than moving the app in INSTALLED_APPS (the order other demos rely on) or
        # calling it from whichever app happens to be last (which would then import the
        # national app).
        modules = []
        for config in apps.get_app_configs():
            if not config.name.startswith("klimatkontrakt."):
                continue
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            modules.append(importlib.import_module(module_name))
        for module in modules:
            module.load(self.stdout)
        for module in modules:
            if hasattr(module, "load_late"):
                module.load_late(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
