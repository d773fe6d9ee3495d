"""The cross-city follow-up as staff of the programme office read it: what a city shared with
them counts, marked "shared, not published"; the anonymous reader sees published data only."""

import csv
import io
from datetime import date

import pytest
from django.test import Client

from klimatkontrakt.contracts import selectors as contracts
from klimatkontrakt.organisations.services import grant_role
from klimatkontrakt.organisations.sharing import set_visibility
from tests.organisations.factories import OrganisationFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db
URL = "/nationellt/uppfoljning/2024/"
API = "/api/national/followup/2024"
MARK = "delad, ej publicerad"


@pytest.fixture
def shared_city(karlstad, editor, contract_version_factory):  # type: ignore[no-untyped-def]
    """Karlstad, a contract city, with a 2024 contract draft (two commitments) and an action
    plan with an overdue action, both shared with the programme office and not published; and
    a published plan with an action on track."""
    karlstad.in_climate_contract = True
    karlstad.save()
    version = contract_version_factory(municipality=karlstad, year=2024, commitments=2)
    set_visibility(editor, karlstad, "contract_version", version.pk, "shared")
    shared_plan = ActionPlanFactory(municipality=karlstad, is_published=False)
    ActionFactory(plan=shared_plan, start_date=date(2024, 1, 1), end_date=date(2024, 3, 1))
    set_visibility(editor, karlstad, "action_plan", shared_plan.pk, "shared")
    ActionFactory(plan=ActionPlanFactory(municipality=karlstad, is_published=True), end_date=None)
    return version


@pytest.fixture
def programme_client(user_factory):  # type: ignore[no-untyped-def]
    user = user_factory(username="vc-officer")
    org = OrganisationFactory(kind="programme", slug="viable-cities", name="Viable Cities")
    grant_role(user, org, "viewer")
    c = Client()
    c.force_login(user)
    return c


def test_the_programme_reads_shared_figures_marked(programme_client, shared_city):  # type: ignore[no-untyped-def]
    (row,) = programme_client.get(API).json()["cities"]
    assert row["contract_status"] == "draft"
    assert sum(row["commitments"].values()) == 2
    assert row["actions_overdue"] == 1
    assert row["completeness"]["contract"] and row["completeness"]["action_plan"]
    assert row["shared"] == [
        "contract_status",
        "commitments",
        "actions_overdue",
        "completeness_pct",
    ]

    page = programme_client.get(URL).content.decode()
    badge = f'<span class="badge draft">{MARK}</span>'
    assert page.count(badge) == 4  # the contract, its commitments, the actions, completeness
    assert "/kommun/1780/kontrakt/2024/" in page and "Utkast delat, inte signerat" in page
    data = programme_client.get(URL + "data/?format=csv").content.decode()
    header, line = list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))[:2]
    assert header[-1] == "Uppgifter som räknar delade, ej publicerade poster"
    assert line[-1] == "Kontrakt; Egna åtaganden; Åtgärder som inte är i fas; Fullständighet (%)"
    assert line[2] == "Utkast delat, inte signerat"  # never "published" for a shared draft


def test_the_public_reads_published_figures_only(client, shared_city):  # type: ignore[no-untyped-def]
    (row,) = client.get(API).json()["cities"]
    assert row["contract_status"] == "none" and row["commitments"] == {}
    assert row["actions_overdue"] == 0
    assert row["completeness"]["contract"] is False and row["shared"] == []
    page = client.get(URL).content.decode()
    assert MARK not in page and "/kommun/1780/kontrakt/2024/" not in page
    data = client.get(URL + "data/?format=csv").content.decode()
    assert "Kontrakt; Egna åtaganden" not in data


def test_a_published_item_is_not_marked(programme_client, shared_city, editor, karlstad):  # type: ignore[no-untyped-def]
    set_visibility(editor, karlstad, "contract_version", shared_city.pk, "public")
    assert contracts.visible_versions(None, karlstad).filter(pk=shared_city.pk).exists()
    (row,) = programme_client.get(API).json()["cities"]
    assert row["contract_status"] == "draft"
    assert "contract_status" not in row["shared"] and "actions_overdue" in row["shared"]


def test_a_program_with_a_read_token_follows_the_shared_follow_up(  # type: ignore[no-untyped-def]
    client, shared_city, user_factory, settings
):
    """Issue 19's "done means": a program with a programme officer's read token fetches the
    city's shared follow-up through /api/v1/, gets 304 on the unchanged answer, 429 past its
    limit."""
    from klimatkontrakt.organisations.tokens import create_token

    user = user_factory(username="vc-program")
    org = OrganisationFactory(kind="programme", slug="viable-cities", name="Viable Cities")
    grant_role(user, org, "viewer")
    token = create_token(user, "Uppföljningsskript", "read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token.secret}"}
    settings.API_RATE_LIMIT_AUTHENTICATED = 3
    first = client.get("/api/v1/national/followup/2024", **auth)
    assert first.status_code == 200
    (row,) = first.json()["cities"]
    assert row["contract_status"] == "draft" and "commitments" in row["shared"]
    again = client.get("/api/v1/national/followup/2024", HTTP_IF_NONE_MATCH=first["ETag"], **auth)
    assert again.status_code == 304
    client.get("/api/v1/national/followup/2024", **auth)
    refused = client.get("/api/v1/national/followup/2024", **auth)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
