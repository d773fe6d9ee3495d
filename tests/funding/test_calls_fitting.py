"""Calls that fit a city's unfunded measures (page, .ics, API), applications flowing into the
measure's funding, and the digest of calls closing soon, sent once per call and measure."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from klimatkontrakt.funding.models import Application, CallNotice
from klimatkontrakt.funding.services.calls import record_application, send_call_digest
from klimatkontrakt.investments.models import Funding, FundingSource
from tests.funding.call_factories import CallFactory


@pytest.fixture
def plan(investment_plan_factory, karlstad):
    return investment_plan_factory(municipality=karlstad, is_published=True, name="Pilotplan")


@pytest.fixture
def charging(measure_factory, plan):
    return measure_factory(
        plan=plan,
        name="Laddinfrastruktur vid arbetsplatser",
        category="personbilar",
        capex_sek=Decimal("3000000"),
        start_year=timezone.localdate().year + 1,
    )


@pytest.fixture
def call(db):
    return CallFactory(
        funder_name="Naturvårdsverket",
        title="Klimatklivet: laddinfrastruktur",
        categories=["personbilar"],
    )


def test_page_lists_the_call_with_its_reasons_and_the_calendar(client, charging, call):
    page = client.get("/kommun/1780/utlysningar/").content.decode()
    assert "Laddinfrastruktur vid arbetsplatser" in page
    assert "Klimatklivet: laddinfrastruktur" in page
    assert "utlysningen nämner åtgärdens kategori (personbilar)" in page
    assert "laddinfrastruktur" in page and "öppen nu" in page
    english = client.get("/kommun/1780/utlysningar/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200


def test_a_measure_whose_funding_is_granted_gets_no_suggestion(client, charging, call, karlstad):
    source = FundingSource.objects.create(municipality=karlstad, kind="own_budget", name="Budget")
    Funding.objects.create(
        measure=charging, source=source, amount_sek=Decimal("3000000"), year=2026, state="planned"
    )
    data = client.get("/api/calls/municipality/1780/suggestions").json()
    assert [s["measure"] for s in data] == ["Laddinfrastruktur vid arbetsplatser"]  # planned only
    Funding.objects.filter(measure=charging).update(state="granted")
    assert client.get("/api/calls/municipality/1780/suggestions").json() == []


def test_api_gives_reasons_with_kinds_and_texts(client, charging, call):
    (entry,) = client.get("/api/calls/municipality/1780/suggestions").json()
    assert entry["gap_sek"] == 3000000.0
    (suggestion,) = entry["suggestions"]
    assert suggestion["call"]["title"] == call.title
    assert [r["kind"] for r in suggestion["reasons"]][:2] == ["category", "keywords"]
    assert client.get("/api/calls/municipality/12ab/suggestions").status_code == 422
    assert client.get("/api/calls/2147483648").status_code == 422


def test_ics_has_one_event_on_the_closing_day(client, charging, call):
    r = client.get("/kommun/1780/utlysningar/kalender.ics")
    assert r["Content-Type"].startswith("text/calendar")
    body = r.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"DTSTART;VALUE=DATE:{call.closes_on:%Y%m%d}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_unpublished_plans_stay_hidden_from_others(client, plan, charging, call, outsider):
    plan.is_published = False
    plan.save()
    client.force_login(outsider)
    assert (
        "Laddinfrastruktur vid arbetsplatser"
        not in client.get("/kommun/1780/utlysningar/").content.decode()
    )
    assert client.get("/api/calls/municipality/1780/suggestions").json() == []


def test_granted_application_becomes_granted_funding_and_refusal_removes_it(editor, charging, call):
    today = timezone.localdate()
    applied = record_application(
        editor, charging, call, state="applied", amount_sek=Decimal("1500000"), applied_on=today
    )
    assert applied.funding is None and not Funding.objects.exists()
    granted = record_application(
        editor,
        charging,
        call,
        state="granted",
        amount_sek=Decimal("1200000"),
        applied_on=today,
        decided_on=today,
    )
    funding = Funding.objects.get()
    assert granted.pk == applied.pk and granted.funding == funding
    assert (funding.state, funding.amount_sek, funding.year) == (
        "granted",
        Decimal("1200000"),
        today.year,
    )
    assert funding.source.name == "Naturvårdsverket" and funding.source.kind == "klimatklivet"
    record_application(
        editor,
        charging,
        call,
        state="refused",
        amount_sek=Decimal("0"),
        applied_on=today,
        decided_on=today,
    )
    assert not Funding.objects.exists() and Application.objects.get().state == "refused"


def test_applications_need_an_editor_of_the_municipality(outsider, viewer, charging, call):
    for user in (outsider, viewer):
        with pytest.raises(PermissionDenied):
            record_application(
                user,
                charging,
                call,
                state="applied",
                amount_sek=Decimal("1"),
                applied_on=timezone.localdate(),
            )
    assert not Application.objects.exists()


def test_application_api_checks_inputs_and_roles(client, editor, outsider, charging, call):
    payload = {
        "measure_id": charging.pk,
        "call_id": call.pk,
        "state": "granted",
        "amount_sek": "1000000",
        "applied_on": str(timezone.localdate()),
        "decided_on": str(timezone.localdate()),
    }
    url = "/api/calls/municipality/1780/applications"
    assert client.post(url, payload, content_type="application/json").status_code == 401
    client.force_login(outsider)
    assert client.post(url, payload, content_type="application/json").status_code == 403
    assert client.get(url).status_code == 403
    client.force_login(editor)
    for bad in (
        {"amount_sek": "-5"},
        {"amount_sek": "NaN"},
        {"state": "won"},
        {"applied_on": "0000-01-01"},
    ):
        assert (
            client.post(url, {**payload, **bad}, content_type="application/json").status_code == 422
        )
    early = {**payload, "decided_on": str(timezone.localdate() - timedelta(days=400))}
    assert client.post(url, early, content_type="application/json").status_code == 422
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 201 and r.json()["funding_id"] == Funding.objects.get().pk
    assert [a["state"] for a in client.get(url).json()] == ["granted"]


def test_application_form_on_the_page(editor_client, charging, call):
    r = editor_client.post(
        "/kommun/1780/utlysningar/ansokan/",
        {
            "measure": charging.pk,
            "call": call.pk,
            "state": "applied",
            "amount_sek": "500000",
            "applied_on": str(timezone.localdate()),
        },
    )
    assert r.status_code == 302 and Application.objects.get().amount_sek == Decimal("500000")


def test_digest_goes_to_the_department_once_per_call_and_measure(
    charging, call, department_factory, user_factory, karlstad, editor
):
    unit = department_factory(municipality=karlstad, name="Tekniska")
    charging.department = unit
    charging.save()
    person = user_factory(username="ansvarig", email="ansvarig@karlstad.se", member_of=karlstad)
    person.memberships.update(department=unit)
    CallFactory(
        title="Laddinfrastruktur långt fram",
        categories=["personbilar"],
        closes_on=timezone.localdate() + timedelta(days=45),
    )
    assert send_call_digest() == 1
    (message,) = mail.outbox
    assert message.to == ["ansvarig@karlstad.se"]
    assert "Klimatklivet: laddinfrastruktur" in message.body
    assert "långt fram" not in message.body  # closes after 30 days
    assert CallNotice.objects.filter(call=call, measure=charging).count() == 1
    assert send_call_digest() == 0 and len(mail.outbox) == 1


def test_digest_falls_back_to_the_municipalitys_editors(charging, call, editor):
    editor.email = "redaktor@karlstad.se"
    editor.save()
    assert send_call_digest() == 1
    assert mail.outbox[0].to == ["redaktor@karlstad.se"]


def test_the_schedule_enqueues_the_digest_daily(db):
    from klimatkontrakt.jobs.models import ScheduledRun
    from klimatkontrakt.jobs.schedule import run_due

    now = timezone.now()
    run_due(now)
    ScheduledRun.objects.update(last_enqueued=now - timedelta(days=2))
    assert "call-digest" in run_due(now)
