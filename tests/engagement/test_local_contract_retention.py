"""A rejected signatory's contact data is blanked a year after the rejection and an unconfirmed
sign-up is deleted after thirty days, by the weekly local contract task; nothing else is."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from klimatkontrakt.engagement.local_contract_tasks import send_local_contract_reminders
from klimatkontrakt.engagement.models import Pledge, Signatory
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.engagement.services.local_contract_retention import (
    REJECTED_CONTACT_RETENTION_DAYS,
    UNCONFIRMED_SIGN_UP_DAYS,
    erase_expired_signatory_contacts,
)
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import PledgeFactory, SignatoryFactory

local_contract = factories.local_contract
signatory = factories.signatory


def _rejected(editor, local_contract, **kwargs) -> Signatory:
    s = SignatoryFactory(
        contract=local_contract, state="confirmed", contact_phone="054-1", **kwargs
    )
    PledgeFactory(signatory=s)
    services.decide(editor, s, approve=False)
    s.report_nonce = "n" * 32
    s.save(update_fields=["report_nonce"])
    return s


def test_a_rejected_signatory_keeps_its_contact_for_the_retention_period(editor, local_contract):
    s = _rejected(editor, local_contract)
    soon = timezone.now() + timedelta(days=REJECTED_CONTACT_RETENTION_DAYS - 1)
    assert erase_expired_signatory_contacts(soon) == {"erased": 0, "deleted": 0}
    s.refresh_from_db()
    assert s.contact_email and s.contact_phone


def test_a_rejected_signatory_loses_its_contact_after_the_period(editor, local_contract, signatory):
    s = _rejected(editor, local_contract)
    resident = _rejected(editor, local_contract, kind="resident", name="Anna Andersson")
    later = timezone.now() + timedelta(days=REJECTED_CONTACT_RETENTION_DAYS + 1)
    assert erase_expired_signatory_contacts(later) == {"erased": 2, "deleted": 0}
    s.refresh_from_db()
    resident.refresh_from_db()
    blank = ("", "", "", "")
    assert (s.contact_name, s.contact_email, s.contact_phone, s.report_nonce) == blank
    assert s.name and s.org_number and s.pledges.exists()  # the organisation's, not a person's
    assert resident.name == "" and resident.contact_email == ""
    signatory.refresh_from_db()  # approved: untouched however old
    assert signatory.contact_email
    # Done once: a second run finds nothing left to erase.
    assert erase_expired_signatory_contacts(later) == {"erased": 0, "deleted": 0}


def test_an_unconfirmed_sign_up_is_deleted_after_thirty_days(local_contract):
    old = SignatoryFactory(contract=local_contract, state="unconfirmed")
    PledgeFactory(signatory=old)
    confirmed = SignatoryFactory(contract=local_contract, state="confirmed")
    days = UNCONFIRMED_SIGN_UP_DAYS
    assert erase_expired_signatory_contacts(timezone.now() + timedelta(days=days - 1)) == {
        "erased": 0,
        "deleted": 0,
    }
    assert erase_expired_signatory_contacts(timezone.now() + timedelta(days=days + 1)) == {
        "erased": 0,
        "deleted": 1,
    }
    assert not Signatory.objects.filter(pk=old.pk).exists()
    assert not Pledge.objects.filter(signatory_id=old.pk).exists()
    assert Signatory.objects.filter(pk=confirmed.pk).exists()


def test_the_weekly_task_runs_the_retention(editor, local_contract):
    s = _rejected(editor, local_contract)
    unconfirmed = SignatoryFactory(contract=local_contract, state="unconfirmed")
    later = timezone.now() + timedelta(days=REJECTED_CONTACT_RETENTION_DAYS + 1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        result = send_local_contract_reminders.enqueue().return_value
    assert result == {"reminders": 0, "erased": 1, "deleted": 1}
    s.refresh_from_db()
    assert s.contact_email == ""
    assert not Signatory.objects.filter(pk=unconfirmed.pk).exists()
