"""Generate example ledgers in the national format.

python bench/ledger_gen.py OUT.csv LINES
python bench/ledger_gen.py --cache DIR LINES   # DIR/ledger_LINES.csv, generated once
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from klimatkontrakt.footprint.example import generate_ledger  # noqa: E402


def ensure_ledger(directory: Path, lines: int, year: int = 2024) -> Path:
    """The cached example ledger of ``lines`` lines under ``directory`` (generated once)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"ledger_{lines}.csv"
    if not target.exists():
        tmp = target.with_suffix(".tmp")
        generate_ledger(tmp, lines, year=year)
        tmp.rename(target)
    return target


if __name__ == "__main__":
    if sys.argv[1] == "--cache":
        print(ensure_ledger(Path(sys.argv[2]), int(sys.argv[3])))
    else:
        print(generate_ledger(Path(sys.argv[1]), int(sys.argv[2])))
