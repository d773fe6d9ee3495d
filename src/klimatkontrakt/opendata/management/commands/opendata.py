"""`klimatkontrakt opendata build`: build the open data files now (as the nightly task does) and
print what was written as JSON; `klimatkontrakt opendata status`: the current release."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klimatkontrakt.opendata import selectors, services
from klimatkontrakt.opendata.models import Release


def _summary(release: Release) -> dict[str, Any]:
    files = release.manifest.get("files", [])
    return {
        "release": release.pk,
        "status": release.status,
        "finished": release.finished.isoformat() if release.finished else None,
        "folder": str(services.opendata_dir() / str(release.pk)),
        "datasets": {
            f["dataset"]: f["rows"]
            for f in files
            if f["municipality"] is None and f["format"] == "csv"
        },
        "municipalities": release.manifest.get("municipalities", []),
        "files": len(files),
        "bytes": sum(f["bytes"] for f in files),
    }


class Command(BaseCommand):
    help = "The open data files: `build` writes them now, `status` shows the current release."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("build", help="Build every dataset's files and data packages now.")
        sub.add_parser("status", help="The current release: when, datasets, rows, files.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "build":
            release = services.build_release(Release.Trigger.COMMAND)
        else:
            found = selectors.current_release()
            if found is None:
                raise CommandError("No open data release has been built yet: run `opendata build`.")
            release = found
        self.stdout.write(json.dumps(_summary(release), ensure_ascii=False, indent=2))
