"""One municipality never sees another's unpublished data nor writes anything of it.

Walks every URL pattern and every API operation that exists (so new modules are covered as they
are added) and calls each as an editor of another municipality, as editors of an agency and of
Viable Cities' programme office, and as an anonymous visitor; the API also with API tokens
(`Authorization: Bearer`) of those users, read and write scope.
"""

import re

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from klimatkontrakt.contracts import services

SECRET = "HEMLIGT-UTKAST-7c1e"
SKIP_PREFIXES = ("admin/", "i18n/", "api/", "static/", "konto/")
SCOPES = ("read", "write")


def _routes(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def _fill(route: str, values: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(2)
        return values.get(name, "1")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, route).lstrip("^").rstrip("$")


def _text(r) -> str:  # type: ignore[no-untyped-def]
    """A page's or a file's body (the open data files under /data/ are streamed)."""
    body = b"".join(r.streaming_content) if r.streaming else r.content
    return body.decode(errors="replace")


# Not a municipality's data: API tokens (each use stamps its `last_used`) and the open data
# builds, which any editor may start (they publish what is public already).
NOT_SNAPSHOT = ("organisations.ApiToken", "opendata.Release")


def _snapshot() -> str:
    """Every row of the project, except those of NOT_SNAPSHOT and their audit entries."""
    objects = []
    for model in apps.get_models():
        if model._meta.label in NOT_SNAPSHOT:
            continue
        if model.__module__.startswith("klimatkontrakt.") or model._meta.label == "auth.User":
            rows = model.objects.order_by("pk")
            if model._meta.label == "audit.ChangeLogEntry":
                rows = rows.exclude(object_type__in=[n.lower() for n in NOT_SNAPSHOT])
            objects.extend(rows)
    return serializers.serialize("json", objects, fields=None)


@pytest.fixture
def secret_draft(karlstad, editor, contract_version_factory, commitment_input_factory):
    v = contract_version_factory(municipality=karlstad, year=2023)
    c = services.create_commitment(
        editor, v, commitment_input_factory(version=v, title=SECRET, description=SECRET)
    )
    # The follow-up report of that year gathers an unpublished plan marked "include in report"
    # (a draft report leaves other unpublished work out), so it must stay as hidden.
    from klimatkontrakt.plans.models import ActionPlan
    from klimatkontrakt.plans.services import create_plan
    from klimatkontrakt.reports.services import create_draft

    plan = create_plan(editor, karlstad, kind="waste", title=SECRET, owner_name=SECRET)
    ActionPlan.objects.filter(pk=plan.pk).update(include_in_report=True)
    assert SECRET in str(create_draft(editor, karlstad, v.year).data)
    # A proposal waiting for moderation, with a citizen's contact details: never shown outside.
    from klimatkontrakt.engagement.services.proposal_intake import ProposalInput, record_proposal

    record_proposal(
        editor,
        karlstad,
        ProposalInput(channel="citizen", text=SECRET, contact_email=f"{SECRET}@example.org"),
    )
    # The draft's own text of section 7 (its experiences to share, gathered on the national
    # page of the year) and a private plan's measure and action naming Formas (the agency's page).
    services.update_section_text(
        editor, v.sections.get(key="joint_follow_up"), f"7.2 Erfarenheter\n{SECRET}"
    )
    _secret_funding(editor, karlstad)

    # An unpublished investment plan whose unfunded measure an open call fits, with an
    # application recorded: neither the suggestion, the calendar nor the application shows.
    from decimal import Decimal

    from django.utils import timezone

    from klimatkontrakt.funding.services.calls import record_application
    from tests.funding.call_factories import CallFactory
    from tests.investments.factories import InvestmentPlanFactory, MeasureFactory

    draft_plan = InvestmentPlanFactory(
        municipality=karlstad, name=f"{SECRET} (utlysningar)", is_published=False
    )
    measure = MeasureFactory(plan=draft_plan, name=SECRET, category="personbilar")
    call = CallFactory(title="Laddinfrastruktur", categories=["personbilar"])
    record_application(
        editor,
        measure,
        call,
        state="applied",
        amount_sek=Decimal("100"),
        applied_on=timezone.localdate(),
    )

    # A grant matched to Karlstad by name only, waiting for its editors' review: not public.
    from klimatkontrakt.funding.services.grants import import_grants
    from klimatkontrakt.organisations.access import SYSTEM
    from tests.funding.grant_files import swecris, swecris_row

    import_grants(
        SYSTEM,
        "swecris",
        swecris(
            swecris_row(
                "2023-9_Vinnova", "", "Karlstads kommun", "Vinnova", "1.0", "2023.0", SECRET
            )
        ),
        "hemlig.csv",
    )
    return {
        "code": karlstad.code,
        "year": str(v.year),
        "pk": str(c.pk),
        "id": str(c.pk),
        "key": "purpose",
        "slug": "formas",
        "table": "measures",
    }


def _secret_funding(editor, karlstad):
    from decimal import Decimal

    from klimatkontrakt.investments import services as investments
    from klimatkontrakt.investments.models import FundingSource
    from klimatkontrakt.organisations.models import Organisation
    from klimatkontrakt.plans import services as plans
    from tests.investments.factories import MeasureFactory

    formas = Organisation.objects.get(slug="formas")
    measure = MeasureFactory(plan__municipality=karlstad, plan__name=SECRET, name=SECRET)
    source = investments.add_funding_source(
        editor, FundingSource(municipality=karlstad, kind="eu", name=SECRET, funder=formas)
    )
    investments.add_funding(editor, measure, source, Decimal("1000"), 2023, "granted")
    plan = plans.create_plan(editor, karlstad, kind="traffic", title="Trafik", owner_name="X")
    plans.create_action(editor, plan, plans.ActionInput("T1", SECRET, funders=[formas]))


@pytest.fixture(params=["outsider", "anonymous", "agency", "programme"])
def intruder(request, outsider, user_factory):
    """Who must not see Karlstad's draft: an editor of another municipality, an anonymous
    visitor, an editor of an agency and one of Viable Cities' programme office (they read what
    is public, like everyone)."""
    from klimatkontrakt.organisations.services import grant_role
    from tests.organisations.factories import OrganisationFactory

    c = Client()
    if request.param == "outsider":
        c.force_login(outsider)
    elif request.param != "anonymous":
        slug = "formas" if request.param == "agency" else "viable-cities"
        user = user_factory(username=f"{request.param}-editor")
        grant_role(user, OrganisationFactory(kind=request.param, slug=slug, name=slug), "editor")
        c.force_login(user)
    return c


def test_no_page_shows_or_changes_another_municipalitys_draft(intruder, secret_draft):
    routes = [r for r in _routes() if not r.startswith(SKIP_PREFIXES)]
    assert len(routes) >= 10, routes
    before = _snapshot()
    for route in routes:
        url = _fill(route, secret_draft)
        r = intruder.get(url)
        assert r.status_code < 500, f"GET {url} -> {r.status_code}"
        assert SECRET not in _text(r), f"GET {url} leaked the draft"
        r = intruder.post(url, {"title": "intrång", "body": "intrång"})
        assert r.status_code < 500, f"POST {url} -> {r.status_code}"
    assert _snapshot() == before, "a page let another municipality's user change data"


def _api_operations(client):
    schema = client.get("/api/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            query = {
                p["name"]: ("2023" if p.get("schema", {}).get("type") == "integer" else "x")
                for p in op.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            }
            yield method, path, query


@pytest.fixture(
    params=[(who, scope) for who in ("outsider", "agency", "programme") for scope in SCOPES],
    ids=lambda p: "-".join(p),
)
def token_intruder(request, outsider, user_factory):
    """The same intruders as programs: an API token (`Authorization: Bearer`) of each, with the
    read and with the write scope, and no session."""
    from klimatkontrakt.organisations.services import grant_role
    from klimatkontrakt.organisations.tokens import create_token
    from tests.organisations.factories import OrganisationFactory

    who, scope = request.param
    user = outsider
    if who != "outsider":
        slug = "formas" if who == "agency" else "viable-cities"
        user = user_factory(username=f"{who}-editor")
        grant_role(user, OrganisationFactory(kind=who, slug=slug, name=slug), "editor")
    secret = create_token(user, "intrång", scope).secret
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    client.scope = scope  # type: ignore[attr-defined]
    return client


def test_no_api_operation_shows_or_changes_another_municipalitys_draft(intruder, secret_draft):
    _walk_the_api(intruder, secret_draft)


def test_no_api_operation_lets_another_municipalitys_token_in(token_intruder, secret_draft):
    """Every API operation with another organisation's token, read and write scope: nothing of
    the draft is read, nothing is changed, and a read token's writes are all 403."""
    allowed = (403,) if token_intruder.scope == "read" else (403, 404, 405, 422)
    _walk_the_api(token_intruder, secret_draft, allowed)


def _walk_the_api(intruder, secret_draft, allowed=(401, 403, 404, 405, 422)):
    ops = list(_api_operations(Client()))
    assert any(m == "post" for m, _, _ in ops) and any(m == "patch" for m, _, _ in ops)
    before = _snapshot()
    for method, path, query in ops:
        url = re.sub(r"\{(\w+)\}", lambda m: secret_draft.get(m.group(1), "1"), path)
        if method == "get":
            r = intruder.get(url, query)
            assert r.status_code < 500, f"GET {url} -> {r.status_code}"
            assert SECRET not in r.content.decode(errors="replace"), f"GET {url} leaked the draft"
        else:
            r = getattr(intruder, method)(
                url, {"title": "intrång", "edit_version": 1}, content_type="application/json"
            )
            assert r.status_code in allowed, f"{method.upper()} {url} -> {r.status_code}"
    assert _snapshot() == before, "the API let another municipality's user change data"


def test_members_do_see_their_own_draft(client, viewer, secret_draft):
    client.force_login(viewer)
    assert SECRET in client.get("/kommun/1780/kontrakt/2023/").content.decode()
    assert SECRET in client.get("/api/contracts/1780/versions/2023").content.decode()
    assert SECRET in client.get("/nationellt/erfarenheter/2023/").content.decode()
    page = client.get("/nationellt/organisation/formas/finansiering/").content.decode()
    assert page.count(SECRET) >= 3  # the measure, its plan and source, and the action


@pytest.mark.parametrize("scope", SCOPES)
def test_members_tokens_do_read_their_own_draft(viewer, secret_draft, scope):
    from klimatkontrakt.organisations.tokens import create_token

    secret = create_token(viewer, "uppföljning", scope).secret
    program = Client(headers={"Authorization": f"Bearer {secret}"})
    assert SECRET in program.get("/api/contracts/1780/versions/2023").content.decode()
    assert (
        SECRET
        in program.get(f"/api/contracts/1780/commitments/{secret_draft['pk']}").content.decode()
    )


def test_searches_and_downloads_of_the_national_pages_show_no_draft(intruder, secret_draft):
    """The experiences search and the agency page's downloads take parameters the page walk
    does not give."""
    # The search echoes its words (field, language switch): it must find nothing, mark nothing.
    found = intruder.get("/nationellt/erfarenheter/2023/", {"q": SECRET}).content.decode()
    assert "0 texter innehåller" in found and "<mark>" not in found
    for url, query in [
        ("/nationellt/erfarenheter/2023/", {"q": "7c1e", "city": "1780"}),
        ("/nationellt/organisation/formas/finansiering/", {"city": "1780"}),
        ("/nationellt/organisation/formas/finansiering/measures/", {"format": "csv"}),
        ("/nationellt/organisation/formas/finansiering/actions/", {"format": "csv"}),
        ("/nationellt/organisation/formas/finansiering/actions/", {"format": "xlsx"}),
    ]:
        r = intruder.get(url, query)
        assert r.status_code == 200, url
        body = r.content.decode("utf-8", errors="replace")
        assert SECRET not in body, url
        assert "/kommun/1780/kontrakt/2023/" not in body, url


def test_the_national_followup_shows_no_trace_of_the_draft(intruder, secret_draft, karlstad):
    """The follow-up counts no titles, so SECRET alone would not catch it: the draft's
    existence, its commitments and the time of its changes must not show either."""
    karlstad.in_climate_contract = True
    karlstad.save()
    (row,) = intruder.get("/api/national/followup/2023").json()["cities"]
    assert row["contract_status"] == "none" and row["commitments"] == {}
    assert row["completeness"]["action_plan"] is False and row["last_updated"] is None
    page = intruder.get("/nationellt/uppfoljning/2023/").content.decode()
    assert "/kommun/1780/kontrakt/2023/" not in page
    data = intruder.get("/nationellt/uppfoljning/2023/data/?format=csv").content.decode()
    assert "1780;" in data and SECRET not in data


# The sharing level (organisations/sharing.py): an item a city shared with the programme office
# and the agencies, unpublished, is read by their staff and by no one else; a private one by
# neither. --------------------------------------------------------------------------------------

SHARED = "DELAT-MED-PROGRAMMET-41d9"
STAFF = ("agency", "programme")


@pytest.fixture
def shared_work(
    karlstad,
    editor,
    tmp_path,
    contract_version_factory,
    commitment_input_factory,
    indicator_factory,
    indicator_value_factory,
    investment_plan_factory,
):
    """One item of every kind with a visibility, in Karlstad, shared and not published, each
    carrying SHARED where a page or the API shows it; and the URLs that show each."""
    from klimatkontrakt.emissions import services as emissions
    from klimatkontrakt.footprint import services as footprint
    from klimatkontrakt.goals import services as goals
    from klimatkontrakt.organisations.sharing import set_visibility
    from klimatkontrakt.plans.services import create_plan
    from klimatkontrakt.reports.services import create_draft
    from tests.sources.ledger_files import write_csv

    version = contract_version_factory(municipality=karlstad, year=2024)
    services.create_commitment(
        editor, version, commitment_input_factory(version=version, title=SHARED)
    )
    plan = create_plan(editor, karlstad, kind="waste", title=SHARED, owner_name="Klimat")
    indicator = indicator_factory(municipality=karlstad, name=SHARED, is_published=False)
    for year in (2022, 2023):  # a chart needs values
        indicator_value_factory(indicator=indicator, year=year)
    investment = investment_plan_factory(municipality=karlstad, name=SHARED, is_published=False)
    goal = emissions.save_goal(editor, karlstad, name=SHARED, target_year=2030, level_t=10.0)
    budget = emissions.save_carbon_budget(
        editor, karlstad, name=SHARED, method="fixed", parameters={"budget_t": 1000.0}
    )
    goals.add_person(editor, goal, goals.PersonInput(role="coordinator", name=SHARED, title="X"))
    ledger = footprint.import_ledger(editor, karlstad, [("l.csv", write_csv(tmp_path / "l.csv"))])
    ledger.ledger.name = SHARED
    ledger.ledger.save()
    report = create_draft(editor, karlstad, 2024)
    team = goal.team
    for kind, item in [
        ("contract_version", version),
        ("action_plan", plan),
        ("indicator", indicator),
        ("investment_plan", investment),
        ("emission_goal", goal),
        ("carbon_budget", budget),
        ("goal_team", team),
        ("ledger", ledger.ledger),
        ("follow_up_report", report),
    ]:
        set_visibility(editor, karlstad, kind, item.pk, "shared")
    pages = {
        "contract_version": [
            "/kommun/1780/kontrakt/2024/",
            "/api/contracts/1780/versions/2024",
            "/api/contracts/1780/versions/2024/commitments",
        ],
        "action_plan": [
            f"/kommun/1780/handlingsplaner/{plan.pk}/",
            f"/api/action-plans/{plan.pk}/?municipality=1780",
        ],
        "indicator": [
            f"/kommun/1780/indikatorer/{indicator.pk}/",
            f"/api/indicators/{indicator.pk}/?municipality=1780",
        ],
        "investment_plan": [
            f"/kommun/1780/investeringsplan/{investment.pk}/",
            f"/api/investments/1780/plans/{investment.pk}/",
        ],
        "emission_goal": [f"/kommun/1780/mal/{goal.pk}/", "/api/emissions/1780/goals"],
        "carbon_budget": ["/api/emissions/1780/carbon-budgets"],
        "goal_team": [f"/api/goals/{goal.pk}/?municipality=1780"],
        "ledger": [f"/kommun/1780/inkop/?reskontra={ledger.ledger.pk}", "/api/footprint/1780/"],
        "follow_up_report": ["/kommun/1780/uppfoljning/2024/", "/api/reports/1780/2024"],
    }
    return pages


def _staff_client(kind, user_factory):
    from klimatkontrakt.organisations.services import grant_role
    from tests.organisations.factories import OrganisationFactory

    slug = "formas" if kind == "agency" else "viable-cities"
    user = user_factory(username=f"{kind}-reader")
    grant_role(user, OrganisationFactory(kind=kind, slug=slug, name=slug), "viewer")
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize("kind", STAFF)
def test_programme_and_agency_staff_read_what_a_city_shared(kind, shared_work, user_factory):
    c = _staff_client(kind, user_factory)
    for item, urls in shared_work.items():
        for url in urls:
            r = c.get(url)
            assert r.status_code == 200, f"{item}: GET {url} -> {r.status_code}"
            if item not in ("ledger", "follow_up_report"):  # they show figures, not the name
                assert SHARED in r.content.decode(), f"{item}: GET {url} hides the shared item"


@pytest.mark.parametrize("kind", STAFF)
def test_programme_and_agency_staff_never_read_a_private_draft(
    kind, secret_draft, user_factory, karlstad
):
    """The private draft (contract 2023, a plan marked for the report) stays hidden from staff
    of the programme office and the agencies, page by page and through the API."""
    from klimatkontrakt.plans.models import ActionPlan

    c = _staff_client(kind, user_factory)
    plan = ActionPlan.objects.get(title=SECRET)
    assert c.get("/kommun/1780/kontrakt/2023/").status_code == 404
    assert c.get("/api/contracts/1780/versions/2023").status_code == 404
    assert c.get(f"/api/contracts/1780/commitments/{secret_draft['pk']}").status_code == 404
    assert c.get(f"/kommun/1780/handlingsplaner/{plan.pk}/").status_code == 404
    assert c.get(f"/api/action-plans/{plan.pk}/?municipality=1780").status_code == 404
    assert c.get("/kommun/1780/uppfoljning/2023/").status_code == 404


@pytest.fixture(params=["outsider", "anonymous"])
def public_reader(request, outsider):
    c = Client()
    if request.param == "outsider":
        c.force_login(outsider)
    return c


def test_the_public_never_reads_what_a_city_shared(public_reader, shared_work):
    for item, urls in shared_work.items():
        for url in urls:
            r = public_reader.get(url)
            assert r.status_code in (200, 404), f"{item}: GET {url} -> {r.status_code}"
            assert SHARED not in r.content.decode(), f"{item}: GET {url} shows a shared item"
    # Every page and API read, with the shared items' year: nothing shared shows anywhere.
    values = {"code": "1780", "year": "2024"}
    for route in _routes():
        if route.startswith(SKIP_PREFIXES):
            continue
        r = public_reader.get(_fill(route, values))
        assert SHARED not in _text(r), f"GET {route} shows it"
    for method, path, query in _api_operations(Client()):
        if method == "get":
            url = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "1"), path)
            r = public_reader.get(url, {**query, "municipality": "1780"})
            assert SHARED not in r.content.decode(errors="replace"), f"GET {url} shows it"


@pytest.mark.parametrize("kind", STAFF)
def test_staff_cannot_change_the_visibility(kind, shared_work, user_factory, karlstad):
    from klimatkontrakt.plans.models import ActionPlan

    c = _staff_client(kind, user_factory)
    plan = ActionPlan.objects.get(title=SHARED)
    r = c.put(
        f"/api/organisations/municipalities/1780/visibility/action_plan/{plan.pk}",
        {"visibility": "public"},
        content_type="application/json",
    )
    assert r.status_code == 403
    r = c.post(
        f"/kommun/1780/synlighet/action_plan/{plan.pk}/", {"visibility": "public", "next": "/"}
    )
    assert r.status_code == 403
    plan.refresh_from_db()
    assert not plan.is_published and plan.shared_with_programme


def _document_text(content: bytes, fmt: str) -> str:
    import io

    if fmt == "docx":
        from docx import Document

        doc = Document(io.BytesIO(content))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    return content.decode(errors="replace")


@pytest.mark.parametrize("published", [False, True])
def test_the_national_report_shows_no_trace_of_the_draft(
    request, intruder, secret_draft, karlstad, user_factory, published
):
    """The national report (/nationellt/rapport/<year>/, its downloads and
    /api/national/reports) is gathered as the public reads: a city's draft is in neither the
    programme's draft nor the published report, whoever reads it."""
    from klimatkontrakt.national import report_services
    from klimatkontrakt.national.models import NationalReport
    from klimatkontrakt.organisations.services import grant_role
    from tests.organisations.factories import OrganisationFactory

    karlstad.in_climate_contract = True
    karlstad.save()
    programme = OrganisationFactory(kind="programme", slug="viable-cities", name="Viable Cities")
    officer = user_factory(username="programme-officer")
    grant_role(officer, programme, "editor")
    job = report_services.start_gathering(officer, 2023)  # in the worker (at once in tests)
    report = NationalReport.objects.get(year=2023)
    (row,) = report.data["cities"]
    assert row["contract_status"] == "none" and row["last_updated"] is None
    assert SECRET not in str(report.data)
    if published:
        report_services.publish(officer, report_services.approve(officer, report))
    urls = ["/nationellt/rapport/", "/nationellt/rapport/2023/", "/api/national/reports"]
    urls += ["/api/national/reports/2023"]
    urls += [f"/nationellt/rapport/2023/rapport.{f}" for f in ("html", "pdf", "docx", "xlsx")]
    national = request.node.callspec.params["intruder"] in ("agency", "programme")
    for url in urls:
        r = intruder.get(url)
        assert r.status_code == 200 or not (published or national), f"GET {url} -> {r.status_code}"
        if r.status_code == 404:
            continue
        fmt = url.rsplit(".", 1)[-1] if "rapport." in url else "html"
        assert SECRET not in _document_text(r.content, fmt), f"GET {url} leaked the draft"
        assert "/kommun/1780/kontrakt/2023/" not in _document_text(r.content, fmt)
    # The gathering's job: the programme office's editors follow it, no one else.
    who = request.node.callspec.params["intruder"]
    for url in (f"/jobb/{job.pk}/", f"/jobb/{job.pk}/status/"):
        r = intruder.get(url)
        assert r.status_code in ((200,) if who == "programme" else (302, 403)), f"GET {url}"
        assert SECRET not in r.content.decode()
    expected = {"programme": 200, "anonymous": 401}.get(who, 403)
    assert intruder.get(f"/api/national/reports/jobs/{job.pk}").status_code == expected


def test_no_open_data_file_shows_a_draft_or_a_shared_item(
    secret_draft, shared_work, client, karlstad, indicator_factory, indicator_value_factory
):
    """The open files (opendata/) are built as the public reads: a private draft of every kind
    and an item of every kind shared only with the programme office are in none of them, on
    disk or through /data/; what Karlstad published beside them is."""
    from django.conf import settings

    from klimatkontrakt.opendata import services

    public = indicator_factory(
        municipality=karlstad, name="Publicerad indikator", is_published=True
    )
    indicator_value_factory(indicator=public, year=2023)
    release = services.build_release()
    folder = settings.OPENDATA_DIR / str(release.pk)
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert "Publicerad indikator" in (folder / "1780" / "indicators.csv").read_text()
    assert len(files) >= 6  # both packages, the indicators' two files in each
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert SECRET not in text and SHARED not in text, f"{path.name} shows it"
    for listed in release.manifest["files"]:
        answer = client.get(f"/data/{listed['path']}")
        body = b"".join(answer.streaming_content).decode()
        assert SECRET not in body and SHARED not in body, listed["path"]
