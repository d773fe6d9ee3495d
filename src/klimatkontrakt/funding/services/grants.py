"""Every write about grants: imports (files and the funders' API), single entries, matching
grants to a city and its review, the city's group list, and links to measures and commitments.

Matching (docs/funding.md, "Matching grants to a city"): a recipient's organisation number in a
city's group list (or the municipality's own number) places the grant in that city without
review; a recipient named like an organisation of the group, where the source gives no number,
is "matched by name" and waits for an editor to accept or reject it; a Klimatklivet project in
a city's `Kommun` by anyone else counts as "others in the territory". What an editor decided is
kept when the same grant is read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.audit import context as audit
from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.funding.models import (
    Grant,
    GrantImport,
    GrantMeasureLink,
    GrantSource,
    GroupOrganisation,
    RecipientKind,
)
from klimatkontrakt.funding.services.grant_matching import (
    Matcher,
    recipient_key,
)
from klimatkontrakt.imports import ImportResult, imported_before, record_import
from klimatkontrakt.investments import services as investments
from klimatkontrakt.investments.models import Funding, FundingSource, Measure
from klimatkontrakt.organisations.access import recorded_account, require_edit, require_site_admin
from klimatkontrakt.organisations.models import Municipality, Organisation
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.gdp import GdpClient, read_saved_answer
from klimatkontrakt.sources.grant_records import GrantRecord, read_template
from klimatkontrakt.sources.klimatklivet import read_klimatklivet
from klimatkontrakt.sources.swecris import read_swecris

# The six agencies under the names funders' files use for them (lower case).
AGENCY_NAMES = {
    "formas": "formas",
    "forskningsrådet för miljö, areella näringar och samhällsbyggande": "formas",
    "naturvårdsverket": "naturvardsverket",
    "energimyndigheten": "energimyndigheten",
    "statens energimyndighet": "energimyndigheten",
    "tillväxtverket": "tillvaxtverket",
    "trafikverket": "trafikverket",
    "vinnova": "vinnova",
    "verket för innovationssystem": "vinnova",
}


def read_file(source: str, data: bytes, name: str, funder: str = "") -> list[GrantRecord]:
    """The records of a file in one of the readable layouts (`funder` for a saved API answer
    whose activities do not name theirs)."""
    if source == GrantSource.GDP:
        return read_saved_answer(data, name, funder)
    if source == GrantSource.SWECRIS:
        return read_swecris(data, name)
    if source == GrantSource.KLIMATKLIVET:
        return read_klimatklivet(data, name).records
    if source == GrantSource.TEMPLATE:
        return read_template(data, name)
    raise SourceError(_("unknown source %(source)s") % {"source": source}, name)


def funder_of(name: str) -> tuple[Organisation | None, str]:
    """The agency a funder's name means, and the name to keep (the agency's, else as given)."""
    slug = AGENCY_NAMES.get(name.strip().casefold())
    if slug is not None:
        agency = Organisation.objects.filter(kind=Organisation.Kind.AGENCY, slug=slug).first()
        if agency is not None:
            return agency, agency.name
    return None, name.strip()[:200]


UPDATED_FIELDS = (
    "funder",
    "title",
    "recipient_name",
    "recipient_org_number",
    "role",
    "amount_sek",
    "start_date",
    "end_date",
    "status",
    "programme",
    "categories",
    "municipality_name",
    "county_name",
    "source",
    "source_name",
    "fetched_on",
    "is_example",
    "municipality",
    "recipient_kind",
    "match",
    "review",
    "updated_at",
)


@dataclass(frozen=True)
class StoreResult:
    created: int
    updated: int
    outside: int  # rows of other cities, left out of a city's import


def store_records(
    records: Sequence[GrantRecord],
    *,
    source: str,
    source_name: str,
    fetched_on: dt.date,
    only: Municipality | None = None,
    is_example: bool = False,
    matcher: Matcher | None = None,
) -> tuple[StoreResult, list[int]]:
    """Create or update a Grant per record (by funder, reference, recipient and year); with
    `only`, rows that do not match that city are left out. Returns the counts and the ids."""
    matcher = matcher or Matcher()
    outside = 0
    funders: dict[str, tuple[Organisation | None, str]] = {}
    for name in {r.funder for r in records}:
        funders[name] = funder_of(name)
    references = {r.reference for r in records}
    existing: dict[tuple[str, str, str, int], Grant] = {}
    names = {n for _a, n in funders.values()}
    for grant in Grant.objects.filter(funder_name__in=names).iterator():
        if grant.reference in references:
            existing[(grant.funder_name, grant.reference, grant.recipient_key, grant.year)] = grant
    new: list[Grant] = []
    changed: list[Grant] = []
    for r in records:
        agency, funder_name = funders[r.funder]
        placement = matcher.place(r.recipient_org_number, r.recipient_name, r.municipality_name)
        if only is not None and placement.municipality != only:
            outside += 1
            continue
        key = recipient_key(r.recipient_org_number, r.recipient_name)
        fields: dict[str, Any] = {
            "funder": agency,
            "title": r.title,
            "recipient_name": r.recipient_name,
            "recipient_org_number": r.recipient_org_number,
            "role": r.role,
            "amount_sek": r.amount_sek,
            "start_date": r.start,
            "end_date": r.end,
            "status": r.status,
            "programme": r.programme,
            "categories": r.categories,
            "municipality_name": r.municipality_name,
            "county_name": r.county_name,
            "source": source,
            "source_name": source_name[:300],
            "fetched_on": fetched_on,
            "is_example": is_example,
            "updated_at": timezone.now(),
        }
        found = existing.get((funder_name, r.reference, key, r.year))
        decided = found is not None and (
            found.review in (Grant.Review.ACCEPTED, Grant.Review.REJECTED)
            or found.match == Grant.Match.MANUAL
        )
        if not decided:
            fields |= {
                "municipality": placement.municipality,
                "recipient_kind": placement.kind,
                "match": placement.match,
                "review": placement.review,
            }
        if found is None:
            grant = Grant(
                funder_name=funder_name,
                reference=r.reference,
                recipient_key=key,
                year=r.year,
                **fields,
            )
            existing[(funder_name, r.reference, key, r.year)] = grant
            new.append(grant)
        else:
            for name, value in fields.items():
                setattr(found, name, value)
            if found.pk is not None:
                changed.append(found)
    Grant.objects.bulk_create(new, batch_size=500)
    if changed:
        Grant.objects.bulk_update(changed, [*UPDATED_FIELDS], batch_size=500)
    ids = [g.pk for g in new if g.pk is not None] + [g.pk for g in changed]
    if len(ids) != len(new) + len(changed):  # a backend that returns no ids from bulk_create
        ids = [g.pk for g in changed] + list(
            Grant.objects.filter(
                funder_name__in=names, reference__in=[g.reference for g in new]
            ).values_list("pk", flat=True)
        )
    return StoreResult(len(new), len(changed), outside), ids


def _require_import_right(user: Any, municipality: Municipality | None) -> None:
    if municipality is None:
        require_site_admin(user)
    else:
        require_edit(user, municipality)


def take_in(
    user: Any,
    source: str,
    filename: str,
    content: bytes,
    parse: Callable[[bytes, str], Sequence[GrantRecord]],
    *,
    municipality: Municipality | None = None,
    is_example: bool = False,
) -> tuple[ImportResult, int]:
    """The shared all-or-nothing import (imports.py) for grant files: nationally by a site
    administrator, or for one city by its editor (keeping the rows that match the city). The
    same content twice counts once. Returns the result and the rows left out as other cities'."""
    _require_import_right(user, municipality)
    digest = hashlib.sha256(content).hexdigest()
    target = {"municipality": municipality}
    if imported_before(GrantImport, target, digest):
        return ImportResult(filename, 0, 0, already_imported=True), 0
    records = parse(content, filename)
    if not records:
        raise SourceError(_("the file holds no rows to import"), filename)
    with transaction.atomic():
        with audit.quiet():
            stored, ids = store_records(
                records,
                source=source,
                source_name=filename,
                fetched_on=timezone.localdate(),
                only=municipality,
                is_example=is_example,
            )
        record = record_import(
            GrantImport,
            target,
            user,
            filename=filename,
            sha256=digest,
            rows=len(records),
            summary={
                "created": stored.created,
                "updated": stored.updated,
                "outside": stored.outside,
            },
            source=source,
        )
        Grant.objects.filter(pk__in=ids).update(source_import=record)
    return ImportResult(filename, stored.created, stored.updated, already_imported=False), (
        stored.outside
    )


def import_grants(
    user: Any,
    source: str,
    content: bytes,
    filename: str,
    *,
    municipality: Municipality | None = None,
    is_example: bool = False,
    funder: str = "",
) -> tuple[ImportResult, int]:
    """A grant file in one of the layouts (`source`), all or nothing."""
    if source not in (
        GrantSource.SWECRIS,
        GrantSource.GDP,
        GrantSource.KLIMATKLIVET,
        GrantSource.TEMPLATE,
    ):
        raise SourceError(_("unknown source %(source)s") % {"source": source}, filename)
    return take_in(
        user,
        source,
        filename,
        content,
        lambda data, name: read_file(source, data, name, funder),
        municipality=municipality,
        is_example=is_example,
    )


def gdp_settings() -> dict[str, Any]:
    """The API's addresses per funder, key, timeout and cache, from settings or environment."""
    import os

    urls = getattr(settings, "FUNDING_GDP_URLS", None)
    if urls is None:
        urls = {"Vinnova": "https://api.vinnova.se/gdp_vinnova"}
        for pair in os.environ.get("KLIMATKONTRAKT_GDP_URLS", "").split(","):
            if "=" in pair:
                name, url = pair.split("=", 1)
                urls[name.strip()] = url.strip()
    return {
        "urls": urls,
        "api_key": getattr(settings, "FUNDING_GDP_API_KEY", None)
        or os.environ.get("KLIMATKONTRAKT_GDP_API_KEY", ""),
        "timeout": float(
            getattr(
                settings, "FUNDING_GDP_TIMEOUT", os.environ.get("KLIMATKONTRAKT_GDP_TIMEOUT", 30)
            )
        ),
        "cache_dir": getattr(settings, "FUNDING_GDP_CACHE_DIR", settings.CACHE_DIR / "gdp"),
    }


class UnknownFunder(ValueError):
    pass


def fetch_grants(user: Any, funder: str) -> tuple[ImportResult, int]:
    """Every funded activity of `funder` from the common API, stored as one import (all or
    nothing; an unchanged answer counts once). Site administrators only."""
    require_site_admin(user)
    config = gdp_settings()
    urls = {k.casefold(): (k, v) for k, v in config["urls"].items()}
    if funder.casefold() not in urls:
        raise UnknownFunder(
            _("no API address for %(funder)s; known: %(known)s")
            % {"funder": funder, "known": ", ".join(sorted(config["urls"])) or "—"}
        )
    name, url = urls[funder.casefold()]
    client = GdpClient(
        url,
        name,
        api_key=config["api_key"],
        timeout=config["timeout"],
        cache_dir=config["cache_dir"],
    )
    items, first_url = client.activities()
    content = json.dumps(items, sort_keys=True, ensure_ascii=False).encode("utf-8")
    from klimatkontrakt.sources.gdp import parse_activities

    return take_in(
        user,
        GrantSource.GDP,
        first_url,
        content,
        lambda data, source: parse_activities(items, name, source),
    )


# --- single entries, review and the group list -------------------------------------------------


@transaction.atomic
def add_grant(user: Any, municipality: Municipality, record: GrantRecord, kind: str) -> Grant:
    """A grant entered on the page for `municipality` (a recipient of its group or territory)."""
    require_edit(user, municipality)
    if kind not in RecipientKind.values:
        raise ValidationError({"recipient_kind": _("Choose who received the grant.")})
    agency, funder_name = funder_of(record.funder)
    key = recipient_key(record.recipient_org_number, record.recipient_name)
    if Grant.objects.filter(
        funder_name=funder_name, reference=record.reference, recipient_key=key, year=record.year
    ).exists():
        raise ValidationError(
            {"reference": _("This grant, recipient and year is recorded already.")}
        )
    grant = Grant(
        funder=agency,
        funder_name=funder_name,
        reference=record.reference,
        title=record.title,
        recipient_name=record.recipient_name,
        recipient_org_number=record.recipient_org_number,
        recipient_key=key,
        role=record.role,
        year=record.year,
        amount_sek=record.amount_sek,
        start_date=record.start,
        end_date=record.end,
        status=record.status,
        programme=record.programme,
        categories=record.categories,
        source=GrantSource.MANUAL,
        source_name=_("Entered by %(user)s") % {"user": getattr(user, "username", "") or "—"},
        fetched_on=timezone.localdate(),
        municipality=municipality,
        recipient_kind=kind,
        match=Grant.Match.MANUAL,
        review=Grant.Review.ACCEPTED,
        updated_by=recorded_account(user),
    )
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def review_grant(user: Any, grant: Grant, accept: bool) -> Grant:
    """An editor's answer to a match by name, for every year of the grant's project: accepted
    grants count in the portfolio; a rejected one loses its links."""
    if grant.municipality is None:
        raise ValidationError(_("This grant is not matched to a municipality."))
    require_edit(user, grant.municipality)
    if grant.match != Grant.Match.NAME:
        raise ValidationError(_("Only grants matched by name are reviewed."))
    before = grant.review
    decision = Grant.Review.ACCEPTED if accept else Grant.Review.REJECTED
    for row in project_rows(grant):
        if row.match != Grant.Match.NAME:
            continue
        row.review = decision
        row.updated_by = recorded_account(user)
        row.save(update_fields=["review", "updated_by", "updated_at"])
        if not accept:
            for link in list(row.measure_links.all()):
                _unlink(user, link)
            row.commitments.clear()
    grant.refresh_from_db()
    log_change(
        user,
        grant.municipality,
        ChangeLogEntry.Action.UPDATED,
        grant,
        before={"review": before},
        after={"review": grant.review},
    )
    return grant


def rematch(grants: Iterable[Grant] | None = None) -> int:
    """Match again the grants nobody decided on (after a group list changed); returns how many
    changed place."""
    matcher = Matcher()
    changed = 0
    queryset = (
        Grant.objects.exclude(review__in=[Grant.Review.ACCEPTED, Grant.Review.REJECTED])
        .exclude(match=Grant.Match.MANUAL)
        .filter(measure_links__isnull=True)
    )
    for grant in grants if grants is not None else queryset:
        p = matcher.place(grant.recipient_org_number, grant.recipient_name, grant.municipality_name)
        new = (p.municipality.pk if p.municipality else None, p.kind, p.match, p.review)
        if new != (grant.municipality_id, grant.recipient_kind, grant.match, grant.review):
            grant.municipality = p.municipality
            grant.recipient_kind, grant.match, grant.review = p.kind, p.match, p.review
            grant.save(update_fields=["municipality", "recipient_kind", "match", "review"])
            changed += 1
    return changed


@transaction.atomic
def save_group_organisation(user: Any, org: GroupOrganisation) -> GroupOrganisation:
    require_edit(user, org.municipality)
    org.full_clean()
    org.save()
    rematch()
    return org


@transaction.atomic
def delete_group_organisation(user: Any, org: GroupOrganisation) -> None:
    require_edit(user, org.municipality)
    org.delete()
    rematch(
        Grant.objects.filter(municipality=org.municipality)
        .exclude(review__in=[Grant.Review.ACCEPTED, Grant.Review.REJECTED])
        .exclude(match=Grant.Match.MANUAL)
        .filter(measure_links__isnull=True)
    )


# --- links to measures and commitments ----------------------------------------------------------


def project_rows(grant: Grant) -> list[Grant]:
    """Every year of the grant's project to the same recipient."""
    return list(
        Grant.objects.filter(
            funder_name=grant.funder_name,
            reference=grant.reference,
            recipient_key=grant.recipient_key,
            municipality=grant.municipality,
        ).order_by("year")
    )


def _source_for(user: Any, grant: Grant, municipality: Municipality) -> FundingSource:
    name = f"{grant.funder_name} {grant.reference}"[:200]
    existing = FundingSource.objects.filter(municipality=municipality, name=name).first()
    if existing is not None:
        return existing
    kind = FundingSource.Kind.GRANT
    if grant.programme == "Klimatklivet":
        kind = FundingSource.Kind.KLIMATKLIVET
    elif "stadsmiljöavtal" in grant.programme.casefold():
        kind = FundingSource.Kind.STADSMILJOAVTAL
    rows = project_rows(grant)
    return investments.add_funding_source(
        user,
        FundingSource(
            municipality=municipality,
            kind=kind,
            name=name,
            total_sek=sum((r.amount_sek for r in rows), start=grant.amount_sek * 0),
            first_year=rows[0].year,
            last_year=rows[-1].year,
            source_note=_("Grant %(reference)s from %(funder)s (%(source)s)")
            % {
                "reference": grant.reference,
                "funder": grant.funder_name,
                "source": grant.source_name,
            },
        ),
    )


@transaction.atomic
def link_measure(user: Any, grant: Grant, measure: Measure) -> list[GrantMeasureLink]:
    """Link the grant (every year of its project) to a measure of the same city: each year's
    amount becomes the measure's funding, state granted, its source named after the grant."""
    if not grant.counted or grant.municipality is None:
        raise ValidationError(_("Only grants in the municipality's portfolio can be linked."))
    require_edit(user, grant.municipality)
    if measure.plan.municipality_id != grant.municipality_id:
        raise ValidationError({"measure": _("The measure belongs to another municipality.")})
    source = _source_for(user, grant, grant.municipality)
    links = []
    for row in project_rows(grant):
        if not row.counted or GrantMeasureLink.objects.filter(grant=row, measure=measure).exists():
            continue
        funding = investments.add_funding(
            user, measure, source, row.amount_sek, row.year, Funding.State.GRANTED
        )
        links.append(GrantMeasureLink.objects.create(grant=row, measure=measure, funding=funding))
    return links


def _unlink(user: Any, link: GrantMeasureLink) -> None:
    if link.funding is not None:
        investments.delete_funding(user, link.funding)
    link.delete()


@transaction.atomic
def unlink_measure(user: Any, grant: Grant, measure: Measure) -> int:
    """Undo `link_measure` for every year of the project; its funding rows go with it."""
    if grant.municipality is None:
        raise ValidationError(_("This grant is not matched to a municipality."))
    require_edit(user, grant.municipality)
    links = list(
        GrantMeasureLink.objects.filter(
            grant__in=project_rows(grant), measure=measure
        ).select_related("funding")
    )
    for link in links:
        _unlink(user, link)
    return len(links)


@transaction.atomic
def set_commitments(user: Any, grant: Grant, commitment_ids: Sequence[int]) -> None:
    """The contract commitments of the grant's city the grant (each year of it) serves."""
    from klimatkontrakt.contracts.selectors import commitments_of_municipality

    if not grant.counted or grant.municipality is None:
        raise ValidationError(_("Only grants in the municipality's portfolio can be linked."))
    require_edit(user, grant.municipality)
    commitments = list(
        commitments_of_municipality(grant.municipality).filter(pk__in=commitment_ids)
    )
    if len(commitments) != len(set(commitment_ids)):
        raise ValidationError({"commitments": _("A commitment belongs to another municipality.")})
    for row in project_rows(grant):
        row.commitments.set(commitments)
