"""carbon-law as published today, through the command line, the selector behind the emissions
page, report and API, and the page itself, on the demo's SMHI greenhouse-gas data (issue 15)."""

from __future__ import annotations

import io
import json
import math

import pytest
from django.core.management import call_command

from klimatkontrakt.emissions import selectors
from klimatkontrakt.organisations.models import Municipality
from tests.calc import carbon_law_reference as reference

ARGS = ("--all", "--method", "carbon-law", "--gas", "GGT", "--current-year", "2026")


def _run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("budget", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def _karlstad_as_published(figures: dict) -> None:
    """The issue's example. The published sums come from SMHI's unrounded totals and an
    iterative median regression, the demo file's totals are sums of sector figures rounded to
    0.01 t: the sums agree within 1 t (measured 0.14 t and 0.6 t, docs/emissions.md)."""
    assert figures["method"] == "carbon-law" and figures["unit"] == "t CO2e"
    assert figures["budget_t"] == pytest.approx(2_014_896.8, abs=1.0)
    assert figures["trend_total_t"] == pytest.approx(3_889_583.1, abs=1.0)
    assert figures["net_zero_date"] == "2058-05-27"
    assert round(figures["historical_change_pct"], 3) == -0.946
    assert figures["trend"]["slope"] == pytest.approx(-7_626.07, abs=0.005)
    assert figures["trend"]["from_year"] == 2015 and figures["trend"]["to_year"] == 2024
    assert figures["budget_start_year"] == 2026
    assert figures["meets_goal"] is False
    assert list(figures["paris_path"])[0] == "2026" and list(figures["paris_path"])[-1] == "2050"
    assert figures["source"]["file_name"] == "demo-smhi-ggt-klimatkollen.csv"


def test_karlstad_through_the_command(demo_emissions):
    everyone = _run(*ARGS)
    assert len(everyone) == 290
    _karlstad_as_published(next(f for f in everyone if f["municipality"] == "1780"))


def test_karlstad_through_the_selector_of_the_page_report_and_api(demo_emissions, client):
    karlstad = Municipality.objects.get(code="1780")
    figures = selectors.municipality_budget(
        karlstad, method="carbon-law", gas="GGT", current_year=2026
    )
    _karlstad_as_published(figures)
    from_command = next(f for f in _run(*ARGS) if f["municipality"] == "1780")
    assert {k: v for k, v in figures.items() if k != "state"} == from_command
    api = client.get("/api/emissions/1780/budget?gas=GGT&method=carbon-law&current_year=2026")
    assert api.json() == json.loads(json.dumps(figures))
    html = client.get("/kommun/1780/utslapp/?gas=GGT&method=carbon-law&year=2026").content
    page = html.decode()
    assert "2\u00a0014\u00a0897 t CO2e" in page  # the remaining budget from 2026, Swedish format
    assert "2058-05-27" in page  # net zero on the trend
    assert "−0,9\u00a0%" in page or "-0,9\u00a0%" in page  # the compound yearly change


def test_every_municipality_matches_the_independent_reimplementation(demo_emissions):
    totals = reference.read_demo_totals()
    everyone = _run(*ARGS)
    assert {f["municipality_name"] for f in everyone} == set(totals)
    mismatches = []
    for f in everyone:
        want = reference.one(totals[f["municipality_name"]], 2026)
        close = [
            math.isclose(f[k], w, rel_tol=1e-12)
            for k, w in (("budget_t", want.budget), ("trend_total_t", want.trend_total))
        ]
        close.append(math.isclose(f["trend"]["slope"], want.slope, rel_tol=1e-12))
        close.append(math.isclose(f["historical_change_pct"], want.historical_pct, rel_tol=1e-12))
        close.append(f["meets_goal"] == want.meets_goal)
        close.append(f["net_zero_date"] == (want.net_zero.isoformat() if want.net_zero else None))
        if not all(close):
            mismatches.append(f["municipality_name"])
    assert mismatches == []


def test_a_rising_municipality_has_no_net_zero_date_on_the_page(demo_emissions, client):
    rising = [f for f in _run(*ARGS) if f["trend"]["slope"] > 0 and f["net_zero_date"] is None]
    assert rising  # the demo data holds some (e.g. growing municipalities)
    code = rising[0]["municipality"]
    page = client.get(f"/kommun/{code}/utslapp/?gas=GGT&method=carbon-law&year=2026")
    assert "Aldrig (trenden sjunker inte)" in page.content.decode()
