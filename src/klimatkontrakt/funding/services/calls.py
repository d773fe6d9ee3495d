"""Every write about calls for funding: importing and fetching calls, entering one, recording
an application on a measure, and the digest of calls closing soon (docs/funding.md, "Calls")."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.funding.models import Application, Call, CallImport, CallNotice
from klimatkontrakt.imports import ImportResult, imported_before, record_import
from klimatkontrakt.investments.models import Funding, FundingSource, Measure
from klimatkontrakt.investments.services import add_funding, add_funding_source
from klimatkontrakt.organisations.access import require_calls_edit, require_edit
from klimatkontrakt.organisations.models import Membership, Organisation
from klimatkontrakt.sources.calls import (
    SOURCE_COMMON,
    SOURCE_TEMPLATE,
    SOURCE_VINNOVA,
    VINNOVA,
    CallRecord,
    parse_call_template,
    parse_common_calls,
)
from klimatkontrakt.sources.calls_client import CallsClient
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.web.templatetags.kk import day

DIGEST_DAYS = 30
FETCH_DAYS_BACK = 365
PARSERS = {
    SOURCE_TEMPLATE: parse_call_template,
    SOURCE_COMMON: parse_common_calls,
}


def _agency(name: str) -> Organisation | None:
    return Organisation.objects.filter(kind=Organisation.Kind.AGENCY, name__iexact=name).first()


def store_calls(
    records: Sequence[CallRecord],
    *,
    source_note: str = "",
    fetched_at: datetime | None = None,
    is_example: bool = False,
) -> tuple[int, int, list[int]]:
    """Create or update one call per record: by (funder, reference), or by (funder, title,
    closing date) when the funder gives no reference. Returns (created, updated, the calls'
    ids)."""
    created = updated = 0
    ids: list[int] = []
    agencies: dict[str, Organisation | None] = {}
    for r in records:
        key = r.funder.casefold()
        if key not in agencies:
            agencies[key] = _agency(r.funder)
        funder = agencies[key]
        funder_name = funder.name if funder is not None else r.funder
        fields: dict[str, Any] = {
            "funder": funder,
            "title": r.title,
            "description": r.description,
            "opens_on": r.opens_on,
            "closes_on": r.closes_on,
            "link": r.link,
            "categories": list(r.categories),
            "sectors": list(r.sectors),
            "source": r.source,
            "source_note": source_note[:500],
            "fetched_at": fetched_at,
            "is_example": is_example,
        }
        lookup: dict[str, Any]
        if r.reference:
            lookup = {"funder_name": funder_name, "reference": r.reference}
        else:
            lookup = {
                "funder_name": funder_name,
                "reference": "",
                "title": r.title,
                "closes_on": r.closes_on,
            }
        call, was_created = Call.objects.update_or_create(**lookup, defaults=fields)
        ids.append(call.pk)
        created += was_created
        updated += not was_created
    return created, updated, ids


def import_calls(
    user: Any, filename: str, content: bytes, source: str = SOURCE_TEMPLATE
) -> ImportResult:
    """A file of calls (the template, or a saved page of the common API), all or nothing;
    the same file again changes nothing. The shared import routine's steps (imports.py) with
    the calls' own access rule, since calls belong to no municipality."""
    require_calls_edit(user)
    if source not in PARSERS:
        raise SourceError(_("unknown source %(source)s") % {"source": source}, filename)
    digest = hashlib.sha256(content).hexdigest()
    if imported_before(CallImport, {}, digest):
        return ImportResult(filename, 0, 0, already_imported=True)
    records = PARSERS[source](content, filename)
    if not records:
        raise SourceError(_("the file holds no rows to import"), filename)
    with transaction.atomic():
        with audit.quiet():
            created, updated, ids = store_calls(records, source_note=filename)
        stored = record_import(
            CallImport,
            {},
            user,
            filename=filename,
            sha256=digest,
            rows=len(records),
            summary={"created": created, "updated": updated},
            source=source,
        )
        with audit.quiet():
            Call.objects.filter(pk__in=ids).update(source_import=stored)
    return ImportResult(filename, created, updated, already_imported=False)


def calls_client() -> CallsClient:
    """The client configured by settings or the environment (docs/funding.md)."""

    def setting(name: str, env: str, default: str) -> str:
        return str(getattr(settings, name, os.environ.get(env, default)))

    cache = (
        getattr(settings, "FUNDING_CALLS_CACHE_DIR", None)
        or Path(getattr(settings, "CACHE_DIR", Path("var") / "cache")) / "calls"
    )
    return CallsClient(
        vinnova_url=setting(
            "FUNDING_VINNOVA_URL", "KLIMATKONTRAKT_VINNOVA_URL", "https://data.vinnova.se/api"
        ),
        common_url=setting("FUNDING_CALLS_API_URL", "KLIMATKONTRAKT_CALLS_API_URL", ""),
        api_key=setting("FUNDING_CALLS_API_KEY", "KLIMATKONTRAKT_CALLS_API_KEY", ""),
        timeout=float(setting("FUNDING_CALLS_TIMEOUT", "KLIMATKONTRAKT_CALLS_TIMEOUT", "30")),
        cache_dir=cache,
    )


@dataclass(frozen=True)
class FetchResult:
    funder: str
    source: str
    created: int
    updated: int


def fetch_calls(
    user: Any, funder: str, *, client: CallsClient | None = None, today: date | None = None
) -> FetchResult:
    """A funder's calls from its API: Vinnova's open data for Vinnova, the common API for the
    others. All or nothing: a refused answer or a failed request (CallsFetchError) stores
    nothing."""
    require_calls_edit(user)
    client = client or calls_client()
    day = today or timezone.localdate()
    if funder.strip().casefold() == VINNOVA.casefold():
        since = day - timedelta(days=FETCH_DAYS_BACK)
        records = client.vinnova(since)
        source, note = SOURCE_VINNOVA, f"{client.vinnova_url}/utlysningar/{since.isoformat()}"
    else:
        records = client.common(funder.strip())
        source, note = SOURCE_COMMON, f"{client.common_url}/utlysningar"
    with transaction.atomic():
        created, updated, _ids = store_calls(records, source_note=note, fetched_at=timezone.now())
    return FetchResult(funder, source, created, updated)


@transaction.atomic
def save_call(user: Any, call: Call) -> Call:
    """One call entered on the page (or changed)."""
    require_calls_edit(user)
    if call.funder is None:
        call.funder = _agency(call.funder_name)
    if call.funder is not None:
        call.funder_name = call.funder.name
    if not call.source:
        call.source = Call.Source.ENTRY
    call.full_clean()
    call.save()
    return call


# -- applications -------------------------------------------------------------------------

SOURCE_KIND_BY_FUNDER = {
    "naturvårdsverket": FundingSource.Kind.KLIMATKLIVET,
    "trafikverket": FundingSource.Kind.STADSMILJOAVTAL,
}


def _funding_source(user: Any, measure: Measure, call: Call, kind: str | None) -> FundingSource:
    """The municipality's funding source named after the call's funder, created when missing
    (its kind from the funder, or as the editor chose)."""
    municipality = measure.plan.municipality
    source = FundingSource.objects.filter(
        municipality=municipality, name__iexact=call.funder_name
    ).first()
    if source is not None:
        return source
    kind = kind or SOURCE_KIND_BY_FUNDER.get(call.funder_name.casefold())
    external = {k for k in FundingSource.Kind.values if k not in FundingSource.MUNICIPAL_KINDS}
    if kind not in external:
        raise ValidationError(
            {
                "source_kind": _("Choose the kind of funding source for %(funder)s.")
                % {"funder": call.funder_name}
            }
        )
    return add_funding_source(
        user,
        FundingSource(
            municipality=municipality,
            kind=kind,
            name=call.funder_name[:200],
            source_note=_("Created when a grant was recorded for a call")[:300],
        ),
    )


@transaction.atomic
def record_application(
    user: Any,
    measure: Measure,
    call: Call,
    *,
    state: str,
    amount_sek: Decimal,
    applied_on: date,
    decided_on: date | None = None,
    source_kind: str | None = None,
) -> Application:
    """Record (or update) the application of `measure` to `call`. Granted: the measure's
    funding gets (or updates) its row, state granted, in the year of the decision."""
    require_edit(user, measure.plan.municipality)
    if state not in Application.State.values:
        raise ValidationError({"state": _("Unknown state.")})
    if state != Application.State.APPLIED and decided_on is None:
        raise ValidationError({"decided_on": _("A decision needs its date.")})
    if decided_on is not None and decided_on < applied_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the application.")})
    application = Application.objects.filter(call=call, measure=measure).first() or Application(
        call=call, measure=measure
    )
    application.state = state
    application.amount_sek = amount_sek
    application.applied_on = applied_on
    application.decided_on = decided_on
    application.recorded_by = user if getattr(user, "pk", None) else None
    application.full_clean(exclude=["funding"])
    if state == Application.State.GRANTED:
        assert decided_on is not None
        if application.funding_id is not None:
            funding = application.funding
            assert funding is not None
            funding.amount_sek = amount_sek
            funding.year = decided_on.year
            funding.state = Funding.State.GRANTED
            funding.full_clean()
            funding.save()
        else:
            source = _funding_source(user, measure, call, source_kind)
            application.funding = add_funding(
                user, measure, source, amount_sek, decided_on.year, Funding.State.GRANTED
            )
    elif application.funding_id is not None:
        # A grant recorded by mistake and corrected: its funding row goes with it.
        funding = application.funding
        application.funding = None
        application.save()
        assert funding is not None
        funding.delete()
    application.save()
    return application


# -- digest -------------------------------------------------------------------------------


def _recipients(measure: Measure) -> list[str]:
    """The people of the measure's responsible department; its municipality's editors if none."""
    users = get_user_model()
    if measure.department_id is not None:
        found = users.objects.filter(
            memberships__department_id=measure.department_id, is_active=True
        )
        emails = sorted({u.email.casefold() for u in found if u.email})
        if emails:
            return emails
    editors = users.objects.filter(
        memberships__organisation_id=measure.plan.municipality.organisation_id,
        memberships__role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
        is_active=True,
    )
    return sorted({u.email.casefold() for u in editors if u.email})


@dataclass
class Digest:
    to: str
    items: list[tuple[Call, Measure]]

    def subject(self) -> str:
        return _("Calls for funding closing within %(days)s days") % {"days": DIGEST_DAYS}

    def body(self) -> str:
        lines = [
            _("These calls fit measures you are responsible for and close within %(days)s days:")
            % {"days": DIGEST_DAYS},
            "",
        ]
        for call, measure in self.items:
            path = reverse("funding:calls-fitting", args=[measure.plan.municipality.code])
            lines += [
                f"- {call.title} ({call.funder_name})",
                "  " + _("Closes %(date)s") % {"date": day(call.closes_on)},
                "  " + _("Measure: %(measure)s") % {"measure": measure.name},
                f"  {call.link or settings.SITE_URL + path}",
            ]
        return "\n".join(lines)


def digests(today: date) -> tuple[list[Digest], list[tuple[Call, Measure]]]:
    """The e-mails due on `today` and the (call, measure) pairs they name, each pair once."""
    from klimatkontrakt.funding.selectors.calls import fits_closing_within

    by_person: dict[str, list[tuple[Call, Measure]]] = defaultdict(list)
    pairs: list[tuple[Call, Measure]] = []
    sent = set(CallNotice.objects.values_list("call_id", "measure_id"))
    for call, measure in fits_closing_within(today, DIGEST_DAYS):
        if (call.pk, measure.pk) in sent:
            continue
        recipients = _recipients(measure)
        if not recipients:
            continue
        pairs.append((call, measure))
        for email in recipients:
            by_person[email].append((call, measure))
    return [Digest(to, items) for to, items in sorted(by_person.items())], pairs


def send_call_digest(now: datetime | None = None) -> int:
    """Send the digest in the site's language; each call is named once per measure. Returns
    how many e-mails went out."""
    today = timezone.localdate(now or timezone.now())
    due, pairs = digests(today)
    with translation.override(settings.LANGUAGE_CODE):
        messages = [EmailMessage(d.subject(), d.body(), to=[d.to]) for d in due]
    sent = (mailers.default.send_messages(messages) or 0) if messages else 0
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for d in due:
        for call, measure in d.items:
            counts[(call.pk, measure.pk)] += 1
    CallNotice.objects.bulk_create(
        [CallNotice(call=c, measure=m, recipients=counts[(c.pk, m.pk)]) for c, m in pairs],
        ignore_conflicts=True,
    )
    return sent
