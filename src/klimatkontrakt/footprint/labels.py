"""What a person reads for the footprint's codes: a line's status, a category's basis, the
filters of the invoice-line list, and a classification rule in words.

The codes themselves are defined in footprint/classify.py (line status), footprint/results.py
(basis) and footprint/engine.py (filters); purchase categories are labelled in
sources/categories.py.
"""

import re
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.sources.categories import category_label
from klimatkontrakt.sources.rules import Rule

LINE_STATUS_LABELS: dict[str, Promise] = {
    "spend": _("spend-based"),
    "replaced": _("replaced by activity data"),
    "no_factor": _("no emission factor"),
    "excluded": _("excluded (not a purchase)"),
    "unclassified": _("unclassified"),
}

# What a category's tonnes rest on (the "basis" of results.summarise's by_category).
BASIS_LABELS: dict[str, Promise] = {
    "spend": _("Spend"),
    "activity": _("Activity data"),
    "spend+activity": _("Spend and activity data"),
}

# A ledger file's outcome (footprint/engine.py FileReport.status).
IMPORT_STATUS_LABELS: dict[str, Promise] = {
    "accepted": _("imported"),
    "refused": _("refused"),
    "duplicate": _("already imported"),
}

FILTER_LABELS: dict[str, Promise] = {
    "year": _("Year"),
    "department": _("Department"),
    "category": _("Category"),
    "supplier_id": _("Organisation number"),
    "supplier_name": _("Supplier"),
    "status": _("Status"),
}

# A pattern that is only words joined by "|", possibly inside \b…\b or a group: said in words.
_PLAIN = re.compile(r"[\w åäöÅÄÖ-]+")


def _words(pattern: str) -> list[str] | None:
    bare = re.sub(r"\\b|\\w\*", "", pattern)
    if bare.startswith("(") and bare.endswith(")") and bare.count("(") == 1:
        bare = bare[1:-1]
    words = [w.strip() for w in re.split(r"\||\(|\)", bare) if w.strip()]
    return words if words and all(_PLAIN.fullmatch(w) for w in words) else None


def _quoted(words: list[str]) -> str:
    quoted = [f"”{w}”" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    return gettext("%(first)s or %(last)s") % {"first": ", ".join(quoted[:-1]), "last": quoted[-1]}


def rule_condition(rule: Rule) -> str:
    """The condition of a rule in words: 'account starting with 54', 'text containing ”kött”
    or ”chark”'; a regular expression that is more than words is named as a pattern."""
    if rule.id == 0:
        return gettext("the supplier's organisation number is the buyer's own (internal invoice)")
    if rule.field == "account":
        return gettext("account starting with %(prefix)s") % {"prefix": rule.pattern}
    if rule.field == "supplier_id":
        return gettext("supplier with organisation number %(number)s") % {"number": rule.pattern}
    words = _words(rule.pattern)
    if rule.field == "supplier_name":
        if words:
            return gettext("supplier name containing %(words)s") % {"words": _quoted(words)}
        return gettext("supplier name matching the pattern (regular expression) %(pattern)s") % {
            "pattern": f"”{rule.pattern}”"
        }
    if words:
        return gettext("account or line text containing %(words)s") % {"words": _quoted(words)}
    return gettext("account or line text matching the pattern (regular expression) %(pattern)s") % {
        "pattern": f"”{rule.pattern}”"
    }


def rule_description(rule: Rule) -> str:
    """A rule as one sentence for the invoice-line list: its row, condition and category."""
    return gettext("Rule %(id)s: %(condition)s → %(category)s") % {
        "id": rule.id,
        "condition": rule_condition(rule),
        "category": category_label(rule.category),
    }


def _lookup(labels: dict[str, Promise], code: str | None) -> str:
    return str(labels[code]) if code in labels else (code or "")


def line_status_label(code: str | None) -> str:
    return _lookup(LINE_STATUS_LABELS, code)


def basis_label(code: str | None) -> str:
    return _lookup(BASIS_LABELS, code)


def import_status_label(code: str | None) -> str:
    return _lookup(IMPORT_STATUS_LABELS, code)


def filter_label(code: str | None) -> str:
    return _lookup(FILTER_LABELS, code)


def rule_row_condition(row: dict[str, Any]) -> str:
    """`rule_condition` for a rule as the footprint result lists it (a dict)."""
    return rule_condition(Rule(row["id"], row["field"], row["pattern"], row["category"], 0))
