"""What the contracts hold about a person: the commitment changes the user made.

Erasure leaves them to the account's deletion, which keeps each change with an anonymous actor.
"""

from typing import Any

from klimatkontrakt.contracts.models import CommitmentChange


def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "at": c.at.isoformat(),
            "action": c.action,
            "version": c.version.year,
            "municipality": c.version.contract.municipality.code,
        }
        for c in CommitmentChange.objects.filter(user=user).select_related(
            "version__contract__municipality"
        )
    ]


def erase(user: Any) -> None:
    """Nothing to blank: `CommitmentChange.user` is set to NULL when the account goes."""
