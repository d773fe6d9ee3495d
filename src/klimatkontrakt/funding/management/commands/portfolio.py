"""`klimatkontrakt portfolio --municipality CODE [--format json|text]` or `--all`: a city's
grants by funder and year (the same figures as its portfolio page and the API)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from klimatkontrakt.funding.selectors.grants import portfolio
from klimatkontrakt.organisations.selectors import contract_municipalities, municipality_by_code


class Command(BaseCommand):
    help = "Print a city's grant portfolio (or every contract city's with --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--municipality", help="SCB code, e.g. 1780")
        group.add_argument("--all", action="store_true", help="every contract city")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            cities = list(contract_municipalities().order_by("name"))
        else:
            try:
                cities = [municipality_by_code(options["municipality"])]
            except Http404 as exc:
                raise CommandError(f"no municipality with code {options['municipality']}") from exc
        found = [portfolio(m).json() for m in cities]
        if options["format"] == "json":
            out = found if options["all"] else found[0]
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        for p in found:
            self.stdout.write(
                f"{p['name']} ({p['municipality']}): {p['total_sek']:,.0f} SEK in "
                f"{p['grants']} grants, {p['unmatched']} to review"
            )
            for funder, sek in p["by_funder"].items():
                self.stdout.write(f"  {funder}: {sek:,.0f} SEK")
