"""The documented upload limits: a file larger than KLIMATKONTRAKT_MAX_UPLOAD_MB is refused by
the form with its name, and a request larger than KLIMATKONTRAKT_MAX_REQUEST_MB gets a readable
413 page before its body is read; neither leaves anything behind."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klimatkontrakt.footprint.models import Ledger, RuleSet
from klimatkontrakt.jobs.models import Job

pytestmark = pytest.mark.django_db

RULES = b"field;pattern;category\naccount;4010;office\n"


def test_a_file_over_the_limit_is_refused_by_name_and_nothing_is_started(client, editor, settings):
    settings.MAX_UPLOAD_BYTES = 1 << 20
    client.force_login(editor)
    big = b"konto_nr;belopp;datum\n" + b"4010;100;2024-01-01\n" * 80_000  # 1.5 MB
    response = client.post(
        "/kommun/1780/inkop/importera/",
        {"ledger": "Stor", "threshold": "1", "ledger_files": SimpleUploadedFile("stor.csv", big)},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "stor.csv är 1,5 MB, mer än de 1,0 MB en fil får vara." in page
    assert not Job.objects.exists() and not Ledger.objects.exists()


def test_an_empty_table_file_is_refused_by_name(client, editor):
    client.force_login(editor)
    response = client.post("/kommun/1780/inkop/data/", {"rules": SimpleUploadedFile("r.csv", b"")})
    assert "r.csv är tom." in html.unescape(response.content.decode())
    assert not RuleSet.objects.filter(municipality__code="1780").exists()


def test_a_request_over_the_limit_gets_a_readable_413(client, editor, settings):
    settings.MAX_REQUEST_BYTES = 10_000
    settings.MAX_UPLOAD_BYTES = 5_000
    client.force_login(editor)
    response = client.post(
        "/kommun/1780/inkop/data/", {"rules": SimpleUploadedFile("r.csv", RULES * 1000)}
    )
    assert response.status_code == 413
    page = html.unescape(response.content.decode())
    assert "Uppladdningen är för stor" in page and 'lang="sv"' in page
    assert not RuleSet.objects.filter(municipality__code="1780").exists()
    # Under the limit the same page answers as usual.
    response = client.post(
        "/kommun/1780/inkop/data/", {"rules": SimpleUploadedFile("r.csv", RULES)}
    )
    assert response.status_code == 302


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("language", "width"), [("sv", None), ("en", None), ("sv", 390)])
def test_the_413_page_is_accessible(
    browser, live_server, client, editor, settings, tmp_path, language, width
):
    from tests.a11y import AXE, WCAG_TAGS, session_cookie

    settings.MAX_REQUEST_BYTES = 10_000
    big = tmp_path / "regler.csv"
    big.write_bytes(RULES * 1000)
    client.force_login(editor)
    viewport = {"width": width, "height": 844} if width else None
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [
            *session_cookie(client, live_server.url),
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/kommun/1780/inkop/data/")
    page.set_input_files("#id_rules", str(big))
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("main button[type=submit]")
    assert answer.value.status == 413
    page.wait_for_selector("main h1")
    heading = page.inner_text("main h1")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert heading == {"sv": "Uppladdningen är för stor", "en": "The upload is too large"}[language]
    assert result["violations"] == []
