"""`klimatkontrakt investments import FILE --municipality CODE --plan NAME` and
`klimatkontrakt investments show --municipality CODE --plan NAME [--format json|text]`.

Importing into a plan that does not exist yet creates it as a territorial plan with the
municipality's SMHI inputs (services.create_territorial_plan) and says so."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from klimatkontrakt.imports import import_path
from klimatkontrakt.investments import selectors, services
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Municipality


class Command(BaseCommand):
    help = "Import measures into a climate investment plan, or show the plan's figures."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a measure table (CSV or XLSX), all or nothing.")
        imp.add_argument("file")
        show = sub.add_parser("show", help="Print the plan's figures.")
        show.add_argument("--format", choices=["json", "text"], default="text")
        show.add_argument("--runs", type=int, default=None, help="Monte Carlo runs")
        for p in (imp, show):
            p.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
            p.add_argument("--plan", required=True, help="plan name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = selectors.plan_by_name(options["municipality"], options["plan"])
        except InvestmentPlan.DoesNotExist as exc:
            if options["action"] != "import":
                raise CommandError(str(exc)) from exc
            # A refused file leaves no new plan behind.
            with transaction.atomic():
                plan, created = self._create(options["municipality"], options["plan"])
                try:
                    imported = self._import(plan, Path(options["file"]))
                except CommandError as refused:
                    raise CommandError(f"{refused}\n(the plan was not created)") from refused
            self.stdout.write(created)
            self.stdout.write(imported)
            return
        if options["action"] == "import":
            self.stdout.write(self._import(plan, Path(options["file"])))
        else:
            self._show(plan, options["format"], options["runs"])

    def _create(self, code: str, name: str) -> tuple[InvestmentPlan, str]:
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise CommandError(f"no municipality with code {code}")
        try:
            plan = services.create_territorial_plan(SYSTEM, municipality, name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        budget = f", budget path {plan.budget_method}" if plan.budget_method else ", no budget yet"
        return plan, (
            f"Created the investment plan {plan.name!r} for {municipality.name}: territorial, "
            f"BAU per SMHI sector ({plan.emissions_gas}), {plan.base_year}–{plan.end_year}"
            f"{budget}; unpublished."
        )

    def _import(self, plan: InvestmentPlan, path: Path) -> str:
        result = import_path(
            path, lambda data, name: services.import_measures(plan, data, name, check_access=False)
        )
        if result.already_imported:
            return f"{path.name}: already imported into {plan.name}; nothing changed."
        return (
            f"{path.name}: {result.created} measures added, {result.updated} updated "
            f"in {plan.name}."
        )

    def _show(self, plan: InvestmentPlan, fmt: str, runs: int | None) -> None:
        summary = selectors.plan_summary(plan, runs=runs)
        data = selectors.summary_json(summary)
        if fmt == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{plan.name} ({plan.municipality.name}), discount rate {plan.discount_rate}"
        )
        for m in data["measures"]:
            cost = m["abatement_cost_sek_per_t"]
            shown = "–" if cost is None else f"{cost:,.0f} SEK/t"
            self.stdout.write(f"  {m['name']}: {m['reduction_t_per_year']:,.1f} t/yr, {shown}")
        if data["pathway"] is None:
            self.stdout.write(f"Pathway: none ({summary.reasons.get('pathway')})")
            return
        self.stdout.write(
            f"Cumulative {data['cumulative_t']:,.0f} t; within budget: {data['within_budget']}"
        )
        p = data["probability_within_budget"]
        self.stdout.write(
            "Probability within budget: "
            + (f"{p:.0%}" if p is not None else f"– ({data['probability_within_budget_reason']})")
        )
