"""Fill empty Swedish msgstr entries from a Python dict file: fill_translations.py DICT.py [PO]."""

import runpy
import sys
from pathlib import Path

import polib

table = runpy.run_path(sys.argv[1])["T"]
po_path = Path(
    sys.argv[2] if len(sys.argv) > 2 else "src/klimatkontrakt/locale/sv/LC_MESSAGES/django.po"
)
po = polib.pofile(str(po_path))
missing = []
for entry in po:
    if entry.msgid in table and (not entry.msgstr or "fuzzy" in entry.flags):
        entry.msgstr = table[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    if not entry.msgstr and not entry.msgid_plural:
        missing.append(entry.msgid)
po.save(str(po_path))
print(f"{len(missing)} untranslated")
for m in missing:
    print("  ", repr(m))
