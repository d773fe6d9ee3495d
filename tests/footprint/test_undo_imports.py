"""An import made by mistake can be removed (editors, after a confirmation, with a change log
entry), and a refused import leaves no record, ledger or file behind."""

from __future__ import annotations

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.footprint import services
from klimatkontrakt.footprint.models import (
    ActivityRecord,
    FactorSet,
    Ledger,
    LedgerImport,
    RuleSet,
)
from klimatkontrakt.sources.errors import SourceError
from tests.sources.ledger_files import ROWS, write_csv

pytestmark = pytest.mark.django_db

BAD = ("212000-0000", "X", "1", "TFF", "4010", "t", "trasigt", "2024-01-01")


def _files(ledger_dir):  # type: ignore[no-untyped-def]
    return [p for p in ledger_dir.rglob("*") if p.is_file()] if ledger_dir.exists() else []


def test_an_editor_removes_a_ledger_import_after_confirming(
    client, editor, karlstad, tmp_path, ledger_dir
):
    result = services.import_ledger(editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))])
    item = result.imported[0]
    assert _files(ledger_dir)
    client.force_login(editor)
    url = f"/kommun/1780/inkop/import/{item.pk}/ta-bort/"
    page = client.get(url)
    assert page.status_code == 200 and "lev.csv" in page.content.decode()
    assert LedgerImport.objects.filter(pk=item.pk).exists()  # asking removes nothing
    assert client.post(url).status_code == 302
    assert not LedgerImport.objects.exists() and not Ledger.objects.exists()
    assert _files(ledger_dir) == []
    entry = ChangeLogEntry.objects.exclude(action="imported").get()
    assert entry.actor == editor.pk and entry.municipality == karlstad
    assert (entry.action, entry.object_type, entry.object_id) == (
        "import_deleted",
        "footprint.ledgerimport",
        str(item.pk),
    )
    assert entry.before == {"file": "lev.csv", "rows": 4, "ledger": result.ledger.name}
    upload_page = client.get("/kommun/1780/inkop/importera/").content.decode()
    assert "Ändringslogg" in upload_page and "lev.csv" in upload_page


def test_removing_one_of_two_files_keeps_the_ledger(editor, karlstad, tmp_path):
    first = services.import_ledger(editor, karlstad, [("a.csv", write_csv(tmp_path / "a.csv"))])
    services.import_ledger(
        editor, karlstad, [("b.csv", write_csv(tmp_path / "b.csv", rows=[*ROWS, *ROWS]))]
    )
    services.delete_import(editor, first.imported[0])
    assert list(Ledger.objects.get().imports.values_list("filename", flat=True)) == ["b.csv"]


def test_viewers_and_outsiders_cannot_remove_an_import(
    client, editor, viewer, outsider, karlstad, tmp_path
):
    item = services.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).imported[0]
    for user in (viewer, outsider):
        client.force_login(user)
        assert client.post(f"/kommun/1780/inkop/import/{item.pk}/ta-bort/").status_code == 403
    assert LedgerImport.objects.filter(pk=item.pk).exists()
    assert not ChangeLogEntry.objects.exclude(action="imported").exists()


def test_removing_own_rules_and_factors_goes_back_to_the_shipped_ones(
    client, editor, karlstad, tmp_path
):
    services.import_ledger(editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))])
    rules = tmp_path / "regler.csv"
    rules.write_text("field,pattern,category\naccount,4610,construction_buildings\n")
    factors = tmp_path / "faktorer.csv"
    factors.write_text(
        "category,value,unit,year,currency,source,licence\n"
        "construction_buildings,0.01,kg CO2e/SEK,2024,SEK,Lokal (test),-\n"
    )
    own_rules = services.import_rules(editor, karlstad, "Egna regler", rules)
    own_factors = services.import_factors(editor, karlstad, "Egna faktorer", factors)
    client.force_login(editor)
    tables = client.get("/kommun/1780/inkop/data/").content.decode()
    assert f"/kommun/1780/inkop/regler/{own_rules.pk}/ta-bort/" in tables
    for url in (
        f"/kommun/1780/inkop/regler/{own_rules.pk}/ta-bort/",
        f"/kommun/1780/inkop/faktorer/{own_factors.pk}/ta-bort/",
    ):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    assert not RuleSet.objects.filter(municipality=karlstad).exists()
    assert not FactorSet.objects.filter(municipality=karlstad).exists()
    ledger = Ledger.objects.get()
    assert ledger.rule_set.municipality is None and ledger.factor_set.municipality is None
    assert set(
        ChangeLogEntry.objects.exclude(action="imported").values_list("object_type", flat=True)
    ) == {
        "footprint.ruleset",
        "footprint.factorset",
    }


def test_the_shipped_sets_cannot_be_removed(client, editor, karlstad):
    shipped_rules, _factors = services.ensure_defaults()
    client.force_login(editor)
    assert client.post(f"/kommun/1780/inkop/regler/{shipped_rules.pk}/ta-bort/").status_code == 404


def test_removing_activity_data_of_a_scope_and_year(client, editor, karlstad, tmp_path):
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        "year,department,activity,quantity,unit,replaces_category\n"
        "2023,,diesel,100,l,fuel\n2024,,diesel,100,l,fuel\n"
    )
    services.import_activity(editor, karlstad, activity, scope="Kommunkoncernen")
    client.force_login(editor)
    url = "/kommun/1780/inkop/aktivitet/2024/ta-bort/?omfattning=Kommunkoncernen"
    assert url.replace("?", "?") in client.get("/kommun/1780/inkop/data/").content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert list(ActivityRecord.objects.values_list("year", flat=True)) == [2023]
    entry = ChangeLogEntry.objects.exclude(action="imported").get()
    assert entry.before == {"scope": "Kommunkoncernen", "year": 2024, "records": 1}


def test_a_refused_ledger_leaves_no_ledger_record_or_file(editor, karlstad, tmp_path, ledger_dir):
    bad = write_csv(tmp_path / "dalig.csv", rows=[*ROWS, BAD])
    with pytest.raises(services.ImportRefused):
        services.import_ledger(editor, karlstad, [("dalig.csv", bad)], ledger_name="Ny")
    assert not Ledger.objects.exists() and not LedgerImport.objects.exists()
    assert _files(ledger_dir) == []


def test_refused_rules_factors_and_activity_leave_no_record(editor, karlstad, tmp_path):
    bad = tmp_path / "trasig.csv"
    bad.write_text("field,pattern\naccount\n")
    for service in (services.import_rules, services.import_factors):
        with pytest.raises(SourceError):
            service(editor, karlstad, "Trasig", bad)
    with pytest.raises(SourceError):
        services.import_activity(editor, karlstad, bad)
    assert not RuleSet.objects.exists() and not FactorSet.objects.exists()
    assert not ActivityRecord.objects.exists()
