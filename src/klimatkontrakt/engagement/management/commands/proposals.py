"""`klimatkontrakt proposals --municipality CODE [--format json|text]`: the published figures of
a municipality's proposals, the same as its public page, the API and the follow-up report."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.engagement.selectors.proposals import totals
from klimatkontrakt.organisations.models import Municipality


class Command(BaseCommand):
    help = "Print the totals of a municipality's proposals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(code=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"no municipality with code {options['municipality']}")
        data = totals(municipality).as_json()
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Proposals of {municipality.name}: {data['total']} published")
        for group in ("by_channel", "by_state", "by_department", "by_decision"):
            parts = ", ".join(f"{k} {v}" for k, v in data[group].items())
            self.stdout.write(f"  {group.removeprefix('by_')}: {parts or '–'}")
        median = data["median_days_to_answer"]
        share = data["answered_share"]
        self.stdout.write(
            f"  selected {data['selected']}, answered {data['answered']}"
            f" ({'–' if share is None else f'{share:.0%}'}), overdue {data['overdue']},"
            f" median days to answer {'–' if median is None else f'{median:g}'}"
        )
