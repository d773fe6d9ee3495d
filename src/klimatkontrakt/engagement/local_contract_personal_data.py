"""A signatory's contact data, found by the user's e-mail address (case-insensitive): exported,
and erased on request. Erasure blanks the contact person, e-mail and phone and the report nonce
(so no link works any more); the organisation's name, number and pledges stay, since they are
the organisation's, not the person's. Legal basis and retention: docs/decisions.md."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.engagement.models import Signatory


def _signatories(user: Any) -> QuerySet[Signatory]:
    email = (getattr(user, "email", "") or "").strip()
    if not email:
        return Signatory.objects.none()
    return Signatory.objects.filter(contact_email__iexact=email).select_related(
        "contract__municipality"
    )


def export_signatories(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "municipality": s.contract.municipality.code,
            "kind": s.kind,
            "organisation": s.name,
            "contact_name": s.contact_name,
            "contact_email": s.contact_email,
            "contact_phone": s.contact_phone,
            "consent_to_publish": s.consent_to_publish,
            "consent_at": s.consent_at.isoformat() if s.consent_at else None,
            "signed_up_at": s.signed_up_at.isoformat(),
            "pledges": [p.title for p in s.pledges.all()],
        }
        for s in _signatories(user)
    ]


def erase_signatories(user: Any) -> None:
    for s in _signatories(user):
        s.contact_name = s.contact_email = s.contact_phone = s.report_nonce = ""
        s.save(update_fields=["contact_name", "contact_email", "contact_phone", "report_nonce"])
