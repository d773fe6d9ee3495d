"""Karlstad's Klimatkontrakt 2030, versions 2023 and 2024, summarised in the project's own words.

Source: Karlstads kommun, Klimatkontrakt 2030 (2024 version). Titles and summaries are short
paraphrases written for this demo, not quotations; statuses for 2024 are illustrative. The 2024
version takes the year's common part (common_demo.py: the signed contract's own words, quoted).
"""

from typing import Any

from django.db import transaction

from klimatkontrakt.contracts import common_demo, services
from klimatkontrakt.contracts.models import Commitment, CommitmentStatus, Contract, ContractVersion
from klimatkontrakt.contracts.structure import is_locked_for_city
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Department, Municipality, Organisation

SECTION_TEXTS_2023 = {
    "purpose": (
        "The contract speeds up the climate transition of Swedish cities within Agenda 2030 and "
        "supports a sustainable recovery of the economy. The parties commit to long-term, mutual "
        "efforts."
    ),
    "goal": (
        "Kommunfullmäktige's goal: the municipality's own operations are fossil-free by 2026 and "
        "the geographical area of Karlstad is climate neutral by 2030. The goal covers the whole "
        "municipal group, all committees and the companies of the city group."
    ),
    "organisation": (
        "Kommunfullmäktige sets goals and policy documents; kommunstyrelsen leads, coordinates and "
        "follows up; miljönämnden drives and coordinates environmental strategy. Kommunfullmäktige "
        "has set aside 110 MSEK for 2022–2025 for measures that cut climate emissions."
    ),
    "contract": (
        "The parties agree that these commitments apply for the year. "
        "The contract is revised every year."
    ),
}
SECTION_TEXTS_2024 = {
    **SECTION_TEXTS_2023,
    "strategy": (
        "A new governance model for the municipal group applies from 2024, with the three "
        "sustainability dimensions throughout and a goal coordinator with a team for every "
        "politically decided goal. The energy and climate plan (2023), the waste plan 2024–2027, "
        "the traffic plan and the stormwater plan steer the work."
    ),
    "organisation": SECTION_TEXTS_2023["organisation"]
    + (
        "\n\nThe project plan Klimatneutrala Karlstad 2030 groups the work in four work packages: "
        "AP1 governance and funding, AP2 mobilisation and co-creation, AP3 innovation and service "
        "development, AP4 behaviours and communication."
    ),
    "investment_plan": (
        "The footprint of all purchases of the municipal organisation is the basis of a pilot "
        "climate investment plan. Teknik- och fastighetsförvaltningen, about 60 % of the "
        "organisation's emissions, is the test bed before a plan for the whole municipality."
    ),
    "reporting": (
        "The contract is evaluated every year when it is revised, and reported to kommunstyrelsen: "
        "greenhouse gas emissions against the effect goals of the project plan, the indicators of "
        "the climate goal, and the action plan of the energy and climate plan."
    ),
}

# (key, section, party, title, summary, planned year, department short name, tags, status 2023)
C2023: list[tuple[str, str, str, str, str, int, str, list[str], str]] = [
    (
        "ekp",
        "municipality",
        "muni",
        "Decide the energy and climate plan",
        "Adopt the group's first energy and climate plan with an action plan.",
        2023,
        "KLK",
        ["energi"],
        "done",
    ),
    (
        "governance",
        "strategy",
        "muni",
        "Decide a new governance model",
        "A governance model for the municipal group with stronger environmental ambitions "
        "from 2024.",
        2023,
        "KLK",
        ["styrning"],
        "done",
    ),
    (
        "local_contracts",
        "collaboration",
        "muni",
        "Launch local climate contracts",
        "Offer climate contracts to companies and organisations within the Agenda 2030 protocol.",
        2023,
        "KLK",
        ["engagemang"],
        "done",
    ),
    (
        "comms",
        "municipality",
        "muni",
        "Set a communication strategy for the transition",
        "A communication strategy for Karlstad's climate transition.",
        2023,
        "KLK",
        ["kommunikation"],
        "done",
    ),
    (
        "training",
        "municipality",
        "muni",
        "Develop a climate training concept",
        "A training concept on climate and environment for elected officials.",
        2023,
        "MF",
        ["utbildning"],
        "done",
    ),
    (
        "footprint",
        "investment_plan",
        "muni",
        "Map the climate impact of all purchases",
        "Introduce a tool that calculates the emissions of every purchase of the municipal group.",
        2023,
        "KLK",
        ["inköp", "klimatinvesteringsplan"],
        "done",
    ),
    (
        "pupils",
        "collaboration",
        "muni",
        "Start a pupils' council for the climate",
        "Pupils in years 4–6 put forward proposals for a climate-smart Karlstad.",
        2023,
        "BUF",
        ["engagemang", "unga"],
        "done",
    ),
    (
        "green_loans",
        "organisation",
        "muni",
        "Move to green loans",
        "Finance sustainable investments with green loans.",
        2023,
        "KLK",
        ["finansiering"],
        "done",
    ),
    (
        "traffic_plan",
        "mobility",
        "muni",
        "Revise the traffic plan",
        "Update the traffic plan from 2014.",
        2023,
        "SBF",
        ["mobilitet"],
        "in_progress",
    ),
    (
        "digital_plan",
        "digital",
        "muni",
        "Draw up a plan for digitalisation and innovation",
        "A plan for a smart and sustainable city.",
        2023,
        "KLK",
        ["digitalisering"],
        "in_progress",
    ),
    (
        "transport_org",
        "mobility",
        "muni",
        "Investigate the internal transport organisation",
        "How the group's own trips and transports can become fossil-free and cost-effective.",
        2023,
        "TFF",
        ["fordon", "fossilfri"],
        "in_progress",
    ),
    (
        "climate_fund",
        "organisation",
        "muni",
        "Decide how to use the climate fund",
        "Investigate how the 110 MSEK climate fund 2022–2025 gives the greatest climate benefit.",
        2023,
        "MF",
        ["finansiering", "klimatfond"],
        "in_progress",
    ),
    (
        "vc_coordination",
        "viable_cities",
        "vc",
        "Coordinate Klimatkontrakt 2030",
        "A coordination function that develops the contracts with cities and agencies.",
        2023,
        "",
        ["samordning"],
        "in_progress",
    ),
    (
        "ag_policy",
        "agencies",
        "ag",
        "Smart policy development",
        "Joint workshops with the cities to find rules that hold back the transition.",
        2023,
        "",
        ["policy"],
        "in_progress",
    ),
]

# Changes in 2024: (key, field, value) applied to carried-over commitments.
CHANGES_2024: list[tuple[str, str, Any]] = [
    ("digital_plan", "title", "Start carrying out the plan for digitalisation and innovation"),
    (
        "digital_plan",
        "description",
        "Carry out the plan for a smart and sustainable city in line with the EU twin transition.",
    ),
    ("digital_plan", "planned_year", 2024),
    ("traffic_plan", "title", "Revise the traffic plan and the cycling plan"),
    ("traffic_plan", "planned_year", 2024),
    (
        "transport_org",
        "description",
        "Finish the investigation of the internal transport organisation and decide on measures.",
    ),
    ("transport_org", "planned_year", 2024),
    ("climate_fund", "planned_year", 2024),
]

C2024_NEW: list[tuple[str, str, str, str, str, int, str, list[str], str]] = [
    (
        "governance_apply",
        "municipality",
        "muni",
        "Work by the new governance model",
        "New ways of working and structures now that the governance model applies.",
        2024,
        "KLK",
        ["styrning"],
        "in_progress",
    ),
    (
        "ekp_action",
        "municipality",
        "muni",
        "Carry out the energy and climate plan's action plan",
        "Implement the actions of the recently decided energy and climate plan.",
        2024,
        "MF",
        ["energi"],
        "in_progress",
    ),
    (
        "comms_action",
        "municipality",
        "muni",
        "Carry out the communication strategy",
        "Measures from the communication strategy for the climate transition.",
        2024,
        "KLK",
        ["kommunikation"],
        "planned",
    ),
    (
        "more_local",
        "municipality",
        "muni",
        "More local climate contracts",
        "Increase the number of climate contracts with residents, companies and organisations.",
        2024,
        "KLK",
        ["engagemang"],
        "in_progress",
    ),
    (
        "training_all",
        "municipality",
        "muni",
        "Train elected officials and staff",
        "Climate and environment training from the training concept.",
        2024,
        "MF",
        ["utbildning"],
        "in_progress",
    ),
    (
        "goal_clarify",
        "goal",
        "muni",
        "Clarify the climate goal and link it to a carbon budget",
        "Background and proposals on what the 2030 and fossil-free goals mean, with an updated "
        "carbon budget.",
        2024,
        "MF",
        ["klimatbudget"],
        "in_progress",
    ),
    (
        "pilot_plan",
        "investment_plan",
        "muni",
        "Pilot a climate investment plan",
        "A plan with costed measures for Teknik- och fastighetsförvaltningen, then scaled up.",
        2024,
        "TFF",
        ["klimatinvesteringsplan"],
        "in_progress",
    ),
    (
        "visualise",
        "digital",
        "muni",
        "Show consumption-based emissions in the city",
        "A campaign in the city and on the web about consumption-based emissions.",
        2024,
        "KLK",
        ["kommunikation"],
        "planned",
    ),
    (
        "adaptation_network",
        "adaptation",
        "muni",
        "Restart the climate adaptation network",
        "The internal network develops adaptation work at a strategic level.",
        2024,
        "SBF",
        ["klimatanpassning"],
        "planned",
    ),
    (
        "mcr2030",
        "adaptation",
        "muni",
        "Join Making Cities Resilient 2030",
        "Take part at the most ambitious stage and share experience with other cities.",
        2024,
        "KLK",
        ["klimatanpassning"],
        "planned",
    ),
    (
        "stradet",
        "mobility",
        "muni",
        "Extend the Karlstad bus rapid transit line",
        "Stage 2 of Karlstadsstråket with an urban environment agreement.",
        2024,
        "TFF",
        ["mobilitet", "kollektivtrafik"],
        "in_progress",
    ),
    (
        "charging",
        "mobility",
        "muni",
        "Build charging points at the administration's buildings",
        "Charging infrastructure for the group's own vehicles.",
        2024,
        "TFF",
        ["fordon", "laddning"],
        "in_progress",
    ),
    (
        "followup",
        "reporting",
        "muni",
        "Report the yearly follow-up to kommunstyrelsen",
        "Emissions against the effect goals, indicators and the action plan.",
        2024,
        "KLK",
        ["uppföljning"],
        "planned",
    ),
]


def _parties(muni: Municipality) -> list[tuple[Organisation, str, str, str]]:
    parties = [(muni.organisation, "municipality", "", "Kommunstyrelsens ordförande")]
    parties += [
        (o, "agency", "", "Generaldirektör") for o in Organisation.objects.filter(kind="agency")
    ]
    parties += [
        (o, "programme", "", "Programchef") for o in Organisation.objects.filter(kind="programme")
    ]
    return parties


def _add(version: ContractVersion, rows: list[tuple[Any, ...]], keys: dict[str, str]) -> None:
    muni = version.contract.municipality
    statuses = {s.key: s for s in CommitmentStatus.objects.filter(municipality=muni)}
    depts = {d.short_name: d for d in Department.objects.filter(municipality=muni)}
    party_of = {
        "muni": version.parties.get(role="municipality"),
        "vc": version.parties.get(role="programme"),
        "ag": version.parties.filter(role="agency").first()
        or version.parties.get(role="programme"),
    }
    for key, section, party, title, summary, year, dept, tags, status in rows:
        c = services.create_commitment(
            SYSTEM,
            version,
            services.CommitmentInput(
                party=party_of[party],
                section=version.sections.get(key=section),
                title=title,
                status=statuses[status],
                description=summary,
                planned_year=year,
                responsible_department=depts.get(dept),
                tags=tags,
                joint=party == "ag",
            ),
        )
        keys[key] = str(c.lineage)


@transaction.atomic
def load(stdout: Any) -> None:
    muni = Municipality.objects.get(code=KARLSTAD)
    contract, _ = Contract.objects.get_or_create(
        municipality=muni, defaults={"first_signed_year": 2023}
    )
    if contract.versions.exists():
        common_demo.load_2024(stdout)
        stdout.write("Contract: Karlstad's versions already loaded.")
        return
    v2023 = services.create_version(
        contract, 2023, parties=_parties(muni), section_texts=SECTION_TEXTS_2023
    )
    keys: dict[str, str] = {}
    _add(v2023, C2023, keys)
    services.sign_version(SYSTEM, v2023)
    # 2024 takes the year's common part (sections 4-8, the programme's and agencies'
    # commitments); 2023 keeps its own rows of them, as it was entered.
    common_demo.load_2024(stdout, keys)
    v2024 = services.start_next_version(SYSTEM, v2023)
    for section in v2024.sections.all():
        if is_locked_for_city(section.key):
            continue  # the common part's text
        if SECTION_TEXTS_2024.get(section.key, section.body) != section.body:
            services.update_section_text(SYSTEM, section, SECTION_TEXTS_2024[section.key])
    by_lineage = {str(c.lineage): c for c in v2024.commitments.all()}
    for key, field, value in CHANGES_2024:
        c = Commitment.objects.get(pk=by_lineage[keys[key]].pk)
        data = services.CommitmentInput.of(c, **{field: value})
        services.update_commitment(SYSTEM, c, data, expected_edit_version=c.edit_version)
    _add(v2024, C2024_NEW, keys)
    services.sign_version(SYSTEM, v2024)
    stdout.write("Contract: Karlstad 2023 and 2024 loaded and signed.")
