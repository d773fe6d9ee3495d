from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.organisations.services import import_municipalities
from klimatkontrakt.sources.errors import SourceError


class Command(BaseCommand):
    help = "Load counties and municipalities from an SCB code list (XLS, XLSX or CSV)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            s = import_municipalities(options["file"])
        except (SourceError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Counties: {s.counties_created} created, {s.counties_updated} updated. "
            f"Municipalities: {s.municipalities_created} created, "
            f"{s.municipalities_updated} updated."
        )
