"""What a person reads for a carbon-budget method id (calc.budgets.METHODS keys): its name in
the interface language. calc/ keeps Swedish titles for the CLI; pages, reports and the API's
titles use these."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

METHOD_LABELS: dict[str, Promise] = {
    "cemus-2023": _("CEMUS 2023 (Paris Agreement, 1.5 °C)"),
    "carbon-law": _("The carbon law (11.72 per cent less each year)"),
    "fixed": _("Budget adopted by the municipality"),
}


def method_label(key: str | None) -> str:
    if not key:
        return ""
    label = METHOD_LABELS.get(key)
    return str(label) if label is not None else key
