"""What a signatory does without an account: sign up (rate-limited per address, a honeypot in
the form), confirm the e-mail address through a signed link, and report once a year through a
personal signed link. The weekly reminder sends that link to whoever has not reported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimatkontrakt.calc.local_contracts import reduction_from_quantity
from klimatkontrakt.engagement.models import (
    LocalContract,
    Pledge,
    PledgeReport,
    Signatory,
    StandardPledge,
)
from klimatkontrakt.engagement.selectors.local_contracts import published_version
from klimatkontrakt.engagement.services import local_contract_tokens as tokens
from klimatkontrakt.sources.orgnumber import InvalidOrgNumber, normalise_org_number
from klimatkontrakt.sources.sectors import SECTORS

SIGNUPS_PER_HOUR = 5
# A new reminder only when the last link is this old (a reminder replaces the earlier link).
REMIND_AFTER = timedelta(days=14)


def signup_allowed(address: str | None) -> bool:
    """Counts a sign-up attempt from `address`; False from the sixth within an hour. The key is
    a hash, so the cache holds no address."""
    limit = getattr(settings, "LOCAL_CONTRACT_SIGNUPS_PER_HOUR", SIGNUPS_PER_HOUR)
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()[:32]
    key = f"kk:local-contract-signup:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= limit


@dataclass
class PledgeInput:
    title: str
    sector: str
    unit: str
    baseline_year: int
    baseline_value: Decimal
    target_value: Decimal
    target_year: int
    standard: StandardPledge | None = None


@dataclass
class SignUpInput:
    kind: str
    contact_email: str = ""
    name: str = ""
    org_number: str = ""
    org_sector: str = ""
    size: str = ""
    roadmap: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    consent_to_publish: bool = False
    pledges: list[PledgeInput] = field(default_factory=list)


def _check_pledge(p: PledgeInput) -> str | None:
    if not p.title.strip() or not p.unit.strip():
        return _("Each pledge needs a title and a unit.")
    if p.sector not in SECTORS:
        return _("Choose one of SMHI's main sectors for each pledge.")
    if not (1990 <= p.baseline_year <= 2100 and 1990 <= p.target_year <= 2100):
        return _("Years lie between 1990 and 2100.")
    if p.target_year < p.baseline_year:
        return _("The target year cannot come before the baseline year.")
    for v in (p.baseline_value, p.target_value):
        if not v.is_finite() or v < 0 or v > Decimal("1e10"):
            return _("Values are numbers from 0 to 10 000 000 000.")
    return None


def _check_sign_up(contract: LocalContract, data: SignUpInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    organisation = data.kind == Signatory.Kind.ORGANISATION
    if data.kind not in Signatory.Kind.values:
        errors["kind"] = _("Choose who signs.")
    if organisation:
        if not data.name.strip():
            errors["name"] = _("Give the organisation's name.")
        try:
            data.org_number = normalise_org_number(data.org_number)
        except InvalidOrgNumber:
            errors["org_number"] = _(
                "This is not a valid organisation number (ten digits, the last a control digit)."
            )
        if data.org_sector not in Signatory.OrgSector.values:
            errors["org_sector"] = _("Choose the sector of activity.")
        if data.size not in Signatory.Size.values:
            errors["size"] = _("Choose the size.")
        if not data.contact_name.strip():
            errors["contact_name"] = _("Give a contact person.")
        if not data.contact_email.strip():
            errors["contact_email"] = _("Give the contact person's e-mail address.")
    else:  # a resident: no name, no organisation, no publication
        data.name = data.org_number = data.org_sector = data.size = data.roadmap = ""
        data.consent_to_publish = False
    problems = [m for p in data.pledges if (m := _check_pledge(p))]
    if problems:
        errors["pledges"] = problems[0]
    elif (
        not (organisation and data.roadmap.strip() and contract.roadmap_instead)
        and len(data.pledges) < contract.min_pledges
    ):
        errors["pledges"] = (
            _("Choose at least %(n)s pledges, or name the sector roadmap you follow instead.")
            if organisation and contract.roadmap_instead
            else _("Choose at least %(n)s pledges.")
        ) % {"n": contract.min_pledges}
    return errors


def _site_url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _send(to: str, subject: str, lines: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(subject, "\n".join(lines), to=[to])
    mailers.default.send_messages([message])


def sign_up(contract: LocalContract, data: SignUpInput) -> Signatory:
    """A public sign-up: stored unconfirmed, with a confirmation link to the e-mail address
    given; a resident who gives none waits directly for the editor's approval. The e-mail goes
    after the rows are stored."""
    signatory = _store_sign_up(contract, data)
    if signatory.contact_email:
        code = contract.municipality.code
        url = _site_url("engagement:lc_confirm", code, tokens.confirm_token(signatory.pk))
        _send(
            signatory.contact_email,
            _("Confirm your local climate contract"),
            [
                _("Hello,"),
                "",
                _("Confirm the sign-up to the local climate contract of %(m)s here:")
                % {"m": contract.municipality.display_name},
                url,
                "",
                _("The link works for seven days. If you did not sign up, ignore this."),
            ],
        )
    return signatory


@transaction.atomic
def _store_sign_up(contract: LocalContract, data: SignUpInput) -> Signatory:
    if published_version(contract) is None:
        raise ValidationError(_("The local climate contract is not published yet."))
    errors = _check_sign_up(contract, data)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    signatory = Signatory.objects.create(
        contract=contract,
        kind=data.kind,
        name=data.name.strip(),
        org_number=data.org_number,
        org_sector=data.org_sector,
        size=data.size,
        roadmap=data.roadmap.strip(),
        contact_name=data.contact_name.strip(),
        contact_email=data.contact_email.strip(),
        contact_phone=data.contact_phone.strip(),
        consent_to_publish=data.consent_to_publish,
        consent_at=now if data.consent_to_publish else None,
        state=Signatory.State.UNCONFIRMED if data.contact_email else Signatory.State.CONFIRMED,
        confirmed_at=None if data.contact_email else now,
    )
    for p in data.pledges:
        Pledge.objects.create(
            signatory=signatory,
            standard=p.standard,
            title=p.title.strip(),
            sector=p.sector,
            unit=p.unit.strip(),
            baseline_year=p.baseline_year,
            baseline_value=p.baseline_value,
            target_value=p.target_value,
            target_year=p.target_year,
        )
    return signatory


@transaction.atomic
def confirm(token: str) -> Signatory:
    """The confirmation link: the signatory now waits for the editor's approval."""
    pk = tokens.read_confirm_token(token)
    signatory = Signatory.objects.select_for_update().filter(pk=pk).first()
    if signatory is None:
        raise tokens.BadToken("gone")
    if signatory.state == Signatory.State.UNCONFIRMED:
        signatory.state = Signatory.State.CONFIRMED
        signatory.confirmed_at = timezone.now()
        signatory.save()
    return signatory


def send_report_link(signatory: Signatory, year: int) -> bool:
    """A new personal link to the report form for `year`; earlier links stop working. False when
    the signatory has no e-mail address or is not approved."""
    if not signatory.contact_email or not signatory.is_active:
        return False
    signatory.report_nonce = tokens.new_nonce()
    signatory.report_link_sent_at = timezone.now()
    signatory.save(update_fields=["report_nonce", "report_link_sent_at"])
    code = signatory.contract.municipality.code
    token = tokens.report_token(signatory.pk, signatory.report_nonce, year)
    _send(
        signatory.contact_email,
        _("Report on your climate pledges for %(year)s") % {"year": year},
        [
            _("Hello,"),
            "",
            _("Tell us how your pledges went in %(year)s, through your personal link:")
            % {"year": year},
            _site_url("engagement:lc_report", code, token),
            "",
            _("The link works for 30 days and only once; a new reminder sends a new link."),
        ],
    )
    return True


def signatory_for_report(token: str) -> tuple[Signatory, int]:
    claim = tokens.read_report_token(token)
    signatory = (
        Signatory.objects.select_related("contract__municipality")
        .filter(pk=claim.signatory_id, state=Signatory.State.APPROVED)
        .first()
    )
    if signatory is None or not signatory.report_nonce or signatory.report_nonce != claim.nonce:
        raise tokens.BadToken("used or replaced")
    return signatory, claim.year


@dataclass
class ReportInput:
    pledge_id: int
    status: str
    what_was_done: str = ""
    reported_t: Decimal | None = None
    quantity: Decimal | None = None


def _estimate(pledge: Pledge, entry: ReportInput) -> tuple[Decimal | None, bool]:
    if entry.reported_t is not None:
        return entry.reported_t, False
    factor = pledge.standard.default_t_per_unit if pledge.standard else None
    if entry.quantity is not None and factor is not None:
        t = reduction_from_quantity(float(entry.quantity), float(factor))
        return Decimal(str(round(t, 3))), True
    return None, False


@transaction.atomic
def submit_report(token: str, entries: list[ReportInput]) -> list[PledgeReport]:
    """The signatory's report for the year in the link, one entry per pledge; the link is used
    up by it."""
    signatory, year = signatory_for_report(token)
    signatory = Signatory.objects.select_for_update().get(pk=signatory.pk)
    if signatory.report_nonce != tokens.read_report_token(token).nonce:
        raise tokens.BadToken("used meanwhile")
    pledges = {p.pk: p for p in signatory.pledges.select_related("standard")}
    errors: dict[str, str] = {}
    for e in entries:
        if e.pledge_id not in pledges:
            raise ValidationError(_("A pledge in the report is not yours."))
        for name in ("reported_t", "quantity"):
            value = getattr(e, name)
            if value is not None and (not value.is_finite() or not 0 <= value <= Decimal("1e10")):
                errors[f"{e.pledge_id}-{name}"] = _("Give a number of 0 or more.")
        if e.status not in PledgeReport.Status.values:
            errors[f"{e.pledge_id}-status"] = _("Choose a status.")
    if errors:
        raise ValidationError(errors)
    saved = []
    for e in entries:
        estimated, from_default = _estimate(pledges[e.pledge_id], e)
        report, _created = PledgeReport.objects.update_or_create(
            pledge=pledges[e.pledge_id],
            year=year,
            defaults={
                "status": e.status,
                "what_was_done": e.what_was_done.strip()[:2000],
                "reported_t": e.reported_t,
                "quantity": e.quantity,
                "estimated_t": estimated,
                "from_default": from_default,
            },
        )
        saved.append(report)
    signatory.report_nonce = ""  # used: the link stops working
    signatory.save(update_fields=["report_nonce"])
    return saved


def send_report_reminders(now: datetime | None = None) -> int:
    """Each approved signatory with an e-mail address that has not reported every pledge for
    last year gets a new link, at most every two weeks. Returns how many went out."""
    from klimatkontrakt.engagement.selectors.local_contracts import not_reported
    from klimatkontrakt.organisations.models import Municipality

    moment = now or timezone.now()
    year = timezone.localtime(moment).year - 1
    sent = 0
    for muni in Municipality.objects.filter(local_contract__isnull=False):
        for s in not_reported(muni, year):
            last = s.report_link_sent_at
            if last is not None and moment - last < REMIND_AFTER:
                continue
            sent += int(send_report_link(s, year))
    return sent
