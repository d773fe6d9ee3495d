"""klimatkontrakt import-calls FILE... [--source template|common-api]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klimatkontrakt.funding.services.calls import import_calls
from klimatkontrakt.imports import import_path
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.sources.calls import SOURCE_COMMON, SOURCE_TEMPLATE


class Command(BaseCommand):
    help = (
        "Import calls for funding from the documented template (CSV or XLSX) or a saved page of "
        "the common API (JSON); all or nothing per file, the same file twice counts once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--source", choices=[SOURCE_TEMPLATE, SOURCE_COMMON], default=SOURCE_TEMPLATE
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            result = import_path(
                path,
                lambda content, name: import_calls(SYSTEM, name, content, options["source"]),
            )
            if result.already_imported:
                self.stdout.write(f"{result.filename}: already imported; nothing changed")
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{result.filename}: {result.created} calls added, {result.updated} updated"
                    )
                )
