"""The weekly reminder: a new report link to every approved signatory that has not reported
all its pledges for last year, at most every two weeks; the editor's list shows the same."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from klimatkontrakt.engagement.local_contract_tasks import send_local_contract_reminders
from klimatkontrakt.engagement.services.local_contract_signatories import send_report_reminders
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import PledgeFactory, SignatoryFactory, report

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory

URL = "/kommun/1780/lokalt-klimatkontrakt/ej-rapporterat/"


def test_reminders_go_to_those_who_have_not_reported(signatory, local_contract):
    year = timezone.now().year - 1
    done = SignatoryFactory(contract=local_contract, contact_email="klar@example.org")
    report(PledgeFactory(signatory=done), year, "1")
    SignatoryFactory(contract=local_contract, state="confirmed")  # not approved: no reminder
    assert send_report_reminders() == 1
    assert [m.to for m in mail.outbox] == [[signatory.contact_email]]
    # Within two weeks nothing again; after them a new link.
    assert send_report_reminders() == 0
    assert send_report_reminders(timezone.now() + timedelta(days=15)) == 1


def test_the_task_sends_them(signatory):
    result = send_local_contract_reminders.enqueue()
    assert result.return_value["reminders"] == 1 and len(mail.outbox) == 1


def test_the_editor_sees_who_has_not_reported(editor_client, signatory, local_contract):
    year = timezone.now().year - 1
    done = SignatoryFactory(contract=local_contract, name="Exempel Klar AB")
    report(PledgeFactory(signatory=done), year, "1")
    page = editor_client.get(URL + f"?year={year}").content.decode()
    assert signatory.name in page and "Exempel Klar AB" not in page
    editor_client.post(f"/kommun/1780/lokalt-klimatkontrakt/undertecknare/{signatory.pk}/lank/")
    assert len(mail.outbox) == 1
