"""The limits of a plan's optimisation in words: each limit once, its years collapsed.

A sector's limit is one row per year in the linear programme, and the capital limit one per
start year; a reader wants "Diesel: 2027–2030", not four lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from klimatkontrakt.calc.portfolio import PortfolioProblem
from klimatkontrakt.sources.sectors import sector_label
from klimatkontrakt.web.pages import year_ranges


@dataclass(frozen=True)
class ConstraintGroup:
    kind: str  # "budget", "goal", "sector" or "capital"
    subject: str  # the sector of a sector limit
    years: tuple[int, ...]

    @property
    def text(self) -> str:
        years = year_ranges(self.years)
        if self.kind == "budget":
            return _("Cumulative emissions within the carbon budget")
        if self.kind == "goal":
            return _("Emissions in %(years)s at most the goal level") % {"years": years}
        if self.kind == "sector":
            return _("%(sector)s: reductions at most the sector's emissions in %(years)s") % {
                "sector": sector_label(self.subject),
                "years": years,
            }
        return _("Capital of measures started in %(years)s within the yearly limit") % {
            "years": years
        }


def grouped(problem: PortfolioProblem, rows: Iterable[int]) -> list[ConstraintGroup]:
    """The given rows of the problem, one group per limit, in the problem's order."""
    years: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        kind, subject, year = problem.row_keys[r]
        years.setdefault((kind, subject), [])
        if year is not None:
            years[(kind, subject)].append(year)
    return [ConstraintGroup(kind, subject, tuple(ys)) for (kind, subject), ys in years.items()]
