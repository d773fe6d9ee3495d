"""`klimatkontrakt national followup --year Y --format json [--out FILE]`: every contract city's
follow-up figures of a year as JSON, the same as the page /nationellt/uppfoljning/<year>/ and
`GET /api/national/followup/<year>` show to a reader without an account (published data only)."""

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.national.followup import YEAR_MAX, YEAR_MIN, followup_json, valid_year

FORMATS = ("json",)


class Command(BaseCommand):
    help = "The national level's commands; `followup` prints the cross-city follow-up of a year."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        followup = sub.add_parser(
            "followup",
            help="Every contract city's follow-up figures of a year.",
            description=(
                "Every contract city's follow-up figures of a year (published data only). "
                "Only --format json exists so far: the national yearly report as HTML, DOCX, PDF "
                "or XLSX is not built yet."
            ),
        )
        followup.add_argument("--year", required=True, help=f"{YEAR_MIN}-{YEAR_MAX}")
        followup.add_argument("--format", default="json", help="json (the only format so far)")
        followup.add_argument("--out", help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"]
        if fmt not in FORMATS:
            raise CommandError(
                f"format {fmt!r} is not available: only json; the national report as html, "
                "docx, pdf or xlsx is not built yet"
            )
        raw = str(options["year"])
        if not raw.isdigit() or not valid_year(int(raw)):
            raise CommandError(f"--year must be a year from {YEAR_MIN} to {YEAR_MAX}, not {raw!r}")
        text = json.dumps(followup_json(int(raw), AnonymousUser()), ensure_ascii=False, indent=2)
        if options["out"]:
            try:
                Path(options["out"]).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot write {options['out']}: {exc.strerror}") from exc
            return
        self.stdout.write(text)
