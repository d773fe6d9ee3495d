import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from klimatkontrakt.calc.budgets import METHODS
from klimatkontrakt.emissions import selectors
from klimatkontrakt.organisations.selectors import municipality_by_code


def _value(text: str) -> Any:
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


class Command(BaseCommand):
    help = (
        "Print a municipality's carbon budget (or every municipality's with --all) as JSON, "
        "computed from the current SMHI release of the gas."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--municipality", help="SCB code, e.g. 1780")
        who.add_argument("--all", action="store_true", help="one object per municipality")
        parser.add_argument("--method", default=selectors.DEFAULT_METHOD, choices=sorted(METHODS))
        parser.add_argument("--current-year", type=int, default=None)
        parser.add_argument("--gas", default="CO2", choices=["CO2", "GGT"])
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument(
            "--param",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="method parameter, e.g. --param budget_t=1500000 --param start_year=2024",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        params = {}
        for item in options["param"]:
            name, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--param needs NAME=VALUE, got {item!r}")
            params[name] = _value(value)
        try:
            if options["all"]:
                out: Any = selectors.all_budgets(
                    method=options["method"],
                    gas=options["gas"],
                    current_year=options["current_year"],
                    **params,
                )
            else:
                try:
                    muni = municipality_by_code(options["municipality"])
                except Http404 as exc:
                    raise CommandError(
                        f"no municipality with code {options['municipality']}"
                    ) from exc
                out = selectors.municipality_budget(
                    muni,
                    method=options["method"],
                    gas=options["gas"],
                    current_year=options["current_year"],
                    **params,
                )
        except (selectors.NoRelease, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=None if options["all"] else 2))
