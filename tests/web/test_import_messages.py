"""A refused file is explained in the interface language, naming file, row and column: one
error per importer, uploaded in Swedish and in English (SMHI files come in by command)."""

import html

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.organisations.demo import DEMO_EDITOR
from klimatkontrakt.plans.models import ActionPlan
from tests.sources.workbook_bombs import xlsx_bytes

pytestmark = pytest.mark.django_db

FACTORS = "category,value,unit,year,currency,source,licence\nx,abc,kg CO2e/SEK,2024,SEK,s,l\n"
RULES = "field,pattern,category\nkonto,5,x\n"
ACTIVITY = "year,activity,quantity,unit\n20x4,diesel,10,l\n"


def _upload(client, path, language, field, name, content, **data):  # type: ignore[no-untyped-def]
    client.force_login(get_user_model().objects.get(username=DEMO_EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(path, {field: SimpleUploadedFile(name, content), **data}, follow=True)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


CASES = {
    "ledger": (
        "/kommun/1780/inkop/importera/",
        "ledger_files",
        "reskontra.csv",
        b"Datum;Text\n2024-01-05;papper\n",
        {"ledger": "Test", "threshold": "1"},
        "reskontra.csv, rad 1: obligatoriska kolumner saknas",
        "reskontra.csv, row 1: required columns missing",
    ),
    "factors": (
        "/kommun/1780/inkop/data/",
        "factors",
        "f.csv",
        FACTORS.encode(),
        {},
        "f.csv, rad 2, kolumn value: 'abc' är inte ett tal",
        "f.csv, row 2, column value: 'abc' is not a number",
    ),
    "rules": (
        "/kommun/1780/inkop/data/",
        "rules",
        "r.csv",
        RULES.encode(),
        {},
        "r.csv, rad 2, kolumn field: 'konto' ska vara en av account",
        "r.csv, row 2, column field: 'konto' should be one of account",
    ),
    "activity": (
        "/kommun/1780/inkop/data/",
        "activity",
        "a.csv",
        ACTIVITY.encode(),
        {},
        "a.csv, rad 2, kolumn year: '20x4' är inte ett år",
        "a.csv, row 2, column year: '20x4' is not a year",
    ),
    "actions": (
        "/kommun/1780/handlingsplaner/{action_plan}/import/",
        "file",
        "aktiviteter.xlsx",
        xlsx_bytes([["identifier", "title"], ["A1", ""]]),
        {},
        "aktiviteter.xlsx, rad 2, kolumn title: får inte vara tom",
        "aktiviteter.xlsx, row 2, column title: must not be empty",
    ),
    "measures": (
        "/kommun/1780/investeringsplan/{investment_plan}/atgarder/import/",
        "file",
        "atgarder.csv",
        b"name\nLed-belysning\n",
        {},
        "atgarder.csv, rad 1: kolumner saknas: ",
        "atgarder.csv, row 1: missing columns: ",
    ),
}


@pytest.mark.parametrize("importer", sorted(CASES))
def test_an_import_error_names_row_and_column_in_both_languages(demo, client, importer):
    path, field, name, content, data, swedish, english = CASES[importer]
    path = path.format(
        action_plan=ActionPlan.objects.filter(municipality__code="1780").first().pk,
        investment_plan=InvestmentPlan.objects.filter(municipality__code="1780").first().pk,
    )
    sv = _upload(client, path, "sv", field, name, content, **data)
    en = _upload(client, path, "en", field, name, content, **data)
    assert swedish in sv and english not in sv
    assert english in en and swedish not in en


def test_a_refused_smhi_file_is_explained_in_the_active_language(demo, tmp_path):
    broken = tmp_path / "lansrapport.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="lansrapport.xlsx: inte en Excel-arbetsbok"):
        call_command("import_smhi", str(broken))
    with translation.override("en"), pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_smhi", str(broken))


def test_a_refused_ledger_file_says_so_in_words(demo, client):
    path, field, name, _content, data, _sv, _en = CASES["ledger"]
    content = b"Konto;Belopp;Datum\n5410;tre;2024-01-05\n"
    sv = _upload(client, path, "sv", field, name, content, **data)
    en = _upload(client, path, "en", field, name, content, **data)
    # The upload runs as a task: its job page gives the outcome in words, never the code.
    assert "Ingenting importerades" in sv and "refused" not in sv
    assert "reskontra.csv: 1 av 1 rader är felaktiga (100,00 %)" in sv
    assert "hela filen avvisas" in sv
    assert "reskontra.csv, rad 2, kolumn Belopp: belopp är inte ett tal" in sv
    assert "Nothing was imported" in en
    assert "reskontra.csv: 1 of 1 rows are faulty (100.00 %)" in en
    assert "reskontra.csv, row 2, column Belopp: the amount is not a number" in en
