"""Importing ledgers for a municipality: all or nothing, once per file, roles required."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from klimatkontrakt.footprint import demo, selectors, services
from klimatkontrakt.footprint.models import ActivityRecord, Ledger, LedgerImport
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.ledger import ColumnMapping
from tests.sources.ledger_files import HEADER, ROWS, TOTAL_SEK, write_csv

pytestmark = pytest.mark.django_db

BAD = ("212000-0000", "X", "1", "TFF", "4010", "t", "trasigt", "2024-01-01")


def test_import_stores_parquet_and_the_figures_match_the_file(
    editor, karlstad, tmp_path, ledger_dir
):
    path = write_csv(tmp_path / "lev.csv", encoding="cp1252", newline="\r\n")
    result = services.import_ledger(editor, karlstad, [("lev.csv", path)])
    item = result.imported[0]
    assert (ledger_dir / item.parquet).exists() and item.rows == 4
    assert item.encoding == "cp1252" and item.delimiter == ";"
    figures = selectors.footprint(result.ledger)
    assert figures["spend_sek"] == pytest.approx(TOTAL_SEK)
    assert figures["lines"] == 4


def test_same_file_twice_counts_once(editor, karlstad, tmp_path):
    path = write_csv(tmp_path / "lev.csv")
    services.import_ledger(editor, karlstad, [("lev.csv", path)])
    again = services.import_ledger(editor, karlstad, [("kopia.csv", path), ("lev.csv", path)])
    assert again.imported == [] and again.duplicates == ["kopia.csv", "lev.csv"]
    assert LedgerImport.objects.count() == 1


def test_a_refused_file_changes_nothing(editor, karlstad, tmp_path, ledger_dir):
    good = write_csv(tmp_path / "bra.csv")
    bad = write_csv(tmp_path / "dalig.csv", rows=[*ROWS, BAD])  # 1 of 5 rows bad: 20 %
    with pytest.raises(services.ImportRefused) as info:
        services.import_ledger(editor, karlstad, [("bra.csv", good), ("dalig.csv", bad)])
    assert LedgerImport.objects.count() == 0
    assert not list(ledger_dir.rglob("*.parquet"))
    refused = [r for r in info.value.reports if r.status == "refused"]
    assert refused[0].name == "dalig.csv"
    assert refused[0].bad_rows[0].message() == (
        "dalig.csv, rad 6, kolumn belopp: belopp är inte ett tal ('trasigt')"
    )


def test_bad_rows_under_the_threshold_are_skipped_and_recorded(editor, karlstad, tmp_path):
    rows = [*ROWS * 50, BAD]
    result = services.import_ledger(
        editor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv", rows=rows))]
    )
    assert result.imported[0].rows == 200
    assert result.imported[0].skipped == [
        "l.csv, rad 202, kolumn belopp: belopp är inte ett tal ('trasigt')"
    ]
    assert selectors.footprint(result.ledger)["lines_rejected"] == 1


def test_viewers_and_outsiders_cannot_import(viewer, outsider, karlstad, tmp_path):
    path = write_csv(tmp_path / "lev.csv")
    for user in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.import_ledger(user, karlstad, [("lev.csv", path)])


def test_saved_column_mapping_is_reused(editor, karlstad, tmp_path):
    header = ("Lev", "Orgnr", "Enhet", "Kto", "Text", "Summa", "Dag", "Köpare")
    path = write_csv(tmp_path / "x.csv", header=header, rows=[r[1:] + (r[0],) for r in ROWS])
    mapping = ColumnMapping(
        {
            "supplier_name": "Lev",
            "supplier_id": "Orgnr",
            "department": "Enhet",
            "account": "Kto",
            "account_text": "Text",
            "amount": "Summa",
            "date": "Dag",
            "buyer_id": "Köpare",
        }
    )
    stored = services.save_column_mapping(editor, karlstad, "Ekonomisystemet", mapping)
    again = ColumnMapping.from_dict(stored.mapping)
    result = services.import_ledger(editor, karlstad, [("x.csv", path)], mapping=again)
    assert selectors.footprint(result.ledger)["spend_sek"] == pytest.approx(TOTAL_SEK)
    assert header != HEADER


def test_rules_factors_and_activity_change_the_result(editor, karlstad, tmp_path):
    result = services.import_ledger(editor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv"))])
    before = selectors.footprint(result.ledger)["total_t"]
    rules = tmp_path / "regler.csv"
    rules.write_text(
        "field,pattern,category\naccount,4610,construction_buildings\n"
        "account,6710,freight_transport\n",
        encoding="utf-8",
    )
    services.import_rules(editor, karlstad, "Egna regler", rules)
    factors = tmp_path / "faktorer.csv"
    factors.write_text(
        "category,value,unit,year,currency,source,licence\n"
        "construction_buildings,0.01,kg CO2e/SEK,2024,SEK,Lokal (test),-\n",
        encoding="utf-8",
    )
    services.import_factors(editor, karlstad, "Egna faktorer", factors)
    ledger = Ledger.objects.get(pk=result.ledger.pk)
    after = selectors.footprint(ledger)
    assert after["by_category"]["construction_buildings"]["t"] == pytest.approx(
        1_000_000 * 0.01 / 1000
    )
    assert after["total_t"] != before
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        "year,department,activity,quantity,unit,replaces_category\n"
        "2024,Teknik- och fastighetsförvaltningen,diesel,100,l,freight_transport\n",
        encoding="utf-8",
    )
    services.import_activity(editor, karlstad, activity, scope=ledger.scope)
    assert ActivityRecord.objects.count() == 1
    with_activity = selectors.footprint(ledger)
    assert with_activity["overlap"]["spend_sek"] == pytest.approx(12345.50)
    assert "diesel" in with_activity["by_category"]


def test_demo_loads_once_with_activity_and_tff_dominates(karlstad):
    ledger = demo.load_demo_footprint(lines=20_000)
    demo.load_demo_footprint(lines=20_000)
    assert ledger.imports.count() == 3 and ledger.example_data and ledger.published
    result = selectors.footprint(ledger)
    assert list(result["by_year"]) == ["2022", "2023", "2024"]
    assert result["activity_t"] > 0 and result["overlap"]["spend_sek"] > 0
    tff = result["by_department"]["Teknik- och fastighetsförvaltningen"]["t"]
    assert 0.5 < tff / result["total_t"] < 0.7
    assert result["fossil_share_pct"] is not None


def test_reader_length_limits_are_the_stored_fields_limits():
    """A value the database cannot hold is refused by the reader, naming row and column."""
    from klimatkontrakt.footprint import models
    from klimatkontrakt.sources.activity import ACTIVITY_LIMITS
    from klimatkontrakt.sources.factors import FACTOR_LIMITS
    from klimatkontrakt.sources.rules import RULE_LIMITS

    for model, limits in (
        (models.Rule, RULE_LIMITS),
        (models.EmissionFactor, FACTOR_LIMITS),
        (models.ActivityRecord, ACTIVITY_LIMITS),
    ):
        stored = {
            f.name: f.max_length
            for f in model._meta.get_fields()
            if getattr(f, "max_length", None) and f.name in limits
        }
        assert stored == limits, model


def test_long_notes_and_sources_are_kept_and_too_long_values_name_their_cell(
    editor, karlstad, tmp_path
):
    note = "Källa: " + "x" * 600
    rules = tmp_path / "regler.csv"
    rules.write_text(f'field,pattern,category,note\naccount,4610,buildings,"{note}"\n', "utf-8")
    stored = services.import_rules(editor, karlstad, "Långa noter", rules)
    assert stored.rules.get().note == note
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        f'year,activity,quantity,unit,source,note\n2024,diesel,100,l,"{note}","{note}"\n', "utf-8"
    )
    services.import_activity(editor, karlstad, activity)
    assert ActivityRecord.objects.get().source == note
    too_long = tmp_path / "för_långa.csv"
    too_long.write_text(f"field,pattern,category\naccount,4610,{'k' * 101}\n", "utf-8")
    with pytest.raises(SourceError) as refused:
        services.import_rules(editor, karlstad, "För långa", too_long)
    assert refused.value.messages == [
        "för_långa.csv, rad 2, kolumn category: längre än 100 tecken (101)"
    ]
    department = tmp_path / "avdelning.csv"
    department.write_text(f"year,activity,quantity,unit,department\n2024,diesel,1,l,{'d' * 201}\n")
    with pytest.raises(SourceError, match="avdelning.csv, rad 2, kolumn department"):
        services.import_activity(editor, karlstad, department)
    assert ActivityRecord.objects.count() == 1
