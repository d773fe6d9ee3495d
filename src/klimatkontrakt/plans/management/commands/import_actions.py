from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.imports import import_path
from klimatkontrakt.plans.models import ActionPlan
from klimatkontrakt.plans.workbook import import_actions


class Command(BaseCommand):
    help = "Import actions into an action plan from an XLSX file, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument("--plan", required=True, help="the plan's title")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = _plan(options["municipality"], options["plan"])
        path: Path = options["file"]
        result = import_path(
            path,
            lambda data, name: import_actions(plan, data, name, user=None, check_access=False),
        )
        if result.already_imported:
            self.stdout.write(f"{path.name}: already imported; nothing changed")
        else:
            self.stdout.write(
                f"{path.name}: {result.created} actions created, {result.updated} updated"
            )


def _plan(code: str, title: str) -> ActionPlan:
    plan = ActionPlan.objects.filter(municipality__code=code, title=title).first()
    if plan is None:
        raise CommandError(f"No action plan {title!r} in municipality {code}")
    return plan
