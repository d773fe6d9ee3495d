"""`klimatkontrakt report followup --municipality CODE --year Y --format html|docx|pdf
--out FILE [--language en]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.reports import selectors
from klimatkontrakt.reports.builder import gather
from klimatkontrakt.reports.models import FollowUpReport


class Command(BaseCommand):
    help = "Write a municipality's yearly follow-up report as HTML, DOCX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        p = sub.add_parser(
            "followup",
            help="The approved snapshot if there is one, else today's figures.",
        )
        p.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        p.add_argument("--year", required=True, type=int)
        p.add_argument("--format", choices=sorted(selectors.FORMATS), default="pdf")
        p.add_argument("--out", required=True, help="file to write")
        p.add_argument("--language", choices=["sv", "en"], default="sv")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            muni = municipality_by_code(options["municipality"])
        except Http404 as exc:
            raise CommandError(f"no municipality with code {options['municipality']}") from exc
        year, fmt, language = options["year"], options["format"], options["language"]
        report = FollowUpReport.objects.filter(municipality=muni, year=year).first()
        if report is not None and report.is_approved:
            out = selectors.output(report, fmt, language)
            what = "approved report"
        else:
            out = selectors.render_output(gather(muni, year), fmt, language, state="draft")
            what = "draft from the current figures"
        path = Path(options["out"])
        path.write_bytes(out.content)
        self.stdout.write(f"{path}: {what} {muni.code} {year} ({fmt}, {language}).")
