from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.emissions.services import import_report
from klimatkontrakt.sources.errors import SourceError


class Command(BaseCommand):
    help = (
        "Import an SMHI Länsrapport (Nationella emissionsdatabasen, any gas sheet). Importing the "
        "same file again changes nothing; a malformed file is refused whole."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            result = import_report(options["file"])
        except (SourceError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        r = result.release
        if not result.created:
            self.stdout.write(
                f"Already imported: {r.gas} release {r.release_date} ({r.file_name})."
            )
            return
        self.stdout.write(
            f"Imported {r.gas} release {r.release_date}: {result.values} values, "
            f"{len(r.years)} years ({r.years[0]}–{r.years[-1]}), sha256 {r.sha256}."
        )
        if result.discrepancies:
            self.stdout.write(
                self.style.WARNING(
                    f"{result.discrepancies} totals differ from the sum of their parts in SMHI's "
                    "file (kept as published; listed on the release in the admin and the API)."
                )
            )
