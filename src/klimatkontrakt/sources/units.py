"""What a person reads for a unit code of the factor and activity tables (``l``, ``kWh``,
``kg CO2e/USD``). Files keep the codes; an unknown unit is shown as written."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The codes are defined in sources/factors.py (ACTIVITY_UNITS); kWh, MWh, kg, km read the same.
UNIT_LABELS: dict[str, Promise] = {
    "l": _("litres"),
    "m3": _("cubic metres"),
    "Nm3": _("normal cubic metres"),
    "t": _("tonnes"),
    "pkm": _("passenger-km"),
}


def unit_label(code: str | None) -> str:
    if not code:
        return ""
    label = UNIT_LABELS.get(code)
    return str(label) if label is not None else code
