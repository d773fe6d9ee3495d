"""The open dataset of footprints: published ledgers only, sums per year, department and
category equal to the public page's, never an invoice line or a supplier."""

from __future__ import annotations

from collections import defaultdict

import pytest

from klimatkontrakt.footprint import selectors, services
from klimatkontrakt.footprint.models import Ledger
from klimatkontrakt.opendata.datasets.footprint import DATASET
from tests.opendata.field_checks import check_rows
from tests.sources.ledger_files import ROWS, write_csv

pytestmark = pytest.mark.django_db

# Suppliers, their numbers and the account texts of the invoice lines.
LINE_DETAILS = (
    [r[1] for r in ROWS if r[1] != "*"] + [r[2] for r in ROWS if r[2]] + [r[5] for r in ROWS]
)


@pytest.fixture(autouse=True)
def ledger_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.LEDGER_DIR = tmp_path / "ledgers"
    selectors._CACHE.clear()
    return settings.LEDGER_DIR


def _ledger(user, municipality, tmp_path, name: str, **flags: bool) -> Ledger:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / f"{name}.csv")
    ledger = services.import_ledger(
        user, municipality, [("lev.csv", path)], ledger_name=name
    ).ledger
    Ledger.objects.filter(pk=ledger.pk).update(**flags)
    ledger.refresh_from_db()
    return ledger


def test_sums_equal_the_public_page_and_hold_no_lines(editor, karlstad, tmp_path):
    ledger = _ledger(editor, karlstad, tmp_path, "Reskontra 2024", published=True)
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=tuple(LINE_DETAILS))
    assert rows and {r["ledger"] for r in rows} == {"Reskontra 2024"}
    assert {r["year"] for r in rows} == {2024}
    page = selectors.footprint(ledger)["by_category"]
    spend: dict[str, float] = defaultdict(float)
    tonnes: dict[str, float] = defaultdict(float)
    for r in rows:
        spend[r["category"]] += float(r["spend_sek"] or 0)
        tonnes[r["category"]] += float(r["emissions_t"] or 0)
    assert set(spend) == set(page)
    for category, figures in page.items():
        assert spend[category] == pytest.approx(figures["spend_sek"], abs=0.01)
        assert tonnes[category] == pytest.approx(figures["t"], abs=0.001)
    departments = {r["department"] for r in rows}
    assert "Teknik- och fastighetsförvaltningen" in departments
    keys = [(r["year"], r["department"], r["category"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_drafts_and_shared_ledgers_stay_out(editor, karlstad, tmp_path):
    _ledger(editor, karlstad, tmp_path, "Utkast")
    _ledger(editor, karlstad, tmp_path, "Delad", shared_with_programme=True)
    _ledger(editor, karlstad, tmp_path, "Till rapporten", include_in_report=True)
    assert list(DATASET.rows(karlstad)) == []
    assert list(DATASET.rows(None)) == []


def test_one_municipality_or_all(editor, outsider, karlstad, other_municipality, tmp_path):
    _ledger(editor, karlstad, tmp_path, "Karlstads", published=True)
    _ledger(outsider, other_municipality, tmp_path, "Stockholms", published=True)
    own = list(DATASET.rows(other_municipality))
    assert own and {(r["municipality_code"], r["ledger"]) for r in own} == {("0180", "Stockholms")}
    everything = list(DATASET.rows(None))
    check_rows(DATASET, everything)
    codes = [r["municipality_code"] for r in everything]
    assert codes == sorted(codes) and set(codes) == {"0180", "1780"}
