from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from klimatkontrakt.comparison.services import import_kpi_file
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis import KNOWN_SUFFIXES


class Command(BaseCommand):
    help = (
        "Import the public files of the national comparison (docs/comparison.md): every known "
        "file in a folder, or the files named. Each file is taken in whole or not at all; the "
        "same file twice counts once; files no reader knows are listed and skipped."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("paths", nargs="+", type=Path, help="folders or files")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        files: list[Path] = []
        for path in options["paths"]:
            if path.is_dir():
                files += sorted(p for p in path.iterdir() if p.is_file())
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(_("%(path)s: no such file or folder") % {"path": path})
        refused: list[str] = []
        for path in files:
            if path.suffix.lower() not in KNOWN_SUFFIXES:
                self.stdout.write(_("Skipped (not a known file): %(file)s") % {"file": path.name})
                continue
            try:
                result = import_kpi_file(path.read_bytes(), path.name)
            except SourceError as exc:
                refused.append(path.name)
                self.stderr.write(_("Refused: %(file)s") % {"file": path.name})
                for message in exc.messages:
                    self.stderr.write(f"  {message}")
                continue
            if result.unknown:
                self.stdout.write(_("Skipped (not a known file): %(file)s") % {"file": path.name})
            elif result.already_imported:
                self.stdout.write(_("Already imported: %(file)s") % {"file": path.name})
            else:
                assert result.source_file is not None
                self.stdout.write(
                    _("Imported: %(file)s (%(publisher)s, %(edition)s): %(n)s figures")
                    % {
                        "file": path.name,
                        "publisher": result.source_file.publisher,
                        "edition": result.source_file.edition_label,
                        "n": result.figures,
                    }
                )
        if refused:
            raise CommandError(
                _("%(n)s file(s) refused: %(files)s")
                % {"n": len(refused), "files": ", ".join(refused)}
            )
