"""How long a signatory's contact data is kept (docs/decisions.md, "Local climate contracts"):
a rejected signatory's contact data is blanked REJECTED_CONTACT_RETENTION_DAYS after the
rejection, and a sign-up whose e-mail address was never confirmed is deleted with its pledges
UNCONFIRMED_SIGN_UP_DAYS after it was made (its confirmation link stopped working after seven
days, so it never became a signatory). The weekly local contract task runs it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from klimatkontrakt.engagement.models import Signatory

REJECTED_CONTACT_RETENTION_DAYS = 365
UNCONFIRMED_SIGN_UP_DAYS = 30

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "report_nonce")


@transaction.atomic
def erase_expired_signatory_contacts(now: datetime | None = None) -> dict[str, int]:
    """Blank the contact data of signatories rejected more than a year ago (a resident's name
    too, since it names a person) and delete the unconfirmed sign-ups older than thirty days.
    Returns how many were erased and how many deleted."""
    moment = now or timezone.now()
    has_contact = (
        ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="") | ~Q(report_nonce="")
    )
    rejected = Signatory.objects.filter(
        state=Signatory.State.REJECTED,
        decided_at__lt=moment - timedelta(days=REJECTED_CONTACT_RETENTION_DAYS),
    )
    erased = 0
    for s in rejected.filter(has_contact | Q(kind=Signatory.Kind.RESIDENT, name__gt="")):
        for name in CONTACT_FIELDS:
            setattr(s, name, "")
        fields = list(CONTACT_FIELDS)
        if s.kind == Signatory.Kind.RESIDENT:
            s.name = ""
            fields.append("name")
        s.save(update_fields=fields)
        erased += 1
    unconfirmed = Signatory.objects.filter(
        state=Signatory.State.UNCONFIRMED,
        signed_up_at__lt=moment - timedelta(days=UNCONFIRMED_SIGN_UP_DAYS),
    )
    deleted = 0
    # One by one, so the audit log's signals see each deletion.
    for s in unconfirmed:
        s.delete()
        deleted += 1
    return {"erased": erased, "deleted": deleted}
