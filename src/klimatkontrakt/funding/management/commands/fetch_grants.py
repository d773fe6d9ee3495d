"""`klimatkontrakt fetch-grants --funder NAME`: one funder's funded activities from the
agencies' common API (`finansieradeaktiviteter`), all or nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.funding.services.grants import UnknownFunder, fetch_grants
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.gdp import GdpError


class Command(BaseCommand):
    help = "Fetch a funder's grants from the funders' common open-data API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--funder", required=True, help="e.g. Vinnova")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result, _outside = fetch_grants(SYSTEM, options["funder"])
        except (GdpError, UnknownFunder) as exc:
            raise CommandError(f"{exc}. Nothing was changed.") from exc
        except SourceError as exc:
            raise CommandError("\n".join(exc.messages) + "\nNothing was changed.") from exc
        if result.already_imported:
            self.stdout.write(f"{options['funder']}: the answer is unchanged; nothing changed")
        else:
            self.stdout.write(
                f"{options['funder']}: {result.created} grants new, {result.updated} updated"
            )
