from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klimatkontrakt.plans.management.commands.import_actions import _plan
from klimatkontrakt.plans.workbook import export_actions


class Command(BaseCommand):
    help = "Write an action plan's actions to an XLSX file in the import's columns."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument("--plan", required=True, help="the plan's title")
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        plan = _plan(options["municipality"], options["plan"])
        out = Path(options["out"])
        out.write_bytes(export_actions(plan))
        self.stdout.write(f"{out}: {plan.actions.count()} actions")
