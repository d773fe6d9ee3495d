"""Intake of proposals: the public forms (honeypot and rate limit), staff typing in proposals
collected on paper, and files of proposals (sources.proposals). Everything taken in waits for
moderation (services.proposals.moderate)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatkontrakt.engagement.models import (
    Channel,
    IntakeAttempt,
    Proposal,
    ProposalImport,
    ProposalTheme,
)
from klimatkontrakt.engagement.services.proposals import ensure_proposal_states
from klimatkontrakt.imports import ImportResult, import_file
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.proposals import MAX_GRADE, MAX_SCHOOL, MAX_TEXT, parse_proposals

# Public submissions from one address within an hour beyond which the form refuses.
RATE_LIMIT = 5
RATE_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class ProposalInput:
    channel: str
    text: str
    school: str = ""
    grade: int | None = None
    themes: Sequence[str] = field(default_factory=tuple)
    received: date | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _check(data: ProposalInput) -> None:
    errors: dict[str, str] = {}
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose a channel.")
    text = data.text.strip()
    if not text:
        errors["text"] = _("Write the proposal.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("At most %(n)s characters.") % {"n": MAX_TEXT}
    if len(data.school) > MAX_SCHOOL:
        errors["school"] = _("At most %(n)s characters.") % {"n": MAX_SCHOOL}
    if data.grade is not None and not 0 <= data.grade <= MAX_GRADE:
        errors["grade"] = _("A grade from 0 to %(max)s.") % {"max": MAX_GRADE}
    if data.channel == Channel.PUPILS_COUNCIL and (
        data.contact_name or data.contact_email or data.contact_phone
    ):
        errors["contact_name"] = _(
            "A pupil's proposal carries school and grade only, no name or contact details."
        )
    if data.channel != Channel.PUPILS_COUNCIL and (data.school or data.grade is not None):
        errors["school"] = _("School and grade belong to pupils' proposals only.")
    if data.contact_email:
        try:
            validate_email(data.contact_email)
        except ValidationError:
            errors["contact_email"] = _("Enter a valid email address.")
    if len(data.contact_name) > 200 or len(data.contact_phone) > 40:
        errors["contact_name"] = _("At most %(n)s characters.") % {"n": 200}
    if data.received and data.received > timezone.localdate():
        errors["received"] = _("The date lies in the future.")
    if any("\x00" in v for v in (data.text, data.school, data.contact_name, data.contact_phone)):
        errors["text"] = _("The text holds a character that cannot be stored.")
    if errors:
        raise ValidationError(errors)


def themes_of(municipality: Municipality, names: Iterable[str]) -> list[ProposalTheme]:
    out = []
    for name in dict.fromkeys(n.strip()[:60] for n in names if n.strip()):
        theme, _created = ProposalTheme.objects.get_or_create(municipality=municipality, name=name)
        out.append(theme)
    return out


def _create(municipality: Municipality, data: ProposalInput) -> Proposal:
    _check(data)
    proposal = Proposal.objects.create(
        municipality=municipality,
        channel=data.channel,
        text=data.text.strip(),
        school=data.school.strip(),
        grade=data.grade,
        received=data.received or timezone.localdate(),
        state=ensure_proposal_states(municipality)["received"],
        contact_name=data.contact_name.strip(),
        contact_email=data.contact_email.strip(),
        contact_phone=data.contact_phone.strip(),
    )
    proposal.themes.set(themes_of(municipality, data.themes))
    return proposal


def address_key(address: str | None) -> str:
    """A keyed hash of the sender's address: enough to count submissions, not to find them."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (address or "unknown").encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def submit_public(
    municipality: Municipality, data: ProposalInput, *, address: str | None, honeypot: str = ""
) -> Proposal | None:
    """A proposal sent through the public form, waiting for moderation. A filled honeypot (a
    field people never see) is a robot: nothing is stored and it is not told. More than
    RATE_LIMIT submissions from one address within RATE_WINDOW are refused."""
    if honeypot.strip():
        return None
    key = address_key(address)
    since = timezone.now() - RATE_WINDOW
    if IntakeAttempt.objects.filter(address_key=key, at__gte=since).count() >= RATE_LIMIT:
        raise ValidationError(
            _("Too many proposals from your connection within an hour; please try again later.")
        )
    IntakeAttempt.objects.create(municipality=municipality, address_key=key)
    return _create(municipality, data)


@transaction.atomic
def record_proposal(user: Any, municipality: Municipality, data: ProposalInput) -> Proposal:
    """A proposal collected on paper, typed in by staff; it waits for moderation too."""
    require_edit(user, municipality)
    return _create(municipality, data)


def import_proposals(
    user: Any, municipality: Municipality, content: bytes, filename: str, channel: str
) -> ImportResult:
    """A file of proposals (sources.proposals), all or nothing; the same file again is a no-op.
    Commands import as `organisations.access.SYSTEM`."""
    require_edit(user, municipality)
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose a channel.")})
    created: list[int] = []

    def parse(data: bytes, name: str) -> list[Any]:
        return parse_proposals(data, name, today=timezone.localdate())

    def store(rows: Sequence[Any]) -> tuple[int, int]:
        received = ensure_proposal_states(municipality)["received"]
        today = timezone.localdate()
        proposals = Proposal.objects.bulk_create(
            Proposal(
                municipality=municipality,
                channel=channel,
                text=row.text,
                school=row.school if channel == Channel.PUPILS_COUNCIL else "",
                grade=row.grade if channel == Channel.PUPILS_COUNCIL else None,
                received=row.received or today,
                state=received,
            )
            for row in rows
        )
        themes = {t.name: t for t in themes_of(municipality, (n for r in rows for n in r.themes))}
        through = Proposal.themes.through
        through.objects.bulk_create(
            through(proposal_id=p.pk, proposaltheme_id=themes[name[:60]].pk)
            for p, row in zip(proposals, rows, strict=True)
            for name in row.themes
        )
        created.extend(p.pk for p in proposals)
        return len(proposals), 0

    def link(record: ProposalImport) -> None:
        Proposal.objects.filter(pk__in=created).update(source_import=record)

    return import_file(
        user,
        municipality,
        ProposalImport,
        {"municipality": municipality},
        filename,
        content,
        parse=parse,
        store=store,
        link=link,
    )
