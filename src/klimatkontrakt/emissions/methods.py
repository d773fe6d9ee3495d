"""Budget methods in words: each method's name and what it assumes, in the interface language.
The emissions page, the municipality summary and the report say the same sentences."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.calc.budgets import METHODS

LABELS: dict[str, Promise] = {
    "cemus-2023": _("CEMUS 2023 (Paris Agreement, 1.5 °C)"),
    "carbon-law": _("Carbon law (−11.72 % a year)"),
    "fixed": _("The municipality's adopted budget"),
}

ASSUMPTIONS: dict[str, Promise] = {
    "cemus-2023": _(
        "Assumes Sweden keeps to its share of the world's 1.5 °C carbon budget and shares it "
        "between municipalities by their emissions since 2015, counted from 2024; the "
        "national default method."
    ),
    "carbon-law": _(
        # xgettext:no-python-format
        "Assumes the emissions fall by 11.72 % every year from this year's level (recorded, "
        "or read off the trend when the statistics end earlier); its budget is that path's sum "
        "up to 2050, compared with the trend's sum, as the national comparison Klimatkollen "
        "counts it."
    ),
    "fixed": _(
        "Uses the budget in tonnes that the municipality itself adopted, from the start year "
        "it chose; the path then falls like the CEMUS path."
    ),
}

WHY_THEY_DIFFER = _(
    "The methods give different figures because they start from different totals (a share of "
    "the global budget, a fixed yearly cut or the municipality's own decision) and from "
    "different years; a budget counted from 2024 has already been drawn on by the emissions "
    "since then."
)


def label(method: str | None) -> str:
    """The method's name in the active language; an unknown method keeps its id."""
    if not method:
        return ""
    return str(LABELS.get(method, METHODS[method].title if method in METHODS else method))


def assumption(method: str) -> str:
    return str(ASSUMPTIONS.get(method, ""))
