"""An answer has a decision; a rejection needs its reason; it may name the action, measure or
commitment that carries the proposal out, and that item's progress shows with the proposal."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from klimatkontrakt.engagement.models import Answer
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposals import AnswerInput
from klimatkontrakt.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_a_rejection_needs_its_reason(editor, assigned):
    with pytest.raises(ValidationError) as refused:
        services.answer_proposal(editor, assigned[0], AnswerInput(decision="rejected", text="Nej"))
    assert "reason" in refused.value.message_dict
    answer = services.answer_proposal(
        editor, assigned[0], AnswerInput(decision="rejected", text="Nej", reason="Ingen budget")
    )
    assert answer.reason == "Ingen budget" and answer.proposal.state.key == "answered"


def test_the_answer_form_asks_for_the_reason(editor_client, assigned):
    url = f"/kommun/1780/forslag/{assigned[0].pk}/svara/"
    r = editor_client.post(url, {"decision": "rejected", "text": "Nej tack"})
    assert r.status_code == 200 and "Ett avslag behöver sitt skäl." in r.content.decode()
    assert not Answer.objects.exists()


def test_an_unselected_proposal_is_not_answered(editor, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad, published=True)
    with pytest.raises(ValidationError):
        services.answer_proposal(editor, p, AnswerInput(decision="accepted", text="Ja"))


def test_cost_and_period_are_checked(editor, assigned):
    from datetime import date

    for bad in (
        AnswerInput(decision="accepted", text="Ja", cost_sek=Decimal("-1")),
        AnswerInput(
            decision="accepted",
            text="Ja",
            period_start=date(2026, 5, 1),
            period_end=date(2026, 1, 1),
        ),
    ):
        with pytest.raises(ValidationError):
            services.answer_proposal(editor, assigned[0], bad)


def test_a_viewer_outside_the_department_cannot_answer(viewer, assigned):
    with pytest.raises(PermissionDenied):
        services.answer_proposal(viewer, assigned[0], AnswerInput(decision="accepted", text="Ja"))


def test_the_action_that_carries_it_out_shows_its_progress(
    editor, karlstad, assigned, action_factory, action_plan_factory
):
    plan = action_plan_factory(municipality=karlstad, is_published=True)
    action = action_factory(plan=plan, title="Cykelställ vid skolorna", progress=40)
    services.answer_proposal(
        editor, assigned[0], AnswerInput(decision="accepted", text="Ja", action_id=action.pk)
    )
    page = Client().get(f"/kommun/1780/forslag/{assigned[0].pk}/").content.decode()
    assert "Cykelställ vid skolorna" in page and "40 % klart" in page
    ActionPlan.objects.filter(pk=plan.pk).update(is_published=False)
    page = Client().get(f"/kommun/1780/forslag/{assigned[0].pk}/").content.decode()
    assert "Cykelställ vid skolorna" not in page


def test_an_action_of_another_municipality_cannot_be_linked(
    editor, other_municipality, assigned, action_factory, action_plan_factory
):
    theirs = action_factory(plan=action_plan_factory(municipality=other_municipality))
    with pytest.raises(ValidationError):
        services.answer_proposal(
            editor, assigned[0], AnswerInput(decision="accepted", text="Ja", action_id=theirs.pk)
        )
