"""A citizen's contact details are erased CONTACT_RETENTION_DAYS after the answer (or after
moderation kept the proposal unpublished), never before; the rate limit's records go too."""

from datetime import timedelta

import pytest
from django.utils import timezone

from klimatkontrakt.engagement.models import Answer, IntakeAttempt, Proposal
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposal_upkeep import erase_expired_contacts
from klimatkontrakt.engagement.services.proposals import CONTACT_RETENTION_DAYS, AnswerInput
from tests.engagement.proposal_factories import citizen_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(karlstad, editor):
    p = citizen_proposal(karlstad)
    services.select_proposals(editor, karlstad, [p.pk], "Bra idé")
    services.answer_proposal(
        editor, Proposal.objects.get(pk=p.pk), AnswerInput(decision="accepted", text="Ja")
    )
    return Proposal.objects.get(pk=p.pk)


def test_contact_details_stay_until_the_retention_period_has_passed(answered):
    soon = timezone.now() + timedelta(days=CONTACT_RETENTION_DAYS - 1)
    assert erase_expired_contacts(soon) == 0
    answered.refresh_from_db()
    assert answered.contact_email


def test_contact_details_are_erased_after_the_retention_period(answered):
    later = timezone.now() + timedelta(days=CONTACT_RETENTION_DAYS + 1)
    assert erase_expired_contacts(later) == 1
    answered.refresh_from_db()
    assert (answered.contact_name, answered.contact_email, answered.contact_phone) == ("", "", "")
    assert answered.contact_erased_at is not None and answered.text  # the proposal stays
    assert Answer.objects.filter(proposal=answered).exists()


def test_an_unanswered_proposal_keeps_its_contact(karlstad):
    p = citizen_proposal(karlstad)
    erase_expired_contacts(timezone.now() + timedelta(days=1000))
    p.refresh_from_db()
    assert p.contact_email


def test_a_proposal_kept_unpublished_loses_its_contact_after_the_period(karlstad, editor):
    p = citizen_proposal(karlstad, published=False)
    services.moderate(editor, p, publish=False, reason="off_topic")
    assert erase_expired_contacts(timezone.now() + timedelta(days=CONTACT_RETENTION_DAYS + 1)) == 1


def test_a_merged_proposal_follows_the_answer_of_the_one_that_carries_on(
    answered, karlstad, editor
):
    dup = citizen_proposal(karlstad, contact_email="annan@example.org")
    services.merge_proposals(editor, answered, [dup])
    erase_expired_contacts(timezone.now() + timedelta(days=CONTACT_RETENTION_DAYS + 1))
    dup.refresh_from_db()
    assert dup.contact_email == ""


def test_the_rate_limit_records_are_dropped_after_their_hour(karlstad):
    IntakeAttempt.objects.create(municipality=karlstad, address_key="x" * 64)
    erase_expired_contacts(timezone.now() + timedelta(hours=2))
    assert not IntakeAttempt.objects.exists()
