"""Selected proposals go to a department with a deadline; the department's people see their queue
and answer it, nobody else's; the overdue list names the late ones."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.selectors.proposals import overdue_proposals, queue_for
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.organisations.services import grant_role

pytestmark = pytest.mark.django_db


def test_assignment_sets_department_deadline_and_state(assigned, department):
    assert {(p.department, p.state.key) for p in assigned} == {(department, "assigned")}
    assert all(p.deadline > timezone.localdate() for p in assigned)


def test_only_selected_proposals_are_assigned_and_not_to_a_past_date(
    editor, karlstad, department, proposal_factory, selected
):
    unselected = proposal_factory(municipality=karlstad, published=True)
    later = timezone.localdate() + timedelta(days=10)
    with pytest.raises(ValidationError):
        services.assign_proposals(editor, karlstad, [unselected.pk], department, later)
    with pytest.raises(ValidationError):
        services.assign_proposals(
            editor, karlstad, [selected[0].pk], department, timezone.localdate() - timedelta(days=1)
        )


def test_a_department_of_another_municipality_is_refused(
    editor, karlstad, other_municipality, selected
):
    theirs = other_municipality.departments.first()
    with pytest.raises(ValidationError):
        services.assign_proposals(editor, karlstad, [selected[0].pk], theirs, timezone.localdate())


def test_the_department_sees_its_queue_and_no_other(
    assigned, karlstad, editor, department_user, user_factory, other_department, selected
):
    mf_user = user_factory(username="mf")
    grant_role(mf_user, karlstad.organisation, "viewer", department=other_department)
    assert {p.pk for p in queue_for(department_user, karlstad)} == {p.pk for p in assigned}
    assert list(queue_for(mf_user, karlstad)) == []
    c = Client()
    c.force_login(department_user)
    page = c.get("/kommun/1780/forslag/arbete/").content.decode()
    assert all(f"/forslag/{p.pk}/svara/" in page for p in assigned)
    c.force_login(mf_user)
    page = c.get("/kommun/1780/forslag/arbete/").content.decode()
    assert not any(f"/forslag/{p.pk}/svara/" in page for p in assigned)
    assert c.get(f"/kommun/1780/forslag/{assigned[0].pk}/svara/").status_code == 403


def test_the_department_user_answers_from_its_queue(assigned, department_user):
    c = Client()
    c.force_login(department_user)
    r = c.post(
        f"/kommun/1780/forslag/{assigned[0].pk}/svara/",
        {"decision": "accepted", "text": "Vi sätter upp cykelställ i vår."},
    )
    assert r.status_code == 302
    assert Proposal.objects.get(pk=assigned[0].pk).answer.answered_by == department_user


def test_the_overdue_list_names_unanswered_proposals_past_their_deadline(
    assigned, karlstad, editor_client
):
    late = assigned[0]
    Proposal.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    assert [p.pk for p in overdue_proposals(karlstad)] == [late.pk]
    page = editor_client.get("/kommun/1780/forslag/arbete/").content.decode()
    assert "Försenade svar" in page and "svaret skulle ha lämnats" in page


def test_someone_outside_the_municipality_gets_no_work_page(client, outsider, karlstad):
    client.force_login(outsider)
    assert client.get("/kommun/1780/forslag/arbete/").status_code == 403
