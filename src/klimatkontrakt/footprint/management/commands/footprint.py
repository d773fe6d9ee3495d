"""`klimatkontrakt footprint LEDGER... --rules R.csv --factors F.csv [--activity A.csv]`.

Runs the whole pipeline on files and prints one JSON object; never touches the database.
Exit status 2 when a ledger file was refused (too many bad rows or unreadable).
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.footprint.engine import run
from klimatkontrakt.sources.activity import read_activity
from klimatkontrakt.sources.factors import (
    ConversionTables,
    default_factors,
    default_tables,
    read_exchange_rates,
    read_factors,
    read_price_index,
)
from klimatkontrakt.sources.ledger import ColumnMapping
from klimatkontrakt.sources.rules import default_rules, read_rules


class Command(BaseCommand):
    help = "Footprint of ledger files (spend- and activity-based) as JSON, without a database."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ledgers", nargs="+", type=Path, help="CSV, XLSX or SIE4 files")
        parser.add_argument("--rules", type=Path, help="rules CSV (default: the shipped set)")
        parser.add_argument("--factors", type=Path, help="factor CSV (default: the shipped set)")
        parser.add_argument("--activity", type=Path, help="activity CSV")
        parser.add_argument("--mapping", type=Path, help="column mapping JSON")
        parser.add_argument("--price-index", type=Path, help="price index CSV (year,index)")
        parser.add_argument("--exchange-rates", type=Path, help="CSV currency,year,sek_per_unit")
        parser.add_argument("--threshold", type=float, default=0.01, help="bad-row share (0.01)")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--compact", action="store_true", help="only the summary keys")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rules = read_rules(options["rules"]) if options["rules"] else default_rules()
            factors = read_factors(options["factors"]) if options["factors"] else default_factors()
            activity = read_activity(options["activity"]) if options["activity"] else []
            tables = default_tables()
            if options["price_index"] or options["exchange_rates"]:
                tables = ConversionTables(
                    price_index=read_price_index(options["price_index"])
                    if options["price_index"]
                    else tables.price_index,
                    sek_per=read_exchange_rates(options["exchange_rates"])
                    if options["exchange_rates"]
                    else tables.sek_per,
                )
            mapping = None
            if options["mapping"]:
                mapping = ColumnMapping.from_dict(json.loads(options["mapping"].read_text()))
            for path in options["ledgers"]:
                if not path.exists():
                    raise CommandError(f"{path}: filen finns inte")
            result = run(
                options["ledgers"], rules, factors, activity, tables, mapping, options["threshold"]
            )
        except ValueError as exc:  # a refused file (SourceError) or a bad option value
            raise CommandError(str(exc)) from exc
        if options["compact"]:
            for key in ("rules", "factors", "activity", "top_suppliers", "unclassified_accounts"):
                result.pop(key, None)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        if any(f["status"] == "refused" for f in result["files"]):
            raise SystemExit(2)
