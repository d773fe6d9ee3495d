"""The English interface is complete (budget methods, sectors, units, contract sections) and
dates follow the language: 2026-12-05 in Swedish, 5 Dec 2026 in English."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.utils import timezone, translation
from docx import Document

from klimatkontrakt.contracts.models import ContractVersion
from klimatkontrakt.web.templatetags.kk import day

pytestmark = pytest.mark.django_db

SIGNED = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)


def _get(client, path, language):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_budget_methods_and_sectors_are_named_in_english(demo, client):
    sv = _get(client, "/kommun/1780/utslapp/", "sv").content.decode()
    en = _get(client, "/kommun/1780/utslapp/", "en").content.decode()
    assert "CEMUS 2023 (Parisavtalet, 1,5 °C)" in sv and "El och fjärrvärme" in sv
    assert "CEMUS 2023 (Paris Agreement, 1.5 °C)" in en and "Parisavtalet" not in en
    assert "The municipality&#x27;s adopted budget" in en and "Kommunens antagna budget" not in en
    assert "Electricity and district heating" in en and "El och fjärrvärme" not in en


def test_contract_sections_have_english_headings(demo, client):
    sv = _get(client, "/kommun/1780/kontrakt/2024/", "sv").content.decode()
    en = _get(client, "/kommun/1780/kontrakt/2024/", "en").content.decode()
    assert "Syftet med Klimatkontrakt 2030" in sv
    assert ">1 Purpose</h2>" in en and "Syftet med" not in en


def test_categories_and_units_in_both_languages(demo, client):
    sv = _get(client, "/kommun/1780/inkop/", "sv").content.decode()
    en = _get(client, "/kommun/1780/inkop/", "en").content.decode()
    assert "Fjärrvärme" in sv and " liter<" in sv and "district_heating<" not in sv
    assert "District heating" in en and " litres<" in en and "district_heating<" not in en


def test_dates_follow_the_language_on_pages_and_in_documents(demo, client):
    ContractVersion.objects.filter(contract__municipality__code="1780", year=2024).update(
        signed_at=SIGNED
    )
    assert (
        "signerat 2026-12-05" in _get(client, "/kommun/1780/kontrakt/2024/", "sv").content.decode()
    )
    assert "signed 5 Dec 2026" in _get(client, "/kommun/1780/kontrakt/2024/", "en").content.decode()
    for language, expected in (("sv", "2026-12-05"), ("en", "5 Dec 2026")):
        body = _get(client, "/kommun/1780/kontrakt/2024/kontrakt.docx", language).content
        text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
        assert expected in text, language


def test_iso_dates_from_selectors_are_shown_in_the_language():
    with translation.override("sv"):
        assert day("2031-04-30") == "2031-04-30"
        assert day(dt.date(2026, 12, 5)) == "2026-12-05"
    with translation.override("en"):
        assert day("2031-04-30") == "30 Apr 2031"
        assert day(timezone.localdate(SIGNED)) == "5 Dec 2026"
    assert day(None) == "–"
