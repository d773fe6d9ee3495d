"""klimatkontrakt fetch-kolada --municipality CODE [--kpi ID ...]"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from klimatkontrakt.indicators.services import UnknownKpiError, refresh_kolada_indicators
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.kolada import KoladaError


class Command(BaseCommand):
    help = (
        "Refresh a municipality's Kolada indicators (all or nothing). Without --kpi: every "
        "Kolada indicator it has, or the default climate KPIs when it has none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument(
            "--kpi", action="append", default=[], metavar="ID", help="Kolada KPI id; repeatable"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["municipality"]
        try:
            municipality = municipality_by_code(code)
        except Http404 as exc:
            raise CommandError(f"No municipality with code {code}") from exc
        try:
            result = refresh_kolada_indicators(municipality, options["kpi"] or None)
        except (KoladaError, UnknownKpiError) as exc:
            raise CommandError(f"{exc}. Nothing was changed.") from exc
        for kpi in result.created_indicators:
            self.stdout.write(f"created indicator for {kpi}")
        for kpi, count in sorted(result.per_kpi.items()):
            self.stdout.write(f"{kpi}: {count} values from Kolada")
        self.stdout.write(
            self.style.SUCCESS(
                f"{municipality.name}: {result.stored} stored, {result.unchanged} unchanged, "
                f"{result.deleted} deleted"
            )
        )
