"""What the change log holds about a person: the entries of the changes they made.

An entry names its actor by account id only (no name, no e-mail). Erasure leaves the entries as
they are: once the account is deleted no record links that id to a person, and the log is the
municipality's record of who changed its official documents (docs/organisations.md).
"""

from typing import Any

from klimatkontrakt.audit.selectors import entries_of_account, type_name


def export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at.isoformat(),
            "municipality": e.municipality.code if e.municipality else None,
            "action": e.action,
            "object_type": type_name(e.object_type),
            "object": e.label,
            "before": e.before,
            "after": e.after,
        }
        for e in entries_of_account(user.pk)
    ]


def erase(user: Any) -> None:
    """Nothing to blank: an entry holds the account id, which the account's deletion orphans."""
