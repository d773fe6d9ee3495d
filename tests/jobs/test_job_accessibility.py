"""A background job's page (running, done, failed) passes axe-core's WCAG 2.1 A/AA rules, in
both languages and 390 px wide."""

import pytest

from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from tests.a11y import assert_accessible, session_cookie
from tests.reports.conftest import indicator, karlstad_work  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_job_pages(browser, live_server, client, editor, karlstad):
    running = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT, files_total=2)
    jobs.progress(running.pk, Job.Stage.READING, rows_read=250000, files_done=1)
    done = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT, files_total=1)
    jobs.finish(done.pk, "Importerade 1 fil(er); 0 var redan importerade.", "/kommun/1780/inkop/")
    failed = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT, files_total=1)
    jobs.fail(failed.pk, ["trasig.csv, rad 2, kolumn belopp: inte ett tal"])
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for job in (running, done, failed):
        url = f"{live_server.url}/kommun/1780/jobb/{job.pk}/"
        for language in (None, "en-GB"):
            assert_accessible(browser, url, cookies=cookies, language=language)
        assert_accessible(browser, url, cookies=cookies, width=390)


def test_the_page_follows_the_job_by_itself_under_the_sites_csp(
    browser, live_server, client, editor, karlstad
):
    """htmx polls the status fragment (no inline script, the real policy enforced) until the job
    ends, then stops."""
    job = jobs.start(editor, karlstad, Job.Kind.LEDGER_IMPORT, files_total=1)
    client.force_login(editor)
    context = browser.new_context(locale="sv-SE", bypass_csp=False)
    context.add_cookies(session_cookie(client, live_server.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{live_server.url}/kommun/1780/jobb/{job.pk}/", wait_until="load")
        status = page.locator("#job-status")
        assert "Väntar på bakgrundsarbetet" in status.inner_text()
        jobs.progress(job.pk, Job.Stage.STORING, rows_read=4321, files_done=1)
        page.locator("#job-status", has_text="Sparar raderna").wait_for()
        assert "4 321" in status.inner_text().replace("\xa0", " ")
        jobs.finish(
            job.pk, "Importerade 1 fil(er); 0 var redan importerade.", "/kommun/1780/inkop/"
        )
        page.locator("#job-status", has_text="Se resultatet").wait_for()
        assert page.locator("#job-status[hx-get]").count() == 0  # polling has stopped
        assert not [e for e in errors if "Content Security Policy" in e]
    finally:
        context.close()


def test_the_pages_that_start_background_work(
    browser,
    live_server,
    client,
    editor,
    karlstad,
    karlstad_work,  # noqa: F811
):
    """The editor's indicators list (Kolada button) and report page (background document form)."""
    from klimatkontrakt.reports import services

    services.create_draft(editor, karlstad, 2024)
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in ["/kommun/1780/indikatorer/", "/kommun/1780/uppfoljning/2024/"]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, cookies=cookies, language=language)
        assert_accessible(browser, live_server.url + path, cookies=cookies, width=390)
