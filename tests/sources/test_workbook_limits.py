"""Workbooks and CSV files too large to be a table are refused before they are unpacked or
read whole: a zip bomb, a sheet declaring millions of cells, more rows than the cap, a CSV line
of many megabytes or thousands of columns (limits in docs/deployment.md, "Limits on uploads")."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from klimatkontrakt.sources import workbooks
from klimatkontrakt.sources.actions import parse_action_table
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis.workbook import open_book
from klimatkontrakt.sources.ledger import prepare
from klimatkontrakt.sources.measures import parse_measure_table
from klimatkontrakt.sources.smhi import read_report
from tests.sources.workbook_bombs import write_bomb, write_workbook, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """1 GiB of sheet in about 4 MB of file."""
    return write_bomb(tmp_path_factory.mktemp("bomb") / "reskontra.xlsx")


def _readers(path: Path) -> dict[str, object]:
    data = path.read_bytes()
    return {
        "sheet": lambda: list(workbooks.sheet_rows(data, "reskontra.xlsx")),
        "measures": lambda: parse_measure_table(data, "reskontra.xlsx"),
        "actions": lambda: parse_action_table(data, "reskontra.xlsx"),
        "smhi": lambda: read_report(data, file_name="reskontra.xlsx"),
        "ledger": lambda: prepare(path, name="reskontra.xlsx", workdir=path.parent),
        "national comparison": lambda: open_book(data, "reskontra.xlsx"),
    }


@pytest.mark.parametrize(
    "reader", ["sheet", "measures", "actions", "smhi", "ledger", "national comparison"]
)
def test_every_workbook_reader_refuses_a_zip_bomb_before_unpacking_it(bomb, reader):
    with pytest.raises(SourceError) as refused:
        _readers(bomb)[reader]()  # type: ignore[operator]
    message = str(refused.value)
    assert message.startswith("reskontra.xlsx: ")
    assert "gånger större uppackad än lagrad" in message


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's VmHWM")
def test_the_bomb_is_refused_in_little_memory(bomb):
    """Peak memory of a whole process that refuses it (the figure in docs/deployment.md)."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forked test process.
    script = (
        "import json, sys, time\n"
        "import django\n"
        "from django.conf import settings\n"
        "settings.configure(USE_I18N=False)\n"
        "django.setup()\n"
        "from pathlib import Path\n"
        "from klimatkontrakt.sources.ledger import prepare\n"
        "from klimatkontrakt.sources.errors import SourceError\n"
        "def peak_mb():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "before = peak_mb()\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    prepare(Path(sys.argv[1]), name='reskontra.xlsx')\n"
        "    outcome = 'read'\n"
        "except SourceError as exc:\n"
        "    outcome = str(exc)\n"
        "print(json.dumps({'outcome': outcome, 'seconds': time.perf_counter() - start,\n"
        "    'peak_before_mb': before, 'peak_mb': peak_mb()}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(bomb)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    figures = json.loads(run.stdout)
    print(figures)  # shown with pytest -s
    assert "unpacks" in figures["outcome"]
    assert figures["peak_mb"] < 200


def test_a_sheet_declaring_more_cells_than_the_limit_is_refused_from_its_dimension(tmp_path):
    """A tiny file whose sheet says it spans A1:XFD1048576 (17 billion cells)."""
    path = write_workbook(tmp_path / "bred.xlsx", 2, dimension="A1:XFD1048576")
    expected = "bred.xlsx: bladet har 1\u00a0048\u00a0576 rader och 16\u00a0384 kolumner"
    with pytest.raises(SourceError, match=expected):
        list(workbooks.sheet_rows(path.read_bytes(), "bred.xlsx"))


def test_rows_beyond_the_cap_are_refused_while_streaming(tmp_path, monkeypatch):
    """A sheet that does not declare its size is counted as it is read."""
    path = write_workbook(tmp_path / "lang.xlsx", 50)
    monkeypatch.setattr(workbooks, "MAX_ROWS", 20)
    with pytest.raises(SourceError, match="lang.xlsx: bladet har 21 rader"):
        list(workbooks.sheet_rows(path.read_bytes(), "lang.xlsx"))


def test_a_workbook_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    data = xlsx_bytes([["a", "b"]] * 200)
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(SourceError, match="stor.xlsx: arbetsboken skulle packas upp till"):
        workbooks.check_workbook(data, "stor.xlsx")


def test_an_ordinary_workbook_passes_the_checks():
    rows = [["konto", "belopp", "datum"], *[["4010", i, "2024-01-01"] for i in range(500)]]
    assert len(list(workbooks.sheet_rows(xlsx_bytes(rows), "ok.xlsx"))) == 501


def test_a_ledger_line_of_many_megabytes_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "en_rad.csv"
    with path.open("wb") as out:
        out.write(b"konto_nr;belopp;datum\n4010;")
        for _ in range(64):
            out.write(b"9" * (1 << 20))  # one 64 MB line
        out.write(b";2024-01-01\n")
    tracemalloc.start()
    try:
        expected = "en_rad.csv, rad 2: raden är längre än 1\u00a0048\u00a0576 tecken"
        with pytest.raises(SourceError, match=expected):
            prepare(path, name="en_rad.csv")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # far less than the line


def test_a_ledger_header_of_absurdly_many_columns_is_refused(tmp_path):
    path = tmp_path / "kolumner.csv"
    path.write_text(";".join(f"k{i}" for i in range(50_000)) + "\n1;2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="kolumner.csv, rad 1: raden har 50000 kolumner"):
        prepare(path, name="kolumner.csv")
