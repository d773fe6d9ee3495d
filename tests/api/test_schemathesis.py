"""The OpenAPI schema, fuzzed: every operation of /api/openapi.json gets generated requests on
the demo's data, anonymously and as an editor of Karlstad (session cookie + X-CSRFToken), and
must answer without a server error and as its schema documents (status code, content type and
body). Most requests name the demo's municipality and its real ids and years, so that they reach
the views' work and not only their 404; the rest keep the generated values.

Fixed seed and a bounded number of examples per operation (EXAMPLES_PER_OPERATION), so that a
run is repeatable; reproduce one failure with the `curl` command printed with it. Deselect with
`-m "not fuzz"`."""

from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st

EXAMPLES_PER_OPERATION = 40
CODE = "1780"  # Karlstad: the demo's municipality with a contract, plans and a footprint
CSRF = "fuzz" * 8  # any 32 letters: the cookie and the header only have to agree

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.fuzz]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """The WSGI handler is called directly, not through Django's test client, which would stop
    the request signals from closing the database connection; on PostgreSQL that closes the
    test's own transaction ("the connection is closed"). Do as the test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def real(demo) -> dict[str, list[Any]]:  # type: ignore[no-untyped-def]
    """The demo's ids and years by the name of the parameter that takes them."""
    from klimatkontrakt.contracts.models import Commitment, ContractVersion
    from klimatkontrakt.emissions.models import Goal
    from klimatkontrakt.goals.models import GoalPerson
    from klimatkontrakt.indicators.models import Indicator
    from klimatkontrakt.investments.models import InvestmentPlan
    from klimatkontrakt.plans.models import Action, ActionPlan
    from klimatkontrakt.reports.models import FollowUpReport
    from klimatkontrakt.training.models import Training

    def pks(model: Any) -> list[int]:
        return sorted(model.objects.values_list("pk", flat=True))

    return {
        "pk": pks(Commitment),
        "goal_id": pks(Goal),
        "person_id": pks(GoalPerson),
        "indicator_id": pks(Indicator),
        "plan_id": pks(ActionPlan) + pks(InvestmentPlan),
        "action_id": pks(Action),
        "training_id": pks(Training),
        "year": sorted(
            set(ContractVersion.objects.values_list("year", flat=True))
            | set(FollowUpReport.objects.values_list("year", flat=True))
        ),
    }


@pytest.fixture(scope="module")
def editor_cookies(demo) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from django.test import Client

    from klimatkontrakt.organisations.models import Municipality
    from klimatkontrakt.organisations.services import create_user

    karlstad = Municipality.objects.get(code=CODE)
    user = create_user("fuzz-editor", "-", organisation=karlstad.organisation, role="editor")
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


def _aim(case: Any, data: Any, real: dict[str, list[Any]]) -> None:
    """Point three requests in four at the demo's municipality and records."""
    for name in list(case.path_parameters or {}):
        if name == "code" and data.draw(st.integers(0, 3)):
            case.path_parameters[name] = CODE
        elif real.get(name) and data.draw(st.integers(0, 3)):
            case.path_parameters[name] = data.draw(st.sampled_from(real[name]))
    if case.query and "municipality" in case.query and data.draw(st.integers(0, 3)):
        case.query["municipality"] = CODE


def _settings(f):  # type: ignore[no-untyped-def]
    return seed(20261205)(
        settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(f)
    )


@schema.given(data=st.data())
@schema.parametrize()
@_settings
def test_anonymous(case, data, real):  # type: ignore[no-untyped-def]
    _aim(case, data, real)
    case.call_and_validate(
        checks=CHECKS, cookies={"csrftoken": CSRF}, headers={"X-CSRFToken": CSRF}
    )


@schema.given(data=st.data())
@schema.parametrize()
@_settings
def test_as_editor(case, data, real, editor_cookies):  # type: ignore[no-untyped-def]
    _aim(case, data, real)
    case.call_and_validate(checks=CHECKS, cookies=editor_cookies, headers={"X-CSRFToken": CSRF})
