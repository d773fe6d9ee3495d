"""One municipality never sees another's unpublished data nor writes anything of it.

Walks every URL pattern and every API operation that exists (so new modules are covered as they
are added) and calls each as an editor of another municipality, as editors of an agency and of
Viable Cities' programme office, and as an anonymous visitor.
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


def _snapshot() -> str:
    objects = []
    for model in apps.get_models():
        if model.__module__.startswith("klimatkontrakt.") or model._meta.label == "auth.User":
            objects.extend(model.objects.order_by("pk"))
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
    }


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
        assert SECRET not in r.content.decode(errors="replace"), f"GET {url} leaked the draft"
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


def test_no_api_operation_shows_or_changes_another_municipalitys_draft(intruder, secret_draft):
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
            assert r.status_code in (401, 403, 404, 405, 422), (
                f"{method.upper()} {url} -> {r.status_code}"
            )
    assert _snapshot() == before, "the API let another municipality's user change data"


def test_members_do_see_their_own_draft(client, viewer, secret_draft):
    client.force_login(viewer)
    assert SECRET in client.get("/kommun/1780/kontrakt/2023/").content.decode()
    assert SECRET in client.get("/api/contracts/1780/versions/2023").content.decode()


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
