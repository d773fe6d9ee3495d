import pytest
from django.utils import translation

from klimatkontrakt.web.templatetags.kk import num

pytestmark = pytest.mark.django_db


def test_swedish_by_default_english_on_request(client, karlstad):
    page = client.get("/kommun/1780/")
    assert page.status_code == 200
    assert '<html lang="sv">' in page.content.decode()
    assert "Klimatkontrakt" in page.content.decode()
    assert "Logga in" in page.content.decode()
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/kommun/1780/"})
    assert r.status_code == 302
    page = client.get("/kommun/1780/")
    assert '<html lang="en">' in page.content.decode()
    assert "Log in" in page.content.decode()


def test_numbers_in_swedish_and_english_format():
    with translation.override("sv"):
        assert num(1234567.8) == "1\xa0234\xa0568"
        assert num(1234.56, 1) == "1\xa0234,6"
    with translation.override("en"):
        assert num(1234567.8) == "1,234,568"
    assert num(None) == "–"


def test_an_english_browser_still_gets_swedish_until_it_switches(client, karlstad):
    page = client.get("/kommun/1780/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="sv">' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/kommun/1780/", HTTP_ACCEPT_LANGUAGE="sv-SE")
    assert '<html lang="en">' in page.content.decode()
