"""Every API input is checked against its meaning (docs/api.md, "Input rules"): years from 1900
to 2100, ids within the database's integer range, pages of at most 1000 rows, finite numbers of
a sensible size. Out of range is 422 in the shared `Error` shape, naming the field; never a 500,
never stored. One class of input per test, over representative endpoints of every router."""

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimatkontrakt.web.api_schemas import ID_MAX, PAGE_SIZE_MAX, YEAR_MAX, YEAR_MIN

pytestmark = pytest.mark.django_db
CODE = "1780"  # Karlstad in the demo


@pytest.fixture
def editor(demo, user_factory) -> Client:  # type: ignore[no-untyped-def]
    from klimatkontrakt.organisations.models import Municipality

    client = Client()
    client.force_login(
        user_factory(username="input-editor", member_of=Municipality.objects.get(code=CODE))
    )
    return client


@pytest.fixture
def ids(demo) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from klimatkontrakt.contracts.models import ContractVersion
    from klimatkontrakt.emissions.models import Goal
    from klimatkontrakt.investments.models import InvestmentPlan
    from klimatkontrakt.training.models import Training

    version = ContractVersion.objects.filter(contract__municipality__code=CODE).latest("year")
    return {
        "goal": Goal.objects.filter(municipality__code=CODE).first().pk,  # type: ignore[union-attr]
        "commitment": version.commitments.first().pk,  # type: ignore[union-attr]
        "version_year": version.year,
        "training": Training.objects.filter(municipality__code=CODE).first().pk,  # type: ignore[union-attr]
        "investment_plan": InvestmentPlan.objects.filter(municipality__code=CODE).first().pk,  # type: ignore[union-attr]
    }


def _send(client: Client, method: str, url: str, body: Any = None) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, data=data, content_type="application/json")


def _refused(response: Any, field: str) -> None:
    """A 422 in the shared Error shape whose `errors` name the field."""
    assert response.status_code == 422, response.content
    body = response.json()
    assert isinstance(body["detail"], str)
    assert any(key == field or key.startswith(field + ".") for key in body["errors"]), body


# ---- years ------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [0, -5, YEAR_MIN - 1, YEAR_MAX + 1, 200_000])
def test_a_goal_year_outside_the_range_is_refused_and_not_stored(editor, year):
    from klimatkontrakt.emissions.models import Goal

    before = Goal.objects.count()
    body = {"name": "Noll", "target_year": year, "level_t": 0}
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/goals", body), "target_year")
    body = {"name": "Noll", "target_year": 2030, "share_of_base": 0.5, "base_year": year}
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/goals", body), "base_year")
    assert Goal.objects.count() == before


def test_a_goal_year_inside_the_range_is_stored(editor):
    body = {"name": "Netto noll", "target_year": YEAR_MAX, "level_t": 0}
    assert _send(editor, "post", f"/api/emissions/{CODE}/goals", body).status_code == 201


@pytest.mark.parametrize("year", [0, 200_000, 2**63])
@pytest.mark.parametrize(
    "url",
    [
        "/api/contracts/{code}/versions/{year}",
        "/api/contracts/{code}/diff?from_year={year}&to_year=2024",
        "/api/reports/{code}/{year}",
    ],
)
def test_a_year_in_the_address_outside_the_range_is_422(client, demo, url, year):
    _refused(client.get(url.format(code=CODE, year=year)), "from_year" if "diff" in url else "year")


def test_a_planned_year_outside_the_range_is_refused(editor, ids):
    url = f"/api/contracts/{CODE}/versions/{ids['version_year']}/commitments"
    _refused(_send(editor, "post", url, {"title": "x", "planned_year": 99999}), "planned_year")


def test_a_carbon_budget_year_parameter_cannot_expand_into_a_huge_range(editor):
    """start_year 200000 would make the budget a list of 198 000 years per municipality."""
    from klimatkontrakt.emissions.models import CarbonBudget

    for parameters, field in [
        ({"start_year": 200_000}, "parameters.start_year"),
        ({"start_year": 2050}, "parameters.start_year"),  # the path ends in 2050
        ({"trend_from": -1}, "parameters.trend_from"),
        ({"budget_t": 1e308}, "parameters.budget_t"),
        ({"deduct_process_emissions": 1}, "parameters.deduct_process_emissions"),
    ]:
        body = {"name": "x", "method": "fixed", "parameters": parameters}
        _refused(_send(editor, "post", f"/api/emissions/{CODE}/carbon-budgets", body), field)
    assert not CarbonBudget.objects.filter(name="x").exists()


def test_a_text_longer_than_its_column_is_refused(editor):
    """SQLite stores any length; PostgreSQL answers a longer text with an error (a 500)."""
    body = {"name": "x" * 201, "method": "fixed", "gas": "CO2"}
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/carbon-budgets", body), "name")
    body = {"name": "x", "target_year": 2030, "level_t": 0, "gas": "G" * 11}
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/goals", body), "gas")


# ---- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("pk", [0, -1, ID_MAX + 1, 2**63, 10**30])
@pytest.mark.parametrize(
    "url",
    [
        "/api/contracts/{code}/commitments/{pk}",
        "/api/investments/{code}/plans/{pk}/",
        "/api/indicators/{pk}/?municipality={code}",
        "/api/action-plans/{pk}/?municipality={code}",
        "/api/goals/{pk}/?municipality={code}",
        "/api/footprint/{code}/?ledger={pk}",
    ],
)
def test_an_id_outside_the_database_range_is_422_not_500(client, demo, url, pk):
    field = "ledger" if "ledger=" in url else url.split("{pk}")[0].rsplit("/", 2)[-2]
    name = {"commitments": "pk", "plans": "plan_id", "indicators": "indicator_id"}
    name |= {"action-plans": "plan_id", "goals": "goal_id", "ledger": "ledger"}
    _refused(client.get(url.format(code=CODE, pk=pk)), name[field])


def test_the_largest_id_is_a_plain_404(client, demo):
    assert client.get(f"/api/goals/{ID_MAX}/?municipality={CODE}").status_code == 404


def test_ids_in_a_body_outside_the_range_are_refused(editor, ids):
    from klimatkontrakt.plans.models import Action

    action = Action.objects.filter(plan__municipality__code=CODE).first()
    assert action is not None
    url = f"/api/action-plans/{action.plan_id}/actions/{action.pk}/links?municipality={CODE}"
    _refused(_send(editor, "put", url, {"indicator_ids": [2**63]}), "indicator_ids")
    url = f"/api/trainings/{ids['training']}?municipality={CODE}"
    _refused(_send(editor, "patch", url, {"department_id": 2**40}), "department_id")


# ---- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        (f"limit={PAGE_SIZE_MAX + 1}", "limit"),
        ("offset=-1", "offset"),
        (f"offset={2**63}", "offset"),
    ],
)
def test_a_page_outside_its_limits_is_422(client, demo, query, field):
    _refused(client.get(f"/api/footprint/{CODE}/lines/?{query}"), field)


def test_the_largest_page_is_answered(client, demo):
    response = client.get(f"/api/footprint/{CODE}/lines/?limit={PAGE_SIZE_MAX}")
    assert response.status_code == 200
    assert 0 < len(response.json()) <= PAGE_SIZE_MAX


# ---- non-finite and huge numbers --------------------------------------------------------------


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e308", "1e400"])
def test_a_non_finite_or_huge_emission_level_is_refused(editor, number):
    body = f'{{"name": "x", "target_year": 2030, "level_t": {number}}}'
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/goals", body), "level_t")
    body = f'{{"name": "x", "target_year": 2030, "base_year": 2020, "share_of_base": {number}}}'
    _refused(_send(editor, "post", f"/api/emissions/{CODE}/goals", body), "share_of_base")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e308", "123456789012345678"])
def test_a_measure_with_a_non_finite_or_huge_figure_is_refused(editor, ids, number):
    from klimatkontrakt.investments.models import Measure

    before = Measure.objects.count()
    body = (
        '{"name": "x", "sector": "transport", "start_year": 2026, "lifetime_years": 10,'
        f' "capex_sek": 1, "opex_change_sek_per_year": 0, "reduction_t_per_year": {number}}}'
    )
    url = f"/api/investments/{CODE}/plans/{ids['investment_plan']}/measures/"
    _refused(_send(editor, "post", url, body), "reduction_t_per_year")
    assert Measure.objects.count() == before


@pytest.mark.parametrize("count", [-1, 10**12, 2**63])
def test_a_training_count_out_of_range_is_refused(editor, ids, count):
    body = {"held_on": "2025-03-01", "concept": "x", "audience": "staff", "participants": count}
    _refused(_send(editor, "post", f"/api/trainings/?municipality={CODE}", body), "participants")


def test_a_wrong_type_is_answered_in_the_same_shape(client, demo):
    response = client.get("/api/organisations/municipalities?contract_only=perhaps")
    _refused(response, "contract_only")
    assert response.json()["errors"]["contract_only"][0].startswith("Input should be")


# ---- properties over write endpoints ----------------------------------------------------------

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
numbers = st.one_of(st.floats(), st.integers(min_value=-(2**70), max_value=2**70))


@HYPOTHESIS
@given(target_year=st.integers(-(2**70), 2**70), level_t=numbers)
def test_a_goal_is_stored_only_with_a_sensible_year_and_level(editor, target_year, level_t):
    from klimatkontrakt.emissions.models import Goal

    body = json.dumps({"name": "P", "target_year": target_year, "level_t": level_t})
    response = _send(editor, "post", f"/api/emissions/{CODE}/goals", body)
    assert response.status_code in (201, 422), response.content
    sensible = YEAR_MIN <= target_year <= YEAR_MAX and 0 <= level_t <= 1e12
    assert (response.status_code == 201) == sensible
    if response.status_code == 201:
        goal = Goal.objects.get(pk=response.json()["id"])
        assert goal.target_year == target_year
        assert editor.get(f"/api/emissions/{CODE}/goals").status_code == 200


@HYPOTHESIS
@given(
    participants=st.one_of(st.none(), st.integers(-(2**70), 2**70)),
    held_on=st.dates(),
    department_id=st.one_of(st.none(), st.integers(-(2**70), 2**70)),
)
def test_a_training_write_never_fails_with_a_server_error(
    editor, ids, participants, held_on, department_id
):
    body = {"held_on": held_on.isoformat(), "participants": participants}
    if department_id is not None:
        body["department_id"] = department_id
    url = f"/api/trainings/{ids['training']}?municipality={CODE}"
    response = _send(editor, "patch", url, body)
    assert response.status_code in (200, 404, 422), response.content
    assert editor.get(f"/api/trainings/?municipality={CODE}").status_code == 200


@HYPOTHESIS
@given(
    planned_year=st.one_of(st.none(), st.integers(-(2**70), 2**70)),
    party_id=st.one_of(st.none(), st.integers(-(2**70), 2**70)),
    tags=st.lists(st.text(max_size=120), max_size=60),
)
def test_a_commitment_write_never_fails_with_a_server_error(
    editor, ids, planned_year, party_id, tags
):
    body = {"title": "Egenskap", "planned_year": planned_year, "party_id": party_id, "tags": tags}
    url = f"/api/contracts/{CODE}/versions/{ids['version_year']}/commitments"
    response = _send(editor, "post", url, body)
    assert response.status_code in (201, 409, 422), response.content
    if response.status_code == 201:
        assert planned_year is None or YEAR_MIN <= planned_year <= YEAR_MAX
