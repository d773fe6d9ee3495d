"""`klimatkontrakt budget`: one JSON object per municipality, from the current release."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.calc.budgets import compute
from klimatkontrakt.emissions import selectors, services
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities

pytestmark = pytest.mark.django_db

KEYS = {
    "municipality",
    "method",
    "unit",
    "budget_t",
    "budget_start_year",
    "required_reduction_pct",
    "budget_runs_out",
    "net_zero_date",
    "historical_change_pct",
    "trend",
    "paris_path",
    "trend_path",
    "trend_total_t",
    "source",
}


@pytest.fixture(scope="module")
def co2_release(module_db, co2_file):  # type: ignore[no-untyped-def]
    """SMHI's real CO2 report for all 290 municipalities, imported once: these tests only read."""
    import_municipalities(BUNDLED_CODE_LIST)
    return services.import_report(co2_file).release


def _run(*args: str) -> object:
    out = io.StringIO()
    call_command("budget", *args, stdout=out)
    return json.loads(out.getvalue())


def test_budget_for_karlstad_as_json(co2_release):
    data = _run("--municipality", "1780", "--method", "cemus-2023", "--current-year", "2024")
    assert isinstance(data, dict)
    assert data.keys() >= KEYS
    assert data["municipality"] == "1780" and data["method"] == "cemus-2023"
    assert data["unit"] == "t CO2"
    assert data["budget_t"] == pytest.approx(339_036, abs=1)
    assert data["budget_start_year"] == 2024
    assert data["budget_runs_out"] == "2026-02-28"
    assert data["net_zero_date"] == "2049-06-29"
    assert set(data["trend"]) == {"slope", "intercept", "from_year", "to_year"}
    assert data["trend"]["from_year"] == 2015 and data["trend"]["to_year"] == 2022
    assert list(data["paris_path"])[0] == "2024" and list(data["paris_path"])[-1] == "2050"
    assert data["source"]["file_sha256"] == co2_release.sha256
    assert data["source"]["release"] == "2024-04-18"


def test_all_municipalities_match_one_vectorised_pass(co2_release):
    data = _run("--all", "--method", "cemus-2023", "--current-year", "2025")
    assert isinstance(data, list) and len(data) == 290
    batch = compute("cemus-2023", selectors.municipality_series(co2_release), 2025)
    by_code = {d["municipality"]: d for d in data}
    for i, code in enumerate(batch.keys):
        assert by_code[code]["budget_t"] == pytest.approx(float(batch.budget_t[i]), rel=1e-12)


def test_other_methods_and_parameters(co2_release):
    law = _run("--municipality", "1780", "--method", "carbon-law")
    assert law["required_reduction_pct"] == pytest.approx(11.72)
    assert law["meets_goal"] in (True, False)
    fixed = _run(
        "--municipality",
        "1780",
        "--method",
        "fixed",
        "--current-year",
        "2024",
        "--param",
        "budget_t=1000000",
        "--param",
        "start_year=2024",
    )
    assert fixed["budget_t"] == pytest.approx(1_000_000)


def test_errors(co2_release, municipalities):
    with pytest.raises(CommandError, match="no municipality with code 9999"):
        call_command("budget", "--municipality", "9999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no GGT release imported"):
        call_command("budget", "--municipality", "1780", "--gas", "GGT", stdout=io.StringIO())
    with pytest.raises(CommandError, match="budget_t > 0"):
        call_command("budget", "--municipality", "1780", "--method", "fixed", stdout=io.StringIO())
    with pytest.raises(CommandError, match="NAME=VALUE"):
        call_command("budget", "--all", "--param", "oops", stdout=io.StringIO())


def test_through_the_klimatkontrakt_console_command(co2_release, capsys):
    from klimatkontrakt.cli import main

    main(["budget", "--municipality", "1780", "--current-year", "2024", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["municipality"] == "1780" and data["budget_start_year"] == 2024
