"""What the engagement app holds about a person, found by the user's e-mail address
(case-insensitive): a signatory's contact details and a citizen's proposal contact details."""

from typing import Any


def export(user: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    # Local climate contracts

    # Proposals

    return out


def erase(user: Any) -> None:
    # Local climate contracts

    # Proposals
    return None
