"""The Swedish interface is complete: every UI string has a Swedish translation, compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "klimatkontrakt"
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_every_swedish_entry_is_translated_and_compiled():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert untranslated == []
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    # Keyed with the context too: one English msgid may read differently per context (pgettext).
    assert {(e.msgctxt, e.msgid): e.msgstr for e in po if e.translated()} == {
        (e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid
    }, "django.mo is stale: run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) not installed")
def test_no_ui_string_is_missing_from_the_catalogue(tmp_path):
    work = tmp_path / "klimatkontrakt"
    shutil.copytree(PACKAGE, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "klimatkontrakt.settings",
            "PYTHONPATH": str(PACKAGE.parent),
            "KLIMATKONTRAKT_VAR_DIR": str(tmp_path / "var"),
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(work / "locale/sv/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(PO)) if e.translated()}
    assert sorted(fresh - known) == [], (
        "new UI strings without Swedish: run `make messages` and translate"
    )
