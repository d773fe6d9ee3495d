"""SIE4 files (#VER / #TRANS): booked cost lines as a ledger, department from an object dimension.

SIE files are normally PC8 (code page 437) encoded; ``#FORMAT PC8`` says so. Only cost accounts
(first digit 4-7, the same classes in BAS and Kommun-Bas) are kept by default: the balancing
liability, VAT and bank lines of a voucher would otherwise cancel the spend out.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.utils.translation import gettext as _

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.ledger import ColumnMapping

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\{[^}]*\})|(\S+)')
COST_ACCOUNT_CLASSES = ("4", "5", "6", "7")
SIE_HEADER = (
    "source_row",
    "kopare_id",
    "kopare",
    "fakturanummer",
    "leverantor",
    "forvaltning",
    "konto_nr",
    "konto_text",
    "belopp",
    "datum",
    "text",
)


def is_sie(sample: bytes) -> bool:
    return sample.lstrip().startswith(b"#FLAGGA") or b"\n#SIETYP" in sample[:4096]


def tokens(line: str) -> list[str]:
    out = []
    for quoted, braces, bare in _TOKEN.findall(line):
        if braces:
            out.append(braces)
        elif bare:
            out.append(bare)
        else:
            out.append(quoted.replace('\\"', '"'))
    return out


def objects(braces: str) -> dict[str, str]:
    """``{1 "100" 6 "P1"}`` -> {"1": "100", "6": "P1"}."""
    items = tokens(braces.strip()[1:-1])
    return dict(zip(items[0::2], items[1::2], strict=False))


def _encoding(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"#FORMAT PC8" in head or b"#FORMAT" not in head:
        return "cp437"
    return "cp1252"


def sie_to_csv(
    path: Path,
    target: Path,
    mapping: ColumnMapping | None = None,
    department_dimension: str = "1",
    cost_accounts_only: bool = True,
) -> Path:
    encoding = mapping.encoding if mapping and mapping.encoding else _encoding(path)
    accounts: dict[str, str] = {}
    names: dict[tuple[str, str], str] = {}
    company = ("", "")
    rows: list[list[str]] = []
    voucher = ("", "", "")
    in_voucher = False
    with path.open(encoding=encoding, errors="replace", newline=None) as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            if line == "{":
                in_voucher = True
                continue
            if line == "}":
                in_voucher = False
                continue
            parts = tokens(line)
            label, args = parts[0].upper(), parts[1:]
            if label == "#KONTO" and len(args) >= 2:
                accounts[args[0]] = args[1]
            elif label == "#OBJEKT" and len(args) >= 3:
                names[(args[0], args[1])] = args[2]
            elif label == "#FNAMN" and args:
                company = (company[0], args[0])
            elif label == "#ORGNR" and args:
                company = (args[0], company[1])
            elif label == "#VER":
                voucher = (
                    "-".join(a for a in args[:2] if a),
                    args[2] if len(args) > 2 else "",
                    args[3] if len(args) > 3 else "",
                )
            elif label == "#TRANS" and in_voucher and args:
                account = args[0]
                if cost_accounts_only and not account.startswith(COST_ACCOUNT_CLASSES):
                    continue
                dims = objects(args[1]) if len(args) > 1 and args[1].startswith("{") else {}
                rest = args[2:] if len(args) > 1 and args[1].startswith("{") else args[1:]
                amount = rest[0] if rest else ""
                date = rest[1] if len(rest) > 1 and rest[1] else voucher[1]
                text = rest[2] if len(rest) > 2 and rest[2] else voucher[2]
                dept_id = dims.get(department_dimension, "")
                department = names.get((department_dimension, dept_id), dept_id)
                rows.append(
                    [
                        str(number),
                        company[0],
                        company[1],
                        voucher[0],
                        "",
                        department,
                        account,
                        accounts.get(account, ""),
                        amount,
                        date,
                        text,
                    ]
                )
    if not rows and not accounts:
        raise SourceError(_("no #VER/#TRANS lines found in the SIE file"), path.name)
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(SIE_HEADER)
        writer.writerows(rows)
    return target
