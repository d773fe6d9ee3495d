from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.organisations.services import BUNDLED_CONTRACT_CITIES, set_contract_cities
from klimatkontrakt.sources.errors import SourceError


class Command(BaseCommand):
    help = (
        "Mark the contract cities of Klimatkontrakt 2030 from a list (CSV with the column "
        "'kommun'; the shipped list when no file is given). Every other municipality is unmarked."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", nargs="?", default=str(BUNDLED_CONTRACT_CITIES))

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            s = set_contract_cities(options["file"])
        except (SourceError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Contract cities: {len(s.names)} ({s.marked} newly marked, {s.unmarked} unmarked)."
        )
