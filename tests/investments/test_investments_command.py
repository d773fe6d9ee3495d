import json

import pytest
from django.core.management import CommandError, call_command

from tests.investments.test_measure_import import GOOD


def run(*args):
    import io

    out = io.StringIO()
    call_command("investments", *args, stdout=out)
    return out.getvalue()


def test_show_json_has_the_documented_keys(demo_plan):
    data = json.loads(
        run(
            "show",
            "--municipality",
            "1780",
            "--plan",
            demo_plan.name,
            "--format",
            "json",
            "--runs",
            "300",
        )
    )
    for key in ("discount_rate", "measures", "pathway", "cumulative_t", "within_budget",
                "probability_within_budget"):  # fmt: skip
        assert key in data
    assert data["discount_rate"] == 0.035
    first = data["measures"][0]
    assert {"name", "abatement_cost_sek_per_t", "reduction_t_per_year"} <= set(first)
    assert set(data["pathway"]) == {str(y) for y in range(2025, 2031)}
    assert data["cumulative_t"] == pytest.approx(sum(data["pathway"].values()))
    assert isinstance(data["within_budget"], bool)
    assert 0 <= data["probability_within_budget"] <= 1
    band = data["chosen_cost_band_sek"]
    assert band["p10"] <= band["p50"] <= band["p90"]
    # Demo capex ranges run 0.9–1.3 × central, so the spread is real.
    assert band["p90"] > band["p10"]


def test_show_without_baseline_gives_null_with_reason(empty_plan):
    data = json.loads(
        run("show", "--municipality", "1780", "--plan", "Tom plan", "--format", "json")
    )
    assert data["probability_within_budget"] is None
    assert "baseline" in data["probability_within_budget_reason"]
    assert data["pathway"] is None and data["within_budget"] is None


def test_import_command_then_show(sector_plan, tmp_path):
    path = tmp_path / "atgarder.csv"
    path.write_bytes(GOOD.encode("cp1252"))
    name = sector_plan.name
    assert "2 measures added" in run("import", str(path), "--municipality", "1780", "--plan", name)
    assert "already imported" in run("import", str(path), "--municipality", "1780", "--plan", name)
    data = json.loads(run("show", "--municipality", "1780", "--plan", name, "--format", "json"))
    assert [m["name"] for m in data["measures"]] == ["Cykelpool", "Värmepumpar i förskolor"]


def test_import_command_reports_bad_file(empty_plan, tmp_path):
    path = tmp_path / "fel.csv"
    path.write_bytes(b"name;sector\nA;B\n")
    with pytest.raises(CommandError, match="fel.csv, rad 1: kolumner saknas"):
        run("import", str(path), "--municipality", "1780", "--plan", "Tom plan")


def test_unknown_plan(karlstad):
    with pytest.raises(CommandError, match="no investment plan named 'Nej'"):
        run("show", "--municipality", "1780", "--plan", "Nej")
