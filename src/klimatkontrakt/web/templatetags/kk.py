"""Number formatting for Swedish and English pages: grouped thousands, locale decimal mark;
a municipality's status label, and the label of any other code, in the page's language."""

from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django import template
from django.db.models import Choices
from django.utils.formats import date_format, number_format
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


@register.filter
def day(value: date | str | None) -> str:
    """A date, or a date in ISO form as selectors hand it over, in the language's short format:
    2026-12-05 (sv), 5 Dec 2026 (en); '–' when missing."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return date_format(value, "SHORT_DATE_FORMAT")


@register.simple_tag(takes_context=True)
def kk_modules(context, municipality):  # type: ignore[no-untyped-def]
    from klimatkontrakt.web.modules import municipality_modules

    request = context.get("request")
    return municipality_modules(municipality, getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def status_label(
    context: Any,
    status: "MunicipalityStatus | str | None",
    badge: bool = False,
    kind: str = "commitment",
) -> str | SafeString:
    """A commitment or action status in the active language; `badge=True` wraps it in a span
    whose classes carry the status key, for styling such as `.status-done`. A key (as a change
    history records it) is looked up among the page's municipality's statuses of `kind`
    ("commitment" or "action")."""
    if isinstance(status, str):
        status = _status_by_key(context.get("municipality"), status, kind) or status
        if isinstance(status, str):
            return status
    if status is None:
        return ""
    label = status.label(get_language())
    if badge:
        return format_html('<span class="status status-{}">{}</span>', status.key, label)
    return label


# Each kind of code and its one home: a function that names it, or model choices (see
# docs/language.md).
LABELS = {
    "category": "klimatkontrakt.sources.categories:category_label",
    "sector": "klimatkontrakt.sources.sectors:sector_label",
    "unit": "klimatkontrakt.sources.units:unit_label",
    "method": "klimatkontrakt.emissions.methods:label",
    "line_status": "klimatkontrakt.footprint.labels:line_status_label",
    "basis": "klimatkontrakt.footprint.labels:basis_label",
    "line_filter": "klimatkontrakt.footprint.labels:filter_label",
    "import_status": "klimatkontrakt.footprint.labels:import_status_label",
    "rule": "klimatkontrakt.footprint.labels:rule_row_condition",
    "rule_field": "klimatkontrakt.footprint.models:Rule.Field",
    "commitment_field": "klimatkontrakt.contracts.selectors:field_label",
    "role": "klimatkontrakt.organisations.models:Membership.Role",
}


@register.filter
def label(code: Any, kind: str) -> str:
    """`{{ row.category|label:"category" }}`: a code's name in the active language; an unknown
    code as it is. Statuses a municipality names itself use `{% status_label %}`; a model
    instance's choices `get_FOO_display`."""
    module, _, path = LABELS[kind].partition(":")
    home: Any = import_module(module)
    for name in path.split("."):
        home = getattr(home, name)
    if isinstance(home, type) and issubclass(home, Choices):
        return str(home(code).label) if code in home.values else str(code)
    return str(home(code))


def _status_by_key(municipality: Any, key: str, kind: str) -> "MunicipalityStatus | None":
    if municipality is None:
        return None
    table = (
        municipality.commitment_statuses if kind == "commitment" else municipality.action_statuses
    )
    found: MunicipalityStatus | None = table.filter(key=key).first()
    return found


@register.simple_tag
def module_url(key: str, *args: Any) -> str:
    """`{% module_url "goal" municipality.code goal.pk %}`: a link into another app's pages, ''
    when that app is not installed (`{% module_url ... as url %}{% if url %}` to leave it out)."""
    from klimatkontrakt.web.modules import link_url

    return link_url(key, *args)


@register.inclusion_tag("web/visibility_form.html", takes_context=True)
def visibility_form(context: Any, item: Any) -> dict[str, Any]:
    """The editors' choice of an item's visibility (private, shared, public), posted to
    `web:visibility`; nothing for other readers."""
    from klimatkontrakt.organisations.access import can_edit
    from klimatkontrakt.organisations.sharing import (
        VISIBILITY_HELP,
        Visibility,
        kind_for,
        visibility_of,
    )

    request = context.get("request")
    municipality = context.get("municipality")
    kind = kind_for(item)
    if request is None or municipality is None or kind is None or item is None:
        return {"show": False}
    if not can_edit(request.user, municipality):
        return {"show": False}
    return {
        "show": True,
        "code": municipality.code,
        "kind": kind.key,
        "item": item,
        "current": visibility_of(item, kind.published),
        "choices": Visibility.choices,
        "help": VISIBILITY_HELP,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def shared_badge(context: Any, item: Any) -> SafeString | str:
    """'Shared, not published' beside an item a reader outside the city sees only because the
    city shared it with the programme office and the agencies; or beside a figure, when `item`
    is True (a summary's `shared` flag: the figure counts such an item). The one mark of every
    page: `{% shared_badge item as mark %}{% if mark %}{{ mark }}{% elif ... %}` keeps a list's
    own "Not published" for the rest."""
    from django.utils.translation import gettext as _

    from klimatkontrakt.organisations.sharing import is_shared_only, kind_for

    if isinstance(item, bool):
        if not item:
            return ""
    else:
        kind = kind_for(item)
        if item is None or kind is None or not is_shared_only(item, kind.published):
            return ""
    return format_html('<span class="badge draft">{}</span>', _("Shared, not published"))
