from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write the whole installation to one ZIP file: the database's rows (portable: restores "
        "into SQLite or PostgreSQL), the ledgers' Parquet files, uploaded files and a manifest "
        "with SHA-256 checksums. Restore it with `klimatkontrakt restore FILE`."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, type=Path, help="the archive to write (.zip)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        out = options["out"]
        try:
            s = write_backup(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {out}: {s.rows} rows in {s.tables} tables, "
            f"{s.ledger_files} ledger files, {s.media_files} uploaded files."
        )
