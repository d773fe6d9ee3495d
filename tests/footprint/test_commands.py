"""`klimatkontrakt footprint` (files only, no database) and `klimatkontrakt import-ledger`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.footprint.models import LedgerImport
from tests.sources.ledger_files import ROWS, TOTAL_SEK, write_csv

ROOT = Path(__file__).resolve().parents[2]
RULES = "field,pattern,category,priority\naccount,46,construction\naccount,4,other\n"
FACTORS = (
    "category,value,unit,year,currency,source,licence\n"
    "construction,0.1,kg CO2e/SEK,2024,SEK,test,-\nother,0.2,kg CO2e/SEK,2024,SEK,test,-\n"
    "diesel,2.5,kg CO2e/l,2024,,test,-\n"
)


def tables(tmp_path: Path) -> tuple[Path, Path]:
    rules, factors = tmp_path / "rules.csv", tmp_path / "factors.csv"
    rules.write_text(RULES, encoding="utf-8")
    factors.write_text(FACTORS, encoding="utf-8")
    return rules, factors


def test_one_shot_runs_without_a_database(tmp_path):
    rules, factors = tables(tmp_path)
    activity = tmp_path / "activity.csv"
    activity.write_text("year,activity,quantity,unit\n2024,diesel,10,l\n", encoding="utf-8")
    ledger = write_csv(tmp_path / "lev.csv", encoding="utf-16", newline="\r\n")
    var = tmp_path / "var"
    env = {
        **os.environ,
        "KLIMATKONTRAKT_VAR_DIR": str(var),
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": f"sqlite:///{var}/must-not-exist.sqlite3",
    }
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "klimatkontrakt.cli",
            "footprint",
            str(ledger),
            "--rules",
            str(rules),
            "--factors",
            str(factors),
            "--activity",
            str(activity),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result = json.loads(out.stdout)
    assert not (var / "must-not-exist.sqlite3").exists()
    assert result["lines"] == 4 and result["lines_rejected"] == 0
    assert result["spend_sek"] == pytest.approx(TOTAL_SEK)
    assert result["by_category"]["construction"] == {
        "spend_sek": 1_000_000.0,
        "t": 100.0,
        "basis": "spend",
        "replaced_sek": 0.0,
        "replaced_t": 0.0,
        "has_factor": True,
    }
    assert result["by_category"]["diesel"]["t"] == pytest.approx(0.025)
    expected_t = (1_000_000 * 0.1 + (-1000 + 250000) * 0.2) / 1000 + 0.025
    assert result["total_t"] == pytest.approx(expected_t)
    assert result["unclassified_sek"] == pytest.approx(12345.50)  # account 6710: no rule
    assert set(result["by_department"]) >= {"Teknik- och fastighetsförvaltningen"}
    assert list(result["by_year"]) == ["2024"]


def test_one_shot_refused_file_exits_2(tmp_path, capsys):
    rules, factors = tables(tmp_path)
    bad = write_csv(
        tmp_path / "bad.csv", rows=[*ROWS, ("1", "x", "", "d", "4010", "t", "?", "2024-01-01")]
    )
    with pytest.raises(SystemExit) as info:
        call_command("footprint", str(bad), "--rules", str(rules), "--factors", str(factors))
    assert info.value.code == 2
    result = json.loads(capsys.readouterr().out)
    assert result["files"][0]["status"] == "refused"
    assert result["files"][0]["skipped"] == [
        "bad.csv, rad 6, kolumn belopp: belopp är inte ett tal ('?')"
    ]


def test_one_shot_reports_bad_rules(tmp_path):
    rules = tmp_path / "r.csv"
    rules.write_text("field,pattern,category\nkonto,4,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="r.csv, rad 2, kolumn field"):
        call_command("footprint", str(write_csv(tmp_path / "l.csv")), "--rules", str(rules))


@pytest.mark.django_db
def test_import_command_is_idempotent(karlstad, tmp_path, ledger_dir, capsys):
    ledger = write_csv(tmp_path / "lev.csv")
    call_command("import_ledger", "1780", str(ledger), "--publish")
    call_command("import_ledger", "1780", str(ledger))
    assert LedgerImport.objects.count() == 1
    assert "duplicate" in capsys.readouterr().out


@pytest.mark.django_db
def test_import_command_refuses_and_imports_nothing(karlstad, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("konto_nr;belopp;datum\n4010;x;2024-01-01\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ingenting importerades\nbad.csv: "):
        call_command("import_ledger", "1780", str(write_csv(tmp_path / "ok.csv")), str(bad))
    assert LedgerImport.objects.count() == 0
