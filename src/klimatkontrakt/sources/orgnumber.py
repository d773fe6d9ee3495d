"""Swedish organisation numbers (organisationsnummer): ten digits, the last a Luhn control digit.

Written NNNNNN-NNNN; also accepted with the century prefix 16 that Skatteverket uses in some
registers (16NNNNNN-NNNN) and with spaces. Pure functions: the engagement app checks a
signatory's number with them, and the funding app will check a grant recipient's the same way.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s-]")


class InvalidOrgNumber(ValueError):
    """Not an organisation number: the message says why, in English (callers translate)."""


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check over a string of digits, control digit last."""
    if not digits or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_control_digit(first_nine: str) -> int:
    """The control digit that makes `first_nine` + digit pass the Luhn check."""
    for digit in range(10):
        if luhn_valid(first_nine + str(digit)):
            return digit
    raise InvalidOrgNumber("not digits")  # unreachable for digits: one of ten always fits


def normalise_org_number(text: str) -> str:
    """The number as NNNNNN-NNNN; InvalidOrgNumber when it is not ten digits (optionally with the
    prefix 16) or its control digit is wrong."""
    raw = _SEPARATORS.sub("", text or "")
    if len(raw) == 12 and raw.startswith("16"):
        raw = raw[2:]
    if len(raw) != 10 or not raw.isdigit():
        raise InvalidOrgNumber("an organisation number has ten digits")
    if not luhn_valid(raw):
        raise InvalidOrgNumber("the control digit does not match")
    return f"{raw[:6]}-{raw[6:]}"


def is_legal_person(text: str) -> bool:
    """Whether the number is a legal person's organisation number: a valid number whose third
    digit is 2 or more. A sole trader's number is the owner's personal identity number (whose
    third and fourth digits are the birth month, so the third is 0 or 1): personal data."""
    try:
        number = normalise_org_number(text)
    except InvalidOrgNumber:
        return False
    return int(number[2]) >= 2
