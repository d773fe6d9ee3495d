"""Reads for local climate contracts. The roll-up (`rollup`) is the one source of the totals on
the public page, in the API, the CLI, the follow-up report and the investment plan's pathway.

Who sees what: everyone reads the published version, the catalogue, approved organisations that
agreed to be shown (never contact data) and the totals; the municipality's users also read
drafts, every signatory and contact data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from klimatkontrakt.calc.local_contracts import SectorRollUp, roll_up
from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.engagement.models import (
    LocalContract,
    LocalContractVersion,
    Pledge,
    PledgeReport,
    Signatory,
    StandardPledge,
)
from klimatkontrakt.investments import selectors as investments
from klimatkontrakt.investments.models import InvestmentPlan, Measure
from klimatkontrakt.organisations.access import can_view_unpublished, require_view_unpublished
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action

NOT_REPORTED = "not_reported"
STATUSES = [s.value for s in PledgeReport.Status] + [NOT_REPORTED]


def contract_for(municipality: Municipality) -> LocalContract | None:
    return LocalContract.objects.filter(municipality=municipality).first()


def published_version(contract: LocalContract | None) -> LocalContractVersion | None:
    if contract is None:
        return None
    return contract.versions.filter(state=LocalContractVersion.State.PUBLISHED).first()


def visible_versions(user: Any, municipality: Municipality) -> QuerySet[LocalContractVersion]:
    qs = LocalContractVersion.objects.filter(contract__municipality=municipality)
    if not can_view_unpublished(user, municipality):
        qs = qs.filter(state=LocalContractVersion.State.PUBLISHED)
    return qs


def version_for(user: Any, municipality: Municipality, number: int) -> LocalContractVersion:
    found = visible_versions(user, municipality).filter(number=number).first()
    if found is None:
        raise Http404("No such version")
    return found


def catalogue(contract: LocalContract | None, *, active_only: bool = True) -> list[StandardPledge]:
    if contract is None:
        return []
    qs = contract.standard_pledges.all()
    return list(qs.filter(is_active=True) if active_only else qs)


def standard_pledge_for(user: Any, municipality: Municipality, pk: int) -> StandardPledge:
    require_view_unpublished(user, municipality)
    found = StandardPledge.objects.filter(contract__municipality=municipality, pk=pk).first()
    if found is None:
        raise Http404("No such pledge")
    return found


def _with_pledges(qs: QuerySet[Signatory]) -> QuerySet[Signatory]:
    reports = PledgeReport.objects.order_by("-year")
    pledges = Pledge.objects.select_related("standard").prefetch_related(
        Prefetch("reports", queryset=reports),
        Prefetch("commitments", queryset=Commitment.objects.select_related("version")),
        Prefetch("actions", queryset=Action.objects.select_related("plan")),
    )
    return qs.prefetch_related(Prefetch("pledges", queryset=pledges))


def public_signatories(municipality: Municipality) -> QuerySet[Signatory]:
    """Approved organisations that agreed to be shown, with pledges and reports."""
    return _with_pledges(
        Signatory.objects.filter(
            contract__municipality=municipality,
            state=Signatory.State.APPROVED,
            kind=Signatory.Kind.ORGANISATION,
            consent_to_publish=True,
        )
    )


def all_signatories(user: Any, municipality: Municipality) -> QuerySet[Signatory]:
    """Every signatory with contact data: the municipality's users only."""
    require_view_unpublished(user, municipality)
    return _with_pledges(Signatory.objects.filter(contract__municipality=municipality))


def signatory_for(user: Any, municipality: Municipality, pk: int) -> Signatory:
    found = all_signatories(user, municipality).filter(pk=pk).first()
    if found is None:
        raise Http404("No such signatory")
    return found


def pledge_for(user: Any, municipality: Municipality, pk: int) -> Pledge:
    require_view_unpublished(user, municipality)
    found = Pledge.objects.filter(signatory__contract__municipality=municipality, pk=pk).first()
    if found is None:
        raise Http404("No such pledge")
    return found


def not_reported(municipality: Municipality, year: int) -> list[Signatory]:
    """Active signatories with at least one pledge without a report for `year`."""
    out = []
    for s in _with_pledges(
        Signatory.objects.filter(
            contract__municipality=municipality, state=Signatory.State.APPROVED
        )
    ):
        pledges = list(s.pledges.all())
        if any(all(r.year != year for r in p.reports.all()) for p in pledges):
            out.append(s)
    return out


def report_years(municipality: Municipality) -> list[int]:
    years = PledgeReport.objects.filter(
        pledge__signatory__contract__municipality=municipality
    ).values_list("year", flat=True)
    return sorted(set(years))


def sector_emissions(municipality: Municipality, year: int) -> tuple[dict[str, float], int | None]:
    """Each SMHI sector's emissions in the latest year up to `year` (headline gas), and that
    year; empty when no release is held."""
    gas = emissions.headline_gas()
    if gas is None:
        return {}, None
    history = emissions.sector_history(emissions.current_release(gas), municipality)
    years = [i for i, y in enumerate(history.years) if y <= year]
    if not years:
        return {}, None
    col = years[-1]
    found = {
        s: float(history.values[i, col])
        for i, s in enumerate(history.sectors)
        if np.isfinite(history.values[i, col])
    }
    return found, history.years[col]


def municipal_measure_sectors(municipality: Municipality) -> set[str]:
    """Sectors that a published territorial investment plan has a measure on."""
    plans = investments.visible_plans(AnonymousUser(), municipality).filter(
        scope=InvestmentPlan.Scope.GEOGRAPHY
    )
    return set(Measure.objects.filter(plan__in=plans).values_list("sector", flat=True))


@dataclass(frozen=True)
class RollUp:
    year: int
    signatories: dict[str, int]
    pledges: dict[str, int]
    sectors: SectorRollUp
    overlap_sectors: list[str]
    emissions_year: int | None
    by_year: dict[int, float] = field(default_factory=dict)

    @property
    def total_signatories(self) -> int:
        return sum(self.signatories.values())


def _active_pledges(municipality: Municipality) -> QuerySet[Pledge]:
    return Pledge.objects.filter(
        signatory__contract__municipality=municipality,
        signatory__state=Signatory.State.APPROVED,
    )


def _sector_rollup(municipality: Municipality, year: int) -> tuple[SectorRollUp, int | None]:
    reports = PledgeReport.objects.filter(
        pledge__in=_active_pledges(municipality), year=year, estimated_t__isnull=False
    ).values_list("pledge__sector", "estimated_t")
    limits, emissions_year = sector_emissions(municipality, year)
    pairs = ((s, float(t)) for s, t in reports if t is not None)
    return roll_up(pairs, limits), emissions_year


def rollup(municipality: Municipality, year: int) -> RollUp:
    """Signatories by kind, pledges by the status reported for `year`, reductions per SMHI
    sector (each capped at the sector's emissions) and in total, the sectors where a municipal
    measure acts too, and the counted total of every reported year. Approved signatories and
    published investment plans only, so every reader gets the same figures."""
    kinds = Counter(
        Signatory.objects.filter(
            contract__municipality=municipality, state=Signatory.State.APPROVED
        ).values_list("kind", flat=True)
    )
    pledges = list(_active_pledges(municipality).values_list("pk", flat=True))
    status_of = dict(
        PledgeReport.objects.filter(pledge_id__in=pledges, year=year).values_list(
            "pledge_id", "status"
        )
    )
    statuses = Counter(status_of.get(pk, NOT_REPORTED) for pk in pledges)
    sectors, emissions_year = _sector_rollup(municipality, year)
    measures = municipal_measure_sectors(municipality)
    by_year = {y: _sector_rollup(municipality, y)[0].total_t for y in report_years(municipality)}
    return RollUp(
        year=year,
        signatories={k.value: kinds.get(k.value, 0) for k in Signatory.Kind},
        pledges={s: statuses.get(s, 0) for s in STATUSES},
        sectors=sectors,
        overlap_sectors=sorted(s for s in sectors.counted_t if s in measures),
        emissions_year=emissions_year,
        by_year=by_year,
    )


def rollup_json(r: RollUp) -> dict[str, Any]:
    """The roll-up as the CLI, the API and the report carry it."""
    return {
        "year": r.year,
        "signatories": {**r.signatories, "total": r.total_signatories},
        "pledges": r.pledges,
        "reported_reduction_t": {
            "total": round(r.sectors.total_t, 3),
            "by_sector": {s: round(t, 3) for s, t in sorted(r.sectors.counted_t.items())},
            "reported_before_cap": round(r.sectors.reported_total_t, 3),
            "capped_sectors": r.sectors.capped,
            "sector_emissions_year": r.emissions_year,
        },
        "overlap_sectors": r.overlap_sectors,
        "by_year": [{"year": y, "total_t": round(t, 3)} for y, t in sorted(r.by_year.items())],
    }


def default_year(municipality: Municipality) -> int:
    """The year a roll-up shows when none is asked: the latest reported, else last year."""
    from django.utils import timezone

    years = report_years(municipality)
    return years[-1] if years else timezone.now().year - 1


def labelled_totals(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """`rollup_json` with rows named in the active language, for the page and the report."""
    from django.utils.translation import gettext as _

    from klimatkontrakt.sources.sectors import sector_label

    if not data:
        return None
    if data.get("available") is False:
        return data
    kinds = dict(Signatory.Kind.choices)
    statuses = {**dict(PledgeReport.Status.choices), NOT_REPORTED: _("Not reported")}
    reduction = data["reported_reduction_t"]
    return {
        **data,
        "signatory_rows": [
            (str(kinds[k]), n) for k, n in data["signatories"].items() if k in kinds
        ],
        "pledge_rows": [(str(statuses[k]), n) for k, n in data["pledges"].items()],
        "sector_rows": [
            {
                "sector": sector_label(s),
                "t": t,
                "capped": s in reduction["capped_sectors"],
                "overlap": s in data["overlap_sectors"],
            }
            for s, t in reduction["by_sector"].items()
        ],
        "capped_labels": [sector_label(s) for s in reduction["capped_sectors"]],
        "overlap_labels": [sector_label(s) for s in data["overlap_sectors"]],
    }


@dataclass(frozen=True)
class PathwayContribution:
    """What the territorial investment plan's pathway shows beside its own measures."""

    by_year: dict[int, float]
    overlap_sectors: list[str]
    capped_sectors: list[str]


def pathway_contribution(municipality: Municipality) -> PathwayContribution | None:
    """Signatories' counted reductions per reported year, from the same roll-up; None when
    nothing has been reported."""
    years = report_years(municipality)
    if not years:
        return None
    latest = rollup(municipality, years[-1])
    return PathwayContribution(latest.by_year, latest.overlap_sectors, latest.sectors.capped)
