"""The site administrator's SMHI import page and a national job's page (running, done, failed)
pass axe-core's WCAG 2.1 A/AA rules, in both languages and 390 px wide."""

import pytest

from klimatkontrakt.emissions import services
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from tests.a11y import assert_accessible, session_cookie
from tests.emissions.test_import_smhi import _small_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_smhi_import_and_national_job_pages(
    browser, live_server, client, django_user_model, municipalities, tmp_path
):
    services.import_report(_small_report(tmp_path / "co2.xlsx", "2025-03-31"))  # a listed release
    admin = django_user_model.objects.create_superuser("plattform", "drift@example.se", "pw-x")
    running = jobs.start_national(admin, Job.Kind.SMHI, files_total=1)
    jobs.progress(running.pk, Job.Stage.STORING, rows_read=19344)
    done = jobs.start_national(admin, Job.Kind.SMHI, files_total=1)
    jobs.finish(done.pk, "Importerade SMHI:s CO2-publicering från 2024-04-18.", "/admin/")
    failed = jobs.start_national(admin, Job.Kind.SMHI, files_total=1)
    jobs.fail(failed.pk, ["co2.xlsx, rad 8, kolumn F: inte ett tal ('x')"])
    client.force_login(admin)
    cookies = session_cookie(client, live_server.url)
    paths = ["/utslapp/smhi/importera/"] + [f"/jobb/{j.pk}/" for j in (running, done, failed)]
    page = client.get(paths[0]).content.decode()
    assert "2025-03-31" in page and "Gällande" in page
    for path in paths:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, cookies=cookies, language=language)
        assert_accessible(browser, live_server.url + path, cookies=cookies, width=390)
