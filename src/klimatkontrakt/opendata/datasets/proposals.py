"""Proposals and answers: one row per published proposal from citizens, pupils and dialogues,
with its state and the municipality's answer.

Read as the public reads them (`engagement.selectors.proposals.visible_proposals` for an
anonymous reader: moderated and published only). Never the proposer's name or contact details,
never the text as sent before moderation, never a pupil's school or grade. A pupil's proposal
keeps its channel, themes, state and answer but not its text: pupils are children, and a copy
of their words in a file anyone keeps could not follow a later moderation the way the page
does; their counts are in the rows all the same. Licence CC BY 4.0: the municipality's own
register.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.engagement.models import Answer, Channel, Proposal
from klimatkontrakt.engagement.selectors import proposals as selectors
from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.opendata.datasets.labels import swedish
from klimatkontrakt.organisations.models import Municipality


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    municipalities = (
        [municipality] if municipality else Municipality.objects.order_by("code").iterator()
    )
    for m in municipalities:
        published = selectors.visible_proposals(AnonymousUser(), m).filter(
            moderation=Proposal.Moderation.APPROVED
        )
        for p in published.order_by("pk"):
            yield _row(m, p)


def _row(m: Municipality, p: Proposal) -> dict[str, Any]:
    answer: Answer | None = getattr(p, "answer", None)
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "proposal_id": p.pk,
        "channel": p.channel,
        "channel_label_sv": swedish(Channel(p.channel).label),
        "received": p.received,
        "year": p.received.year,
        "text": None if p.channel == Channel.PUPILS_COUNCIL else p.text,
        "themes": "; ".join(sorted(t.name for t in p.themes.all())) or None,
        "state": p.state.key,
        "state_label_sv": p.state.name_sv,
        "state_label_en": p.state.name_en,
        "merged_into_id": p.merged_into_id,
        "selected": p.selection_id is not None,
        "department": p.department.name if p.department else None,
        "answer_by": p.deadline,
        "decision": answer.decision if answer else None,
        "decision_label_sv": swedish(Answer.Decision(answer.decision).label) if answer else None,
        "answer": answer.text if answer else None,
        "reason": (answer.reason or None) if answer else None,
        "cost_sek": answer.cost_sek if answer else None,
        "period_start": answer.period_start if answer else None,
        "period_end": answer.period_end if answer else None,
        "answered": timezone.localdate(answer.answered_at) if answer else None,
    }


_FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field("proposal_id", "integer", "Förslagets nummer.", "The proposal's number.", required=True),
    Field(
        "channel",
        "string",
        "Kanal: pupils_council = elevborgarråd, citizen = medborgarförslag, dialogue = dialog.",
        "Channel: pupils_council = pupils' council, citizen = citizen proposal, "
        "dialogue = dialogue.",
        required=True,
        enum=tuple(Channel.values),
    ),
    Field("channel_label_sv", "string", "Kanalen i ord på svenska.", "The channel in Swedish."),
    Field("received", "date", "Dagen förslaget kom in.", "The day the proposal was received."),
    Field("year", "year", "Året förslaget kom in.", "The year the proposal was received."),
    Field(
        "text",
        "string",
        "Förslaget som det publicerades efter granskning; tomt för elevers förslag.",
        "The proposal as published after moderation; empty for pupils' proposals.",
    ),
    Field(
        "themes",
        "string",
        "Teman, åtskilda med semikolon.",
        "Themes, separated by semicolons.",
    ),
    Field(
        "state",
        "string",
        "Förslagets läge, som kommunens egen kod (kommunerna namnger sina lägen själva).",
        "The proposal's state, as the municipality's own code (municipalities name their "
        "states themselves).",
        required=True,
    ),
    Field("state_label_sv", "string", "Läget i ord på svenska.", "The state in Swedish."),
    Field("state_label_en", "string", "Läget i ord på engelska.", "The state in English."),
    Field(
        "merged_into_id",
        "integer",
        "Numret på förslaget som detta slagits ihop med (en dubblett); tomt annars.",
        "The number of the proposal this one was merged into (a duplicate); empty otherwise.",
    ),
    Field(
        "selected",
        "boolean",
        "Sant när förslaget valts ut för att gå vidare till en förvaltning.",
        "True when the proposal was selected to go on to a department.",
    ),
    Field(
        "department",
        "string",
        "Förvaltningen som ska svara.",
        "The department that answers.",
    ),
    Field("answer_by", "date", "Dagen svaret ska komma.", "The day the answer is due."),
    Field(
        "decision",
        "string",
        "Beslut: accepted = bifallet, rejected = avslaget, already_done = redan gjort, "
        "in_progress = pågår.",
        "Decision: accepted, rejected, already_done or in_progress.",
        enum=tuple(Answer.Decision.values),
    ),
    Field("decision_label_sv", "string", "Beslutet i ord på svenska.", "The decision in Swedish."),
    Field("answer", "string", "Kommunens svar.", "The municipality's answer."),
    Field("reason", "string", "Skälet till beslutet.", "The reason for the decision."),
    Field(
        "cost_sek",
        "number",
        "Uppskattad kostnad att genomföra förslaget.",
        "Estimated cost of carrying the proposal out.",
        unit="SEK",
    ),
    Field("period_start", "date", "Genomförs från.", "Carried out from."),
    Field("period_end", "date", "Genomförs till.", "Carried out until."),
    Field("answered", "date", "Dagen förslaget besvarades.", "The day the proposal was answered."),
)

DATASET = Dataset(
    key="proposals",
    title_sv="Förslag och svar",
    title_en="Proposals and answers",
    description_sv=(
        "Publicerade förslag från medborgare, elevborgarråd och dialoger och kommunens svar: "
        "en rad per förslag med kanal, teman, läge, beslut och svar. Utan namn, "
        "kontaktuppgifter, skola och årskurs; elevers förslagstext finns inte med."
    ),
    description_en=(
        "Published proposals from citizens, pupils' councils and dialogues and the "
        "municipality's answers: one row per proposal with channel, themes, state, decision "
        "and answer. Without names, contact details, school and grade; pupils' proposal text "
        "is left out."
    ),
    fields=_FIELDS,
    rows=rows,
    primary_key=("municipality_code", "proposal_id"),
    themes=("GOVE", "SOCI", "ENVI"),
    frequency="IRREG",
    source_sv="Kommunens register över förslag och svar.",
    source_en="The municipality's register of proposals and answers.",
    keywords_sv=("medborgarförslag", "elevborgarråd", "delaktighet"),
    keywords_en=("citizen proposals", "pupils' council", "participation"),
)
