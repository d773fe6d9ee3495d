"""A spreadsheet cell as the text a person sees in it: one rule for every reader of sheets."""

import datetime as dt
from decimal import Decimal


def cell_text(value: object) -> str:
    """None is empty; a date is ISO; a whole float (xlrd reads every number as one) has no
    ".0"; any other float is written out in full, never in exponent form; text is stripped."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value).strip()
