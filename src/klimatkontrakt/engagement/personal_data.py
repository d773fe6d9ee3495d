"""What the engagement app holds about a person, found by the user's e-mail address
(case-insensitive): a signatory's contact details and a citizen's proposal contact details."""

from typing import Any

from django.db.models import QuerySet

from klimatkontrakt.engagement.models import Proposal


def _proposals(user: Any) -> QuerySet[Proposal]:
    """Citizens' proposals sent with the user's e-mail address as contact."""
    email = (getattr(user, "email", "") or "").strip()
    if not email:
        return Proposal.objects.none()
    return Proposal.objects.filter(contact_email__iexact=email).select_related("municipality")


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    # Local climate contracts
    from klimatkontrakt.engagement.local_contract_personal_data import export_signatories

    out["local_climate_contracts"] = export_signatories(user)

    # Proposals
    out["proposal_contacts"] = [
        {
            "municipality": p.municipality.code,
            "proposal": p.pk,
            "text": p.text,
            "received": p.received.isoformat(),
            "contact_name": p.contact_name,
            "contact_email": p.contact_email,
            "contact_phone": p.contact_phone,
        }
        for p in _proposals(user)
    ]
    return out


def erase(user: Any) -> None:
    # Local climate contracts
    from klimatkontrakt.engagement.local_contract_personal_data import erase_signatories

    erase_signatories(user)

    # Proposals
    _proposals(user).update(contact_name="", contact_email="", contact_phone="")
    return None
