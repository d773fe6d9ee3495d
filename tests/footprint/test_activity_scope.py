"""Measured energy, fuel and food data belong to a year and an organisational scope: a ledger
meets only the data of its own scope, for the years its lines hold."""

from __future__ import annotations

import pytest

from klimatkontrakt.footprint import demo, selectors, services
from klimatkontrakt.footprint.models import DEFAULT_SCOPE, Ledger
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


def _activity(path, rows: str):  # type: ignore[no-untyped-def]
    path.write_text(
        "year,department,activity,quantity,unit,replaces_category\n" + rows, encoding="utf-8"
    )
    return path


def test_a_four_line_test_ledger_beside_the_demo_reports_only_its_own_lines(
    client, editor, karlstad, tmp_path
):
    demo_ledger = demo.load_demo_footprint(lines=2_000)
    assert selectors.footprint(demo_ledger)["activity_t"] > 100  # the demo's measured data
    client.force_login(editor)
    with write_csv(tmp_path / "test.csv").open("rb") as handle:
        response = client.post(
            "/kommun/1780/inkop/importera/",
            {"ledger": "Test", "ledger_files": handle, "threshold": "1"},
        )
    assert response.status_code == 302
    test_ledger = Ledger.objects.get(municipality=karlstad, name="Test")
    figures = selectors.footprint(test_ledger)
    assert figures["activity_t"] == 0
    assert figures["total_t"] == pytest.approx(figures["spend_based_t"])
    assert figures["total_t"] < 100  # four invoice lines, not the group's thousands of tonnes
    page = client.get(f"/kommun/1780/inkop/?reskontra={test_ledger.pk}").content.decode()
    assert "17 8" not in page and "17,8" not in page


def test_activity_is_combined_only_with_the_years_the_ledger_holds(editor, karlstad, tmp_path):
    ledger = services.import_ledger(
        editor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv"))], scope=DEFAULT_SCOPE
    ).ledger
    assert selectors.ledger_years(ledger) == {2024}
    services.import_activity(
        editor,
        karlstad,
        _activity(tmp_path / "a.csv", "2021,,diesel,1000,l,fuel\n2024,,diesel,100,l,fuel\n"),
    )
    figures = selectors.footprint(ledger)
    assert [a["year"] for a in figures["activity"]] == [2024]


def test_activity_of_another_scope_is_not_combined(editor, karlstad, tmp_path):
    ledger = services.import_ledger(
        editor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv"))], scope="Karlstads Energi AB"
    ).ledger
    services.import_activity(
        editor, karlstad, _activity(tmp_path / "a.csv", "2024,,diesel,100,l,fuel\n")
    )
    assert selectors.footprint(ledger)["activity_t"] == 0
    services.import_activity(
        editor,
        karlstad,
        _activity(tmp_path / "b.csv", "2024,,diesel,100,l,fuel\n"),
        scope="Karlstads Energi AB",
    )
    assert selectors.footprint(ledger)["activity_t"] > 0


def test_the_one_shot_command_leaves_out_activity_of_other_years(tmp_path):
    from klimatkontrakt.footprint import engine
    from klimatkontrakt.sources import factors, rules
    from klimatkontrakt.sources.activity import read_activity

    activity = read_activity(_activity(tmp_path / "a.csv", "2019,,diesel,100000,l,fuel\n"))
    result = engine.run(
        [write_csv(tmp_path / "l.csv")], rules.default_rules(), factors.default_factors(), activity
    )
    assert result["activity_t"] == 0
