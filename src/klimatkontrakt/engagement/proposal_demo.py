"""Demo proposals for Karlstad: 967 invented pupil proposals (grades 4-6, example schools) from
a class workshop file, all published; 60 selected and assigned to departments, some answered
(linked to an action, a measure or a commitment where one fits), some overdue.

Every text is generated from the templates below and marked "(exempel)"; the schools are named
"Exempelskolan ...". The contract tells of 967 proposals and 60 handed on; nothing else here
is Karlstad's own."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from klimatkontrakt.contracts.selectors import commitments_of_municipality
from klimatkontrakt.engagement.models import Answer, Channel, Proposal, ProposalSelection
from klimatkontrakt.engagement.services import proposal_intake as intake
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.investments.selectors import measures_of_municipality
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans.selectors import actions_of_municipality

FILENAME = "exempel-elevforslag-karlstad.csv"
COUNT = 967
SELECTED = 60
ANSWERED = 36
OVERDUE = 9
SCHOOLS = [
    "Exempelskolan Norr",
    "Exempelskolan Söder",
    "Exempelskolan Väster",
    "Exempelskolan Öster",
    "Exempelskolan Centrum",
]
# theme: (department short name, ideas)
THEMES: dict[str, tuple[str, list[str]]] = {
    "Resor och transporter": (
        "SBF",
        [
            "Fler cykelställ med tak vid skolan",
            "Säkrare cykelvägar till skolan",
            "Gratis buss för barn och unga",
            "Fler laddstolpar för elbilar",
            "Gångfartsgator runt skolorna",
            "Cykelbibliotek där man kan låna cyklar",
        ],
    ),
    "Mat och matsvinn": (
        "BUF",
        [
            "En vegetarisk dag till i veckan i skolmatsalen",
            "Mindre matsvinn i skolmatsalen genom att väga det",
            "Mer närproducerad mat i skolan",
            "Skolträdgård där vi odlar grönsaker",
            "Låta elever vara med och bestämma matsedeln",
        ],
    ),
    "Energi": (
        "KEAB",
        [
            "Solpaneler på skolans tak",
            "Släcka lamporna i tomma klassrum automatiskt",
            "Visa skolans elförbrukning på en skärm",
            "Sänka temperaturen en grad i kommunens lokaler",
            "Fler solceller på kommunens hus",
        ],
    ),
    "Natur och grönska": (
        "MF",
        [
            "Plantera fler träd på skolgården",
            "Ängar i stället för gräsmattor i parkerna",
            "Insektshotell i alla parker",
            "Skydda skogen nära skolan",
            "Städdag längs Klarälven varje vår",
        ],
    ),
    "Avfall och återbruk": (
        "TFF",
        [
            "Källsortering i alla klassrum",
            "Bytesdagar för kläder och leksaker",
            "Pantstationer vid idrottsplatserna",
            "Reparationskafé på biblioteket",
            "Färre engångsartiklar på kommunens evenemang",
        ],
    ),
}
PLACES = ["", " på vår skola", " i hela Karlstad", " i vårt bostadsområde", " vid fritidsgården"]


def _rows() -> list[dict[str, str]]:
    """COUNT proposals, the same every run: theme, idea and place cycle at different rates."""
    themes = list(THEMES)
    rows = []
    for i in range(COUNT):
        theme = themes[i % len(themes)]
        ideas = THEMES[theme][1]
        idea = ideas[(i // len(themes)) % len(ideas)]
        place = PLACES[(i // 7) % len(PLACES)]
        school = SCHOOLS[(i // 11) % len(SCHOOLS)]
        grade = 4 + (i // 3) % 3
        received = date(2024, 3, 4) + timedelta(days=(i // 200))
        rows.append(
            {
                "förslag": f"{idea}{place} (exempel)",
                "skola": school,
                "årskurs": f"{grade}",
                "tema": theme,
                "inkommen": received.isoformat(),
            }
        )
    return rows


def example_file() -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["förslag", "skola", "årskurs", "tema", "inkommen"])
    writer.writeheader()
    writer.writerows(_rows())
    return out.getvalue().encode("utf-8")


def _carrier(muni: Municipality, kind: str) -> dict[str, int | None]:
    """The id of the first action, measure or commitment of the kind the answer names."""
    found: Any = None
    if kind == "action":
        found = actions_of_municipality(muni).first()
    elif kind == "measure":
        found = measures_of_municipality(muni).first()
    elif kind == "commitment":
        found = commitments_of_municipality(muni).order_by("-version__year", "pk").first()
    return {f"{kind}_id": found.pk if found else None}


@transaction.atomic
def load(karlstad: Municipality, stdout: Any) -> None:
    if ProposalSelection.objects.filter(municipality=karlstad).exists():
        stdout.write("Proposals: already loaded.")
        return
    intake.import_proposals(SYSTEM, karlstad, example_file(), FILENAME, Channel.PUPILS_COUNCIL)
    ids = list(
        Proposal.objects.filter(municipality=karlstad, source_import__filename=FILENAME)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    services.publish_many(SYSTEM, karlstad, ids)
    chosen = ids[:: len(ids) // SELECTED][:SELECTED]
    selection = services.select_proposals(
        SYSTEM,
        karlstad,
        chosen,
        "Exempel: elevborgarrådet valde ut förslag som kommunen kan genomföra och som många "
        "klasser skrev om.",
    )
    today = timezone.localdate()
    # The workshop's proposals came in March 2024; the council selected in May.
    selected_at = timezone.make_aware(datetime(2024, 5, 15, 10, 0))
    ProposalSelection.objects.filter(pk=selection.pk).update(selected_at=selected_at)
    departments = {d.short_name: d for d in Department.objects.filter(municipality=karlstad)}
    by_department: dict[Department, list[int]] = {}
    for p in Proposal.objects.filter(pk__in=chosen).prefetch_related("themes"):
        theme = next(iter(t.name for t in p.themes.all()), "")
        department = departments.get(THEMES.get(theme, ("MF", []))[0])
        if department is not None:
            by_department.setdefault(department, []).append(p.pk)
    for department, pks in by_department.items():
        services.assign_proposals(SYSTEM, karlstad, pks, department, today + timedelta(days=30))
    assigned = [pk for pks in by_department.values() for pk in sorted(pks)]
    decisions = [
        (Answer.Decision.ACCEPTED, "", "action"),
        (Answer.Decision.IN_PROGRESS, "", "measure"),
        (Answer.Decision.ALREADY_DONE, "", "commitment"),
        (
            Answer.Decision.REJECTED,
            "Exempel: förslaget ryms inte i årets budget och prövas igen nästa år.",
            "",
        ),
    ]
    for n, pk in enumerate(assigned[:ANSWERED]):
        decision, reason, kind = decisions[n % len(decisions)]
        proposal = Proposal.objects.get(pk=pk)
        links = _carrier(karlstad, kind)
        services.answer_proposal(
            SYSTEM,
            proposal,
            services.AnswerInput(
                decision=decision,
                reason=reason,
                text="Exempel: tack för förslaget! Förvaltningen har läst det och svarar så här.",
                cost_sek=None if kind == "" else Decimal(25_000 * (1 + n % 5)),
                action_id=links.get("action_id"),
                measure_id=links.get("measure_id"),
                commitment_id=links.get("commitment_id"),
            ),
        )
        # Answers spread over the months after the selection, for the median's sake.
        Answer.objects.filter(proposal_id=pk).update(
            answered_at=selected_at + timedelta(days=20 + (n * 7) % 80)
        )
    overdue = assigned[ANSWERED : ANSWERED + OVERDUE]
    Proposal.objects.filter(pk__in=overdue).update(deadline=today - timedelta(days=14))
    stdout.write(
        f"Proposals: {len(ids)} example pupil proposals, {len(chosen)} selected, "
        f"{min(ANSWERED, len(assigned))} answered, {len(overdue)} overdue."
    )
