from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.plans.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each contact person the actions they own that are overdue for a status update. "
        "Run it weekly (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="SCB code; default every municipality")

    def handle(self, *args: Any, **options: Any) -> None:
        muni = None
        if options["municipality"]:
            try:
                muni = municipality_by_code(options["municipality"])
            except Http404 as exc:
                raise CommandError(f"No municipality with code {options['municipality']}") from exc
        sent = send_reminders(muni)
        self.stdout.write(f"{sent} reminder e-mails sent")
