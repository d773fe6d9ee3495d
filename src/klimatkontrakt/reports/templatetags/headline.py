"""The headline summary's words: a figure's method in the page's language. The start page, the
report and its DOCX all render the summary with these (dates with kk's `day`)."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.emissions import methods

register = template.Library()

METHODS: dict[str, Promise] = {
    "inventory-total": _(
        "the municipality's total as SMHI publishes it (all main sectors, territorial)"
    ),
    "spend-based": _(
        "purchases times spend-based emission factors, with energy and fuel data in place of "
        "the purchases they replace"
    ),
    "contract-version": _("the latest version of the contract"),
    "action-tracking": _(
        "an open action is late when its end date has passed or its update is overdue"
    ),
    "indicator-trend": _(
        "a straight trend line through the measured values, compared with the next target"
    ),
}


@register.filter
def method_text(key: str) -> str:
    """A figure's method in words: a budget method's name, or the summary's own methods."""
    if key in METHODS:
        return str(METHODS[key])
    return methods.label(key)


@register.filter
def negate(value: float | None) -> float | None:
    return None if value is None else -value
