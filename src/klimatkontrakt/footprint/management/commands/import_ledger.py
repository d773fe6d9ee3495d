"""`klimatkontrakt import-ledger CODE FILE... [--ledger NAME] [--mapping NAME|FILE.json]`.

Stores ledger files for a municipality (all or nothing; the same file twice counts once),
optionally with rules, factors and activity data. Runs as the municipality's administrator.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from klimatkontrakt.footprint import services
from klimatkontrakt.footprint.models import DEFAULT_SCOPE, Ledger
from klimatkontrakt.footprint.models import ColumnMapping as StoredMapping
from klimatkontrakt.footprint.tasks import refusal_lines
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.ledger import ColumnMapping


class Command(BaseCommand):
    help = "Import supplier-invoice ledger files (and rules/factors/activity) for a municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="SCB municipality code, e.g. 1780")
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument("--ledger", default="Leverantörsreskontra")
        parser.add_argument(
            "--scope",
            default="",
            help="organisational scope of a new ledger and of --activity (default: the ledger's)",
        )
        parser.add_argument("--mapping", help="saved mapping name, or a JSON file to save/use")
        parser.add_argument("--rules", type=Path)
        parser.add_argument("--factors", type=Path)
        parser.add_argument("--activity", type=Path)
        parser.add_argument("--threshold", type=float, default=0.01)
        parser.add_argument("--publish", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            muni = municipality_by_code(options["code"])
        except Http404 as exc:
            raise CommandError(f"ingen kommun med kod {options['code']}") from exc
        admin = SYSTEM
        mapping = None
        if options["mapping"]:
            path = Path(options["mapping"])
            if path.suffix == ".json" and path.exists():
                mapping = ColumnMapping.from_dict(json.loads(path.read_text()))
                services.save_column_mapping(admin, muni, path.stem, mapping)
            else:
                stored = StoredMapping.objects.filter(municipality=muni, name=options["mapping"])
                if not stored.exists():
                    raise CommandError(f"ingen sparad kolumnmappning {options['mapping']!r}")
                mapping = ColumnMapping.from_dict(stored.get().mapping)
        try:
            if options["rules"]:
                services.import_rules(admin, muni, options["rules"].stem, options["rules"])
            if options["factors"]:
                services.import_factors(admin, muni, options["factors"].stem, options["factors"])
            if options["files"]:
                result = services.import_ledger(
                    admin,
                    muni,
                    [(p.name, p) for p in options["files"]],
                    ledger_name=options["ledger"],
                    scope=options["scope"],
                    mapping=mapping,
                    threshold=options["threshold"],
                )
                for report in result.reports:
                    self.stdout.write(f"{report.name}: {report.status}, {report.lines} rader")
                    for bad in report.bad_rows:
                        self.stdout.write(f"  hoppade över: {bad.message()}")
                if options["publish"]:
                    services.set_published(admin, result.ledger, True)
            if options["activity"]:
                ledger = Ledger.objects.filter(municipality=muni, name=options["ledger"]).first()
                scope = options["scope"] or (ledger.scope if ledger else DEFAULT_SCOPE)
                services.import_activity(admin, muni, options["activity"], scope=scope)
        except services.ImportRefused as exc:
            # The same lines as the upload's job page: per refused file its reason and bad rows.
            lines = [_("Nothing was imported"), *refusal_lines(exc.reports)]
            raise CommandError("\n".join(lines)) from exc
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Klart."))
