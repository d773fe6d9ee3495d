"""Every page type passes axe-core's WCAG 2.1 A/AA rules in headless Chromium."""

import pytest

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import Commitment
from tests.a11y import assert_accessible, session_cookie
from tests.reports.conftest import indicator, karlstad_work  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_pair(version_2023, editor):
    services.sign_version(editor, version_2023)
    v2024 = services.start_next_version(editor, version_2023)
    return version_2023, v2024


PUBLIC_PAGES = [
    "/",
    "/?q=karl",
    "/kommun/1780/",
    "/kommun/1780/kontrakt/2023/",
    "/kommun/1780/kontrakt/2023/utskrift/",
    "/konto/logga-in/",
    "/konto/aterstall/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages(browser, live_server, signed_pair, path):
    assert_accessible(browser, live_server.url + path)


def test_public_pages_in_english(browser, live_server, signed_pair):
    assert_accessible(browser, live_server.url + "/kommun/1780/kontrakt/2023/", language="en-GB")


def test_editor_pages(browser, live_server, client, admin_user, signed_pair):
    _, v2024 = signed_pair
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    c = Commitment.objects.filter(version=v2024).first()
    for path in [
        "/kommun/1780/kontrakt/2024/",
        f"/kommun/1780/kontrakt/2024/atagande/{c.pk}/",
        f"/kommun/1780/kontrakt/2024/atagande/{c.pk}/redigera/",
        "/kommun/1780/kontrakt/2024/atagande/ny/",
        "/kommun/1780/kontrakt/2024/avsnitt/goal/",
        "/kommun/1780/kontrakt/2024/signera/",
        "/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024",
        "/kommun/1780/kontrakt/statusar/",
        "/konto/losenord/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_form_with_errors(browser, live_server, client, admin_user, signed_pair):
    """A refused form must stay accessible: summary, field errors, labels."""
    _, v2024 = signed_pair
    client.force_login(admin_user)
    context = browser.new_context()
    context.add_cookies(session_cookie(client, live_server.url))
    page = context.new_page()
    page.goto(live_server.url + "/kommun/1780/kontrakt/2024/atagande/ny/")
    page.fill("#id_title", "")
    page.fill("#id_planned_year", "1800")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    from tests.a11y import AXE, WCAG_TAGS

    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert result["violations"] == []


def test_emissions_pages(browser, live_server, client, user_factory):
    from klimatkontrakt.emissions.demo import load_demo_emissions
    from klimatkontrakt.organisations.models import Municipality
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities

    import_municipalities(BUNDLED_CODE_LIST)
    load_demo_emissions()
    for path, language in [
        ("/kommun/1780/utslapp/", None),
        ("/kommun/1780/utslapp/?gas=GGT&method=carbon-law", None),
        ("/kommun/1780/utslapp/?gas=GGT", "en-GB"),
        ("/kommun/1780/utslapp/?method=fixed", None),
    ]:
        assert_accessible(browser, live_server.url + path, language=language)
    client.force_login(
        user_factory(username="mal", member_of=Municipality.objects.get(code="1780"))
    )
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/utslapp/?gas=GGT",
        "/kommun/1780/utslapp/mal/ny/",
        "/kommun/1780/utslapp/budget/ny/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_indicator_pages(browser, live_server, karlstad):
    from klimatkontrakt.indicators.demo import load_demo_indicators

    indicators = load_demo_indicators()
    paths = ["/kommun/1780/indikatorer/"]
    paths += [f"/kommun/1780/indikatorer/{i.pk}/" for i in indicators[:2]]
    for path in paths:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, language=language)


def test_action_plan_pages(browser, live_server, client, karlstad, admin_user):
    from klimatkontrakt.plans.demo import load_demo_plans

    project, _ = load_demo_plans()
    action = project.actions.order_by("identifier").first()
    base = f"/kommun/1780/handlingsplaner/{project.pk}/"
    public = ["/kommun/1780/handlingsplaner/", base, f"{base}{action.pk}/"]
    for path in public:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, language=language)
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    for path in [
        base,
        f"{base}ny/",
        f"{base}import/",
        f"{base}{action.pk}/redigera/",
        f"{base}{action.pk}/uppdatera/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_refused_action_import(browser, live_server, client, karlstad, admin_user, tmp_path):
    """The refusal with file/row/column messages must be accessible too."""
    from klimatkontrakt.plans.demo import load_demo_plans
    from tests.a11y import AXE, WCAG_TAGS

    project, _ = load_demo_plans()
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(b"not a workbook")
    client.force_login(admin_user)
    context = browser.new_context()
    context.add_cookies(session_cookie(client, live_server.url))
    page = context.new_page()
    page.goto(f"{live_server.url}/kommun/1780/handlingsplaner/{project.pk}/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})", WCAG_TAGS
    )
    context.close()
    assert result["violations"] == []


def test_training_register_pages(
    browser, live_server, client, karlstad, admin_user, department_factory
):
    from datetime import date

    from klimatkontrakt.training.services import record_training

    ks = department_factory(
        municipality=karlstad, name="Kommunstyrelsen", short_name="KS", kind="namnd"
    )
    record_training(
        admin_user, karlstad, held_on=date(2024, 2, 1), concept="Klimatkunskap",
        audience="body", department=ks, participants=12,
    )  # fmt: skip
    for language in (None, "en-GB"):
        assert_accessible(
            browser, live_server.url + "/kommun/1780/utbildningar/", language=language
        )
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    for path in ["/kommun/1780/utbildningar/", "/kommun/1780/utbildningar/ny/"]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_footprint_pages(browser, live_server, client, editor, karlstad, tmp_path, settings):  # noqa: F811
    """Purchase footprint: empty state, overview (sv/en), drill-down, editor's import page."""
    from klimatkontrakt.footprint import services as footprint
    from tests.sources.ledger_files import write_csv

    settings.LEDGER_DIR = tmp_path / "ledgers"
    assert_accessible(browser, live_server.url + "/kommun/1780/inkop/")
    ledger = footprint.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    footprint.set_published(editor, ledger, True)
    for path, language in [
        ("/kommun/1780/inkop/", None),
        ("/kommun/1780/inkop/", "en-GB"),
        ("/kommun/1780/inkop/rader/?category=construction_buildings", None),
    ]:
        assert_accessible(browser, live_server.url + path, language=language)
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/inkop/",
        "/kommun/1780/inkop/importera/",
        "/kommun/1780/inkop/kolumner/",
        "/kommun/1780/inkop/data/",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_report_pages(browser, live_server, client, editor, karlstad, karlstad_work):  # noqa: F811
    """Follow-up reports: the list and a report, for the public and for an editor."""
    from klimatkontrakt.reports import services

    services.publish(
        editor, services.approve(editor, services.create_draft(editor, karlstad, 2024))
    )
    services.create_draft(editor, karlstad, 2023)
    for path in ["/kommun/1780/uppfoljning/", "/kommun/1780/uppfoljning/2024/"]:
        assert_accessible(browser, live_server.url + path)
    assert_accessible(
        browser, live_server.url + "/kommun/1780/uppfoljning/2024/rapport.html", language="en-GB"
    )
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in [
        "/kommun/1780/uppfoljning/",
        "/kommun/1780/uppfoljning/2023/",
        "/kommun/1780/uppfoljning/2024/",
        "/kommun/1780/uppfoljning/2023/rapport.html",
    ]:
        assert_accessible(browser, live_server.url + path, cookies=cookies)


def test_change_log_page(browser, live_server, client, karlstad, admin_user):
    """The administrators' change log: filters, the table of changes and its pages."""
    from klimatkontrakt.audit.models import ChangeLogEntry
    from klimatkontrakt.audit.services import log_change

    client.force_login(admin_user)
    r = client.post(
        "/api/trainings/?municipality=1780",
        {"held_on": "2024-05-02", "concept": "Klimatkollen", "audience": "staff"},
        content_type="application/json",
    )
    assert r.status_code == 201
    for n in range(55):
        log_change(admin_user, karlstad, ChangeLogEntry.Action.DELETED, karlstad, label=f"x{n}")
    cookies = session_cookie(client, live_server.url)
    url = live_server.url + "/kommun/1780/andringslogg/"
    for language in (None, "en-GB"):
        assert_accessible(browser, url, cookies=cookies, language=language)
    assert_accessible(browser, url + "?sida=2", cookies=cookies, width=390)
    assert_accessible(browser, url + "?typ=training.training", cookies=cookies, width=390)
