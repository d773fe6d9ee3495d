"""The proposals list as a downloadable table (documents.tables): what the list page shows,
with its filters; never contact details."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.engagement.models import Proposal


def proposal_table(proposals: Iterable[Proposal], language: str) -> Table:
    rows = []
    for p in proposals:
        answer = getattr(p, "answer", None)
        rows.append(
            {
                "id": p.pk,
                "channel": str(p.get_channel_display()),
                "text": p.text,
                "themes": ", ".join(t.name for t in p.themes.all()),
                "school": p.school,
                "grade": p.grade,
                "received": p.received.isoformat(),
                "state": p.state.label(language),
                "department": p.department.name if p.department else "",
                "deadline": p.deadline.isoformat() if p.deadline else "",
                "decision": str(answer.get_decision_display()) if answer else "",
                "answer": answer.text if answer else "",
                "answered": answer.answered_at.date().isoformat() if answer else "",
            }
        )
    return Table(
        key="forslag",
        title=_("Proposals"),
        columns=[
            ("id", _("Number")),
            ("channel", _("Channel")),
            ("text", _("Proposal")),
            ("themes", _("Themes")),
            ("school", _("School")),
            ("grade", _("Grade")),
            ("received", _("Received")),
            ("state", pgettext("proposal", "State")),
            ("department", _("Department")),
            ("deadline", _("Answer by")),
            ("decision", _("Decision")),
            ("answer", _("Answer")),
            ("answered", pgettext("proposal date", "Answered")),
        ],
        rows=rows,
    )
