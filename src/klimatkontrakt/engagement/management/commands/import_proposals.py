"""`klimatkontrakt import-proposals FILE --municipality CODE --channel NAME`: a file of proposals
(CSV or XLSX; columns in docs/engagement.md), all or nothing; the same file twice counts once."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.engagement.models import Channel
from klimatkontrakt.engagement.services.proposal_intake import import_proposals
from klimatkontrakt.imports import import_path
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Municipality


class Command(BaseCommand):
    help = "Import proposals from a CSV or XLSX file, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="SCB code, e.g. 1780")
        parser.add_argument(
            "--channel",
            required=True,
            choices=Channel.values,
            help="pupils_council, citizen or dialogue",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(code=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"no municipality with code {options['municipality']}")
        path: Path = options["file"]
        try:
            result = import_path(
                path,
                lambda data, name: import_proposals(
                    SYSTEM, municipality, data, name, options["channel"]
                ),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if result.already_imported:
            self.stdout.write(f"{path.name}: already imported; nothing changed")
        else:
            self.stdout.write(
                f"{path.name}: {result.created} proposals imported into {municipality.name}, "
                "waiting for moderation"
            )
