"""The daily upkeep of proposals, run by the worker's schedule (engagement/proposal_tasks.py):
reminders to departments before and after an answer's deadline, and erasure of citizens'
contact details once the answer is given plus the retention period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimatkontrakt.engagement.models import IntakeAttempt, Proposal
from klimatkontrakt.engagement.services.proposal_intake import RATE_WINDOW
from klimatkontrakt.engagement.services.proposals import CONTACT_RETENTION_DAYS
from klimatkontrakt.organisations.models import Membership

# The first reminder goes out this many days before the deadline; after it, once a week.
REMIND_DAYS_BEFORE = 7
REMIND_OVERDUE_EVERY = 7


@dataclass(frozen=True)
class Reminder:
    to: str
    due_soon: list[Proposal]
    overdue: list[Proposal]

    def subject(self) -> str:
        n = len(self.due_soon) + len(self.overdue)
        return ngettext(
            "%(n)s proposal is waiting for your answer",
            "%(n)s proposals are waiting for your answer",
            n,
        ) % {"n": n}

    def body(self) -> str:
        lines = [_("Hello,"), ""]
        for heading, proposals in (
            (_("The answer is overdue:"), self.overdue),
            (_("The answer is due soon:"), self.due_soon),
        ):
            if not proposals:
                continue
            lines += [heading, ""]
            for p in proposals:
                url = settings.SITE_URL + reverse(
                    "engagement:proposal_answer", args=[p.municipality.code, p.pk]
                )
                assert p.deadline is not None
                lines.append(
                    f"- #{p.pk} {p.text[:80]} ("
                    + _("answer by %(date)s")
                    % {"date": date_format(p.deadline, "SHORT_DATE_FORMAT")}
                    + ")"
                )
                lines.append(f"  {url}")
            lines.append("")
        lines.append(_("This reminder is sent by Klimatkontrakt when a proposal's answer is due."))
        return "\n".join(lines)


def _open_assigned(today: date) -> list[Proposal]:
    return list(
        Proposal.objects.filter(
            department__isnull=False,
            deadline__isnull=False,
            answer__isnull=True,
            merged_into__isnull=True,
            state__is_closed=False,
        )
        .filter(
            Q(
                deadline__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
                reminded_before__isnull=True,
            )
            | Q(deadline__lt=today)
        )
        .select_related("municipality", "department")
    )


def _recipients(proposal: Proposal) -> list[str]:
    """The department's people with an e-mail address; its municipality's editors if none."""
    users = get_user_model().objects.filter(
        memberships__department=proposal.department, is_active=True
    )
    emails = sorted({u.email.casefold() for u in users if u.email})
    if emails:
        return emails
    editors = get_user_model().objects.filter(
        memberships__organisation_id=proposal.municipality.organisation_id,
        memberships__role__in=[Membership.Role.EDITOR, Membership.Role.ADMIN],
        is_active=True,
    )
    return sorted({u.email.casefold() for u in editors if u.email})


def reminders(today: date) -> tuple[list[Reminder], list[Proposal], list[Proposal]]:
    """The e-mails due today, and the proposals they remind of before and after the deadline."""
    due_soon: dict[str, list[Proposal]] = defaultdict(list)
    overdue: dict[str, list[Proposal]] = defaultdict(list)
    before: list[Proposal] = []
    after: list[Proposal] = []
    for p in _open_assigned(today):
        assert p.deadline is not None
        if p.deadline < today:
            last = p.reminded_overdue
            if last is not None and (today - last).days < REMIND_OVERDUE_EVERY:
                continue
            after.append(p)
            target = overdue
        else:
            before.append(p)
            target = due_soon
        for email in _recipients(p):
            target[email].append(p)
    out = [
        Reminder(to, due_soon.get(to, []), overdue.get(to, []))
        for to in sorted(set(due_soon) | set(overdue))
    ]
    return out, before, after


def send_reminders(now: datetime | None = None) -> int:
    """Send today's reminders in the site's language; returns how many e-mails went out."""
    today = timezone.localdate(now or timezone.now())
    due, before, after = reminders(today)
    with translation.override(settings.LANGUAGE_CODE):
        messages = [EmailMessage(r.subject(), r.body(), to=[r.to]) for r in due]
    sent = (mailers.default.send_messages(messages) or 0) if messages else 0
    Proposal.objects.filter(pk__in=[p.pk for p in before]).update(reminded_before=today)
    Proposal.objects.filter(pk__in=[p.pk for p in after]).update(reminded_overdue=today)
    return sent


def erase_expired_contacts(now: datetime | None = None) -> int:
    """Blank citizens' contact details CONTACT_RETENTION_DAYS after the answer (of the proposal
    itself or of the one it was merged into), or after moderation kept it unpublished; and drop
    the rate limit's records once their window has passed. Returns how many were erased."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(days=CONTACT_RETENTION_DAYS)
    has_contact = ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    expired = Proposal.objects.filter(has_contact).filter(
        Q(answer__answered_at__lt=cutoff)
        | Q(merged_into__answer__answered_at__lt=cutoff)
        | Q(moderation=Proposal.Moderation.HIDDEN, moderated_at__lt=cutoff)
    )
    count = expired.update(
        contact_name="", contact_email="", contact_phone="", contact_erased_at=moment
    )
    IntakeAttempt.objects.filter(at__lt=moment - RATE_WINDOW).delete()
    return count


def daily_upkeep(now: datetime | None = None) -> dict[str, int]:
    return {"reminders": send_reminders(now), "erased_contacts": erase_expired_contacts(now)}
