"""Signed links for a signatory without an account: one salt per purpose, each with its age.

- confirm: the e-mail address given on sign-up belongs to the one who signed up (7 days);
- report: the yearly report form (30 days). The link carries the signatory's current nonce, which
  a new link or a submitted report replaces, so only the latest unused link works.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

CONFIRM_SALT = "klimatkontrakt.engagement.local-contract.confirm"
REPORT_SALT = "klimatkontrakt.engagement.local-contract.report"
CONFIRM_MAX_AGE = 7 * 24 * 3600
REPORT_MAX_AGE = 30 * 24 * 3600


class BadToken(Exception):
    """The link is altered, expired, for another purpose or already used."""


@dataclass(frozen=True)
class ReportClaim:
    signatory_id: int
    nonce: str
    year: int


def new_nonce() -> str:
    return secrets.token_hex(16)


def confirm_token(signatory_id: int) -> str:
    return signing.dumps({"s": signatory_id}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired is one
        raise BadToken(str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise BadToken("no signatory")
    return int(data["s"])


def report_token(signatory_id: int, nonce: str, year: int) -> str:
    return signing.dumps({"s": signatory_id, "n": nonce, "y": year}, salt=REPORT_SALT)


def read_report_token(token: str) -> ReportClaim:
    try:
        data = signing.loads(token, salt=REPORT_SALT, max_age=REPORT_MAX_AGE)
    except signing.BadSignature as exc:
        raise BadToken(str(exc)) from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("s"), int)
        or not isinstance(data.get("n"), str)
        or not isinstance(data.get("y"), int)
    ):
        raise BadToken("incomplete")
    return ReportClaim(int(data["s"]), str(data["n"]), int(data["y"]))
