"""Reads about calls for funding: the open calls, the calls that fit a city's unfunded measures
(with reasons), the deadline calendar and its iCalendar file, and the applications recorded.
The page, the API and the digest all read the fits through `suggestions`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.calc.call_matching import CallFacts, Fit, MeasureFacts, Reason, fits
from klimatkontrakt.funding.models import Application, Call
from klimatkontrakt.investments.models import InvestmentPlan, Measure
from klimatkontrakt.investments.selectors import FundingGap, funding_gaps, visible_plans
from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.organisations.models import Municipality


def open_calls(today: date | None = None) -> QuerySet[Call]:
    """Calls not yet closed, the first to close first."""
    day = today or timezone.localdate()
    return Call.objects.filter(closes_on__gte=day).select_related("funder")


def call_by_id(call_id: int) -> Call:
    call = Call.objects.select_related("funder").filter(pk=call_id).first()
    if call is None:
        raise Http404("No such call")
    return call


def call_facts(call: Call) -> CallFacts:
    return CallFacts(
        call.pk,
        call.title,
        call.description,
        tuple(call.categories or ()),
        tuple(call.sectors or ()),
        call.opens_on,
        call.closes_on,
    )


def measure_facts(gap: FundingGap) -> MeasureFacts:
    m = gap.measure
    return MeasureFacts(
        m.pk, m.name, m.description, m.sector, m.category, m.start_year, gap.gap_sek
    )


def reason_text(reason: Reason) -> str:
    """One reason a call was suggested, as a sentence in the active language."""
    listed = ", ".join(reason.terms)
    texts = {
        "sector": _("the call names the measure's sector (%(terms)s)"),
        "category": _("the call names the measure's category (%(terms)s)"),
        "keywords": _("words in common: %(terms)s"),
        "open_now": _("open now"),
        "opens_later": _("opens later"),
        "closes_before_start": _("closes before the measure's start year"),
    }
    text = texts[reason.kind]
    return text % {"terms": listed} if reason.terms else text


@dataclass
class Suggestion:
    call: Call
    score: int
    reasons: list[Reason]

    @property
    def reason_texts(self) -> list[str]:
        return [reason_text(r) for r in self.reasons]


@dataclass
class MeasureSuggestions:
    gap: FundingGap
    suggestions: list[Suggestion] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)

    @property
    def measure(self) -> Measure:
        return self.gap.measure


def _gaps(plans: Iterable[InvestmentPlan]) -> list[FundingGap]:
    return [g for plan in plans for g in funding_gaps(plan)]


def _match(
    gaps: list[FundingGap], calls: list[Call], today: date
) -> list[tuple[FundingGap, Call, Fit]]:
    by_measure = {g.measure.pk: g for g in gaps}
    by_call = {c.pk: c for c in calls}
    found = fits([call_facts(c) for c in calls], [measure_facts(g) for g in gaps], today)
    return [(by_measure[f.measure_id], by_call[f.call_id], f) for f in found]


def suggestions(
    user: Any, municipality: Municipality, today: date | None = None
) -> list[MeasureSuggestions]:
    """Per unfunded measure of the plans `user` may read, the open calls that fit it, best
    first; measures with a fit first, then by plan and name."""
    day = today or timezone.localdate()
    plans = list(visible_plans(user, municipality))
    gaps = _gaps(plans)
    out = {g.measure.pk: MeasureSuggestions(g) for g in gaps}
    for gap, call, fit in _match(gaps, list(open_calls(day)), day):
        out[gap.measure.pk].suggestions.append(Suggestion(call, fit.score, list(fit.reasons)))
    if can_view_unpublished(user, municipality):
        for a in Application.objects.filter(measure_id__in=out).select_related("call"):
            out[a.measure_id].applications.append(a)
    return sorted(
        out.values(),
        key=lambda s: (not s.suggestions, s.measure.plan.name, s.measure.name),
    )


@dataclass
class CalendarEntry:
    call: Call
    measures: list[Measure]


def deadline_calendar(found: list[MeasureSuggestions]) -> list[CalendarEntry]:
    """The calls suggested for any measure, by closing date, with the measures they fit."""
    entries: dict[int, CalendarEntry] = {}
    for s in found:
        for suggestion in s.suggestions:
            entry = entries.setdefault(suggestion.call.pk, CalendarEntry(suggestion.call, []))
            entry.measures.append(s.measure)
    return sorted(entries.values(), key=lambda e: (e.call.closes_on, e.call.title))


def _ics_text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines of at most 75 octets, continued with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not parts else 74
        if len((current + ch).encode("utf-8")) > limit:
            parts.append(current)
            current = ch
        else:
            current += ch
    parts.append(current)
    return "\r\n ".join(parts)


def calendar_ics(
    entries: list[CalendarEntry],
    municipality: Municipality,
    site_url: str,
    now: datetime | None = None,
) -> str:
    """The calendar as iCalendar (RFC 5545): one all-day event per call on its closing day."""
    stamp = (now or timezone.now()).astimezone(UTC)
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    host = site_url.split("//", 1)[-1].split("/", 1)[0] or "klimatkontrakt"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Klimatkontrakt//Calls for funding//SV",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(_('Calls for funding: %(name)s') % {'name': municipality.name})}",
    ]
    for e in entries:
        call = e.call
        end = call.closes_on + timedelta(days=1)
        summary = _("Closes: %(title)s (%(funder)s)") % {
            "title": call.title,
            "funder": call.funder_name,
        }
        if call.is_example:
            summary = _("Example data") + ": " + summary
        description = _("Fits: %(measures)s") % {"measures": ", ".join(m.name for m in e.measures)}
        lines += [
            "BEGIN:VEVENT",
            f"UID:call-{call.pk}-{municipality.code}@{host}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{call.closes_on.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
        ]
        if call.link:
            lines.append(f"URL:{call.link}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def fits_closing_within(today: date, days: int) -> list[tuple[Call, Measure]]:
    """Every (call, measure) pair of every city where the call fits the measure and closes
    within `days` days: the digest's content (sent to the city's own people, so drafts count)."""
    calls = list(open_calls(today).filter(closes_on__lte=today + timedelta(days=days)))
    if not calls:
        return []
    plans = InvestmentPlan.objects.select_related("municipality")
    gaps = _gaps(plans)
    return [(call, gap.measure) for gap, call, _fit in _match(gaps, calls, today)]


def applications_of(user: Any, municipality: Municipality) -> QuerySet[Application]:
    """The applications of the municipality's measures, for its own members only."""
    if not can_view_unpublished(user, municipality):
        return Application.objects.none()
    return Application.objects.filter(measure__plan__municipality=municipality).select_related(
        "call", "measure", "measure__plan", "funding"
    )


def measure_of(user: Any, municipality: Municipality, measure_id: int) -> Measure:
    """A measure of one of the plans `user` may read, or 404."""
    measure = (
        Measure.objects.filter(pk=measure_id, plan__in=visible_plans(user, municipality))
        .select_related("plan", "plan__municipality")
        .first()
    )
    if measure is None:
        raise Http404("No such measure")
    return measure
