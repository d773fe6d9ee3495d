"""The weekly reminder digest: each contact person gets the actions they own that are overdue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimatkontrakt.organisations import selectors as organisations
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action
from klimatkontrakt.plans.selectors import stale_actions


@dataclass(frozen=True)
class Digest:
    to: str
    actions: list[Action]

    def subject(self) -> str:
        n = len(self.actions)
        return ngettext(
            "%(n)s action is waiting for a status update",
            "%(n)s actions are waiting for a status update",
            n,
        ) % {"n": n}

    def body(self, now: datetime) -> str:
        lines = [_("Hello,"), "", _("These actions you are contact person for are overdue:"), ""]
        for a in self.actions:
            since = a.last_update_at or a.created_at
            url = settings.SITE_URL + reverse(
                "plans:action_update", args=[a.plan.municipality.code, a.plan_id, a.pk]
            )
            lines.append(f"- {a.plan.title}: {a.identifier} {a.title}")
            lines.append(
                "  "
                + _("last update %(date)s, interval %(days)s days")
                % {
                    "date": date_format(since, "SHORT_DATE_FORMAT")
                    if a.last_update_at
                    else _("never"),
                    "days": a.plan.update_interval_days,
                }
            )
            lines.append(f"  {url}")
        lines += ["", _("This reminder is sent once a week by Klimatkontrakt.")]
        return "\n".join(lines)


def digests(municipality: Municipality | None = None, now: datetime | None = None) -> list[Digest]:
    """One digest per contact e-mail address, with that person's overdue actions."""
    moment = now or timezone.now()
    municipalities = (
        [municipality] if municipality is not None else list(organisations.municipalities())
    )
    by_person: dict[str, list[Action]] = defaultdict(list)
    for muni in municipalities:
        for action in stale_actions(muni, moment):
            if action.contact_email:
                by_person[action.contact_email.casefold()].append(action)
    return [Digest(to, actions) for to, actions in sorted(by_person.items())]


def send_reminders(municipality: Municipality | None = None, now: datetime | None = None) -> int:
    """Send the digests in the site's language; returns how many e-mails went out."""
    moment = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        messages = [
            EmailMessage(d.subject(), d.body(moment), to=[d.to])
            for d in digests(municipality, moment)
        ]
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0
