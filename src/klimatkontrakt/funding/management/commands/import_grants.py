"""`klimatkontrakt import-grants FILE... [--source swecris|gdp|klimatklivet|template]
[--municipality CODE] [--funder NAME]`: grant files, each all or nothing; the same file twice
counts once. Without --municipality the file is national; with it only the city's rows are
kept. `gdp` is a saved answer of the funders' API (JSON); `fetch-grants` reads the API itself."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from klimatkontrakt.funding.services.grants import import_grants
from klimatkontrakt.imports import ImportResult, import_path
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.selectors import municipality_by_code

SOURCES = ("swecris", "gdp", "klimatklivet", "template")


class Command(BaseCommand):
    help = (
        "Import grant files (SweCRIS CSV, a saved API answer, Klimatklivet xlsx, the grant "
        "template), all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--source",
            default="template",
            choices=SOURCES,
            help="the file's layout (gdp: a saved JSON answer of the funders' API)",
        )
        parser.add_argument("--funder", default="", help="gdp: the funder, if the file names none")
        parser.add_argument("--municipality", help="SCB code: keep only this city's rows")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            try:
                municipality = municipality_by_code(options["municipality"])
            except Http404 as exc:
                raise CommandError(f"no municipality with code {options['municipality']}") from exc
        failed = []
        for path in options["files"]:
            outside = 0

            def take(data: bytes, name: str) -> ImportResult:
                nonlocal outside
                result, outside = import_grants(
                    SYSTEM,
                    options["source"],
                    data,
                    name,
                    municipality=municipality,
                    funder=options["funder"],
                )
                return result

            try:
                result = import_path(path, take)
            except (CommandError, ValidationError) as exc:
                self.stderr.write(f"{path.name}: refused, nothing changed:\n{exc}")
                failed.append(path.name)
                continue
            if result.already_imported:
                self.stdout.write(f"{path.name}: already imported; nothing changed")
                continue
            line = f"{path.name}: {result.created} grants new, {result.updated} updated"
            if municipality is not None:
                line += f", {outside} rows of other cities left out"
            self.stdout.write(line)
        if failed:
            raise CommandError(f"refused: {', '.join(failed)}")
