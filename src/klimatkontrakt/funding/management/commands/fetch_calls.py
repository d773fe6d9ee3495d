"""klimatkontrakt fetch-calls --funder NAME"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.funding.services.calls import fetch_calls
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.sources.calls_client import CallsFetchError
from klimatkontrakt.sources.errors import SourceError


class Command(BaseCommand):
    help = (
        "Fetch a funder's calls: Vinnova from its open data, other funders from the agencies' "
        "common API (KLIMATKONTRAKT_CALLS_API_URL and _KEY). All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--funder", required=True, help="e.g. Vinnova, Formas")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = fetch_calls(SYSTEM, options["funder"])
        except CallsFetchError as exc:
            raise CommandError(f"{exc}. Nothing was changed.") from exc
        except SourceError as exc:
            raise CommandError("\n".join(exc.messages) + "\nNothing was changed.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.funder} ({result.source}): {result.created} calls added, "
                f"{result.updated} updated"
            )
        )
