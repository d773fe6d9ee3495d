"""What the engagement app holds about a person, found by the user's e-mail address
(case-insensitive): a signatory's contact details and a citizen's proposal contact details."""

from typing import Any


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    # Local climate contracts
    from klimatkontrakt.engagement.local_contract_personal_data import export_signatories

    out["local_climate_contracts"] = export_signatories(user)

    # Proposals

    return out


def erase(user: Any) -> None:
    # Local climate contracts
    from klimatkontrakt.engagement.local_contract_personal_data import erase_signatories

    erase_signatories(user)

    # Proposals
    return None
