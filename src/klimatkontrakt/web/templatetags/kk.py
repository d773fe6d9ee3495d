"""Number formatting for Swedish and English pages: grouped thousands, locale decimal mark;
a municipality's status label in the page's language."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

if TYPE_CHECKING:
    from klimatkontrakt.organisations.models import MunicipalityStatus

register = template.Library()


@register.filter
def num(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """1234567.8 → '1 234 568' (sv) or '1,234,568' (en); '–' for missing values."""
    if value is None or value == "":
        return "–"
    return number_format(round(float(value), int(decimals)), int(decimals), force_grouping=True)


@register.filter
def pct(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return f"{number_format(round(float(value), int(decimals)), int(decimals))}\u00a0%"


@register.simple_tag
def kk_modules(municipality):  # type: ignore[no-untyped-def]
    from klimatkontrakt.web.modules import municipality_modules

    return municipality_modules(municipality)


@register.simple_tag
def status_label(status: "MunicipalityStatus | None", badge: bool = False) -> str | SafeString:
    """A commitment or action status in the active language; `badge=True` wraps it in a span
    whose classes carry the status key, for styling such as `.status-done`."""
    if status is None:
        return ""
    label = status.label(get_language())
    if badge:
        return format_html('<span class="status status-{}">{}</span>', status.key, label)
    return label


@register.simple_tag
def module_url(key: str, *args: Any) -> str:
    """`{% module_url "goal" municipality.code goal.pk %}`: a link into another app's pages, ''
    when that app is not installed (`{% module_url ... as url %}{% if url %}` to leave it out)."""
    from klimatkontrakt.web.modules import link_url

    return link_url(key, *args)
