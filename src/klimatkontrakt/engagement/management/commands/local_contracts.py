"""`klimatkontrakt local-contracts --municipality CODE [--year YEAR] [--format json|text]`: the
local climate contract's roll-up, the same figures as the public page, the API and the report."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.organisations.models import Municipality


class Command(BaseCommand):
    help = "Print a municipality's local climate contract totals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument("--year", type=int, default=None, help="report year (default: latest)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        muni = Municipality.objects.filter(code=options["municipality"]).first()
        if muni is None:
            raise CommandError(f"no municipality with code {options['municipality']}")
        year = options["year"]
        if year is not None and not 1990 <= year <= 2100:
            raise CommandError("--year must lie between 1990 and 2100")
        data = selectors.rollup_json(selectors.rollup(muni, year or selectors.default_year(muni)))
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        r = data["reported_reduction_t"]
        self.stdout.write(f"{muni.name} {data['year']}")
        self.stdout.write(f"signatories: {data['signatories']}")
        self.stdout.write(f"pledges: {data['pledges']}")
        self.stdout.write(f"reported reduction: {r['total']} t CO2e/yr {r['by_sector']}")
        if r["capped_sectors"]:
            self.stdout.write(f"capped at the sector's emissions: {', '.join(r['capped_sectors'])}")
        self.stdout.write(f"overlap with municipal measures: {', '.join(data['overlap_sectors'])}")
