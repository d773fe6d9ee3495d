from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from klimatkontrakt.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file written by `klimatkontrakt backup` into this installation, which must be "
        "empty (a new database and var directory). Checksums are verified first; all or nothing."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", type=Path, help="the backup file (.zip)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file.")
        try:
            s = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {archive}: {s.rows} rows in {s.tables} tables, "
            f"{s.ledger_files} ledger files, {s.media_files} uploaded files."
        )
