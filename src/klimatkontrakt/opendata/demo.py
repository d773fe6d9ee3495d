"""The demo's open data: built once from what the other apps' demos published (after their late
hooks too), so the "Öppna data" page, /data/ and the catalogue have files at once."""

from typing import Any

from klimatkontrakt.opendata.models import Release
from klimatkontrakt.opendata.services import build_release


def load(stdout: Any) -> None:
    """Nothing of its own: the files are built from the other demos in `load_late`."""


def load_late(stdout: Any) -> None:
    release = build_release(Release.Trigger.COMMAND)
    files = release.manifest.get("files", [])
    stdout.write(f"Open data: {len(files)} files built (release {release.pk}).")
