import urllib.error

from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.emissions.services import fetch_and_import, smhi_report_url
from klimatkontrakt.sources.errors import SourceError


class Command(BaseCommand):
    help = (
        "Download SMHI's current national Länsrapport for one gas and import it. The address "
        "comes from the SMHI_BASE_URL setting (env KLIMATKONTRAKT_SMHI_BASE_URL) or --base-url."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--gas", default="GGT", help="GGT (all greenhouse gases), CO2, CH4 ...")
        parser.add_argument("--base-url", default=None)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        url = smhi_report_url(options["gas"], options["base_url"])
        self.stdout.write(f"Downloading {url}")
        try:
            result = fetch_and_import(options["gas"], base_url=options["base_url"])
        except (urllib.error.URLError, OSError) as exc:
            raise CommandError(f"cannot download {url}: {exc}") from exc
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        r = result.release
        if result.created:
            self.stdout.write(f"Imported {r.gas} release {r.release_date}: {result.values} values.")
        else:
            self.stdout.write(f"Already imported: {r.gas} release {r.release_date}.")
