"""The open dataset of proposals: published proposals and their answers as the public page
shows them; never a proposer's name or contact details, never a pupil's text, school or grade."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from klimatkontrakt.engagement.models import Channel, Proposal
from klimatkontrakt.engagement.selectors import proposals as selectors
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.opendata.datasets.proposals import DATASET
from tests.engagement.proposal_factories import (
    SECRET_EMAIL,
    SECRET_TEXT,
    ProposalFactory,
    citizen_proposal,
)
from tests.opendata.field_checks import check_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished(karlstad):  # type: ignore[no-untyped-def]
    """A pupil's proposal waiting for moderation and a citizen's kept unpublished."""
    ProposalFactory(municipality=karlstad, text=SECRET_TEXT)
    citizen_proposal(
        karlstad, text=SECRET_TEXT + " igen", published=False,
        moderation=Proposal.Moderation.HIDDEN, hidden_reason="personal_data",
    )  # fmt: skip


def test_published_rows_without_personal_data(karlstad, editor, assigned, unpublished):
    citizen = citizen_proposal(
        karlstad, text="Laddstolpar vid biblioteket", original_text="Laddstolpar, Hemlig Medborgare"
    )
    services.answer_proposal(
        editor, assigned[0],
        services.AnswerInput("accepted", "Vi bygger fler cykelställ.", cost_sek=Decimal("50000")),
    )  # fmt: skip
    forbidden = [
        SECRET_TEXT, SECRET_EMAIL, "Hemlig Medborgare", "070-0000000", "Exempelskolan",
        *(p.text for p in assigned),
    ]  # fmt: skip
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=tuple(forbidden))
    assert [r["proposal_id"] for r in rows] == sorted(p.pk for p in [*assigned, citizen])
    by_id = {r["proposal_id"]: r for r in rows}
    pupil = by_id[assigned[0].pk]
    assert pupil["channel"] == Channel.PUPILS_COUNCIL and pupil["text"] is None
    assert pupil["channel_label_sv"] == "Elevborgarråd"
    assert (pupil["decision"], pupil["decision_label_sv"]) == ("accepted", "Bifallet")
    assert pupil["answer"] == "Vi bygger fler cykelställ." and pupil["cost_sek"] == 50000
    assert pupil["selected"] and pupil["department"] == assigned[0].department.name
    assert pupil["state"] == "answered" and pupil["state_label_sv"] == "Besvarat"
    assert by_id[assigned[1].pk]["answer"] is None and by_id[assigned[1].pk]["answer_by"]
    assert by_id[citizen.pk]["text"] == "Laddstolpar vid biblioteket"
    assert not by_id[citizen.pk]["selected"]


def test_counts_agree_with_the_public_totals(karlstad, editor, assigned):
    keep = citizen_proposal(karlstad, text="Fler träd")
    duplicate = citizen_proposal(karlstad, text="Plantera träd")
    services.merge_proposals(editor, keep, [duplicate])
    services.answer_proposal(editor, assigned[1], services.AnswerInput("in_progress", "Pågår."))
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows)
    assert {r["proposal_id"]: r["merged_into_id"] for r in rows}[duplicate.pk] == keep.pk
    counted = [r for r in rows if r["merged_into_id"] is None]
    totals = selectors.totals(karlstad)
    assert len(counted) == totals.total
    assert Counter(r["channel"] for r in counted) == +Counter(totals.by_channel)
    assert Counter(r["decision"] for r in counted if r["decision"]) == +Counter(totals.by_decision)
    assert Counter(r["state"] for r in counted) == +Counter(totals.by_state)


def test_one_municipality_or_all(karlstad, other_municipality):
    citizen_proposal(karlstad, text="Karlstads förslag")
    citizen_proposal(other_municipality, text="Stockholms förslag")
    assert [r["text"] for r in DATASET.rows(other_municipality)] == ["Stockholms förslag"]
    everything = list(DATASET.rows(None))
    check_rows(DATASET, everything)
    assert [(r["municipality_code"], r["text"]) for r in everything] == [
        ("0180", "Stockholms förslag"), ("1780", "Karlstads förslag"),
    ]  # fmt: skip
