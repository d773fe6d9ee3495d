"""`klimatkontrakt national followup --year Y --format json|html|docx|pdf|xlsx [--out FILE]
[--language sv|en]`: every contract city's follow-up figures of a year as JSON (the same as the
page /nationellt/uppfoljning/<year>/ and `GET /api/national/followup/<year>` show to a reader
without an account: published data only), or the national follow-up report of the year as a
document: the approved snapshot when there is one, else a fresh rendering labelled as a draft."""

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.national import report_selectors
from klimatkontrakt.national.followup import YEAR_MAX, YEAR_MIN, followup_json, valid_year
from klimatkontrakt.national.models import NationalReport

FORMATS = ("json", "html", "docx", "pdf", "xlsx")
BINARY = ("docx", "pdf", "xlsx")


class Command(BaseCommand):
    help = "The national level's commands; `followup` gives the cross-city follow-up of a year."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        followup = sub.add_parser(
            "followup",
            help="Every contract city's follow-up figures, or the national report, of a year.",
            description=(
                "Every contract city's follow-up figures of a year (published data only) as "
                "JSON, or the national follow-up report as HTML, DOCX, PDF or XLSX: the approved "
                "report of the year if there is one, else a fresh draft rendering."
            ),
        )
        followup.add_argument("--year", required=True, help=f"{YEAR_MIN}-{YEAR_MAX}")
        followup.add_argument("--format", default="json", help=", ".join(FORMATS))
        followup.add_argument(
            "--out", help="write to this file (needed for docx, pdf and xlsx) instead of stdout"
        )
        followup.add_argument("--language", default="sv", help="sv or en (documents only)")

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, out, language = options["format"], options["out"], options["language"]
        if fmt not in FORMATS:
            raise CommandError(f"format {fmt!r} is not available: choose {', '.join(FORMATS)}")
        if language not in report_selectors.LANGUAGES:
            raise CommandError(f"--language must be sv or en, not {language!r}")
        if fmt in BINARY and not out:
            raise CommandError(f"--format {fmt} writes a file: give it with --out FILE")
        raw = str(options["year"])
        if not raw.isdigit() or not valid_year(int(raw)):
            raise CommandError(f"--year must be a year from {YEAR_MIN} to {YEAR_MAX}, not {raw!r}")
        year = int(raw)
        if fmt == "json":
            text = json.dumps(followup_json(year, AnonymousUser()), ensure_ascii=False, indent=2)
            content = (text + "\n").encode()
        else:
            content = self._document(year, fmt, language)
        if not out:
            self.stdout.write(content.decode())
            return
        try:
            Path(out).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from exc
        if fmt != "json":
            self.stderr.write(f"wrote {out}")

    def _document(self, year: int, fmt: str, language: str) -> bytes:
        if not report_selectors.valid_report_year(year):
            raise CommandError("the national report covers the years 2000 to 2100")
        report = NationalReport.objects.filter(year=year, state="approved").first()
        if report is not None:
            return report_selectors.output(report, fmt, language).content
        self.stderr.write(
            f"no approved national report of {year}: a fresh rendering, labelled as a draft"
        )
        data = report_selectors.gather(year)
        return report_selectors.render_output(data, fmt, language, state="draft").content
