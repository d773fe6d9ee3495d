"""Karlstad's Klimatkontrakt 2030, versions 2023 and 2024, summarised in the project's own words.

Source: Karlstads kommun, Klimatkontrakt 2030 (2024 version). Titles and summaries are short
Swedish paraphrases written for this demo (the contract is a Swedish document: its content stays
Swedish in both interface languages), not quotations; statuses for 2024 are illustrative. The 2024
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
        "Kontraktet påskyndar svenska städers klimatomställning inom Agenda 2030 och "
        "stöder en hållbar återhämtning av ekonomin. Parterna åtar sig ett långsiktigt, ömsesidigt "
        "arbete."
    ),
    "goal": (
        "Kommunfullmäktiges mål: kommunens egen verksamhet är fossilfri 2026 och "
        "Karlstad som geografiskt område är klimatneutralt 2030. Målet omfattar hela "
        "kommunkoncernen, alla nämnder och stadskoncernens bolag."
    ),
    "organisation": (
        "Kommunfullmäktige fastställer mål och styrdokument; kommunstyrelsen leder, samordnar och "
        "följer upp; miljönämnden driver och samordnar det miljöstrategiska arbetet. "
        "Kommunfullmäktige har avsatt 110 mnkr för 2022–2025 till åtgärder som minskar "
        "klimatutsläppen."
    ),
    "contract": (
        "Parterna är överens om att dessa åtaganden gäller för året. Kontraktet revideras varje år."
    ),
}
SECTION_TEXTS_2024 = {
    **SECTION_TEXTS_2023,
    "strategy": (
        "En ny styrmodell för kommunkoncernen gäller från 2024, med de tre "
        "hållbarhetsdimensionerna genomgående och en målsamordnare med team för varje "
        "politiskt beslutat mål. Energi- och klimatplanen (2023), avfallsplanen 2024–2027, "
        "trafikplanen och dagvattenplanen styr arbetet."
    ),
    "organisation": SECTION_TEXTS_2023["organisation"]
    + (
        "\n\nProjektplanen Klimatneutrala Karlstad 2030 delar in arbetet i fyra arbetspaket: "
        "AP1 styrning och finansiering, AP2 mobilisering och samskapande, AP3 innovation och "
        "tjänsteutveckling, AP4 beteenden och kommunikation."
    ),
    "investment_plan": (
        "Klimatavtrycket från den kommunala organisationens alla inköp är grunden för en pilot "
        "av en klimatinvesteringsplan. Teknik- och fastighetsförvaltningen, omkring 60 % av "
        "organisationens utsläpp, är testbädd inför en plan för hela kommunen."
    ),
    "reporting": (
        "Kontraktet utvärderas varje år när det revideras och rapporteras till kommunstyrelsen: "
        "växthusgasutsläppen mot projektplanens effektmål, klimatmålets "
        "indikatorer och energi- och klimatplanens handlingsplan."
    ),
}

# (key, section, party, title, summary, planned year, department short name, tags, status 2023)
C2023: list[tuple[str, str, str, str, str, int, str, list[str], str]] = [
    (
        "ekp",
        "municipality",
        "muni",
        "Besluta om energi- och klimatplanen",
        "Anta koncernens första energi- och klimatplan med handlingsplan.",
        2023,
        "KLK",
        ["energi"],
        "done",
    ),
    (
        "governance",
        "strategy",
        "muni",
        "Besluta om en ny styrmodell",
        "En styrmodell för kommunkoncernen med högre miljöambitioner från 2024.",
        2023,
        "KLK",
        ["styrning"],
        "done",
    ),
    (
        "local_contracts",
        "collaboration",
        "muni",
        "Införa lokala klimatkontrakt",
        "Erbjuda klimatkontrakt till företag och organisationer inom Agenda 2030-protokollet.",
        2023,
        "KLK",
        ["engagemang"],
        "done",
    ),
    (
        "comms",
        "municipality",
        "muni",
        "Ta fram en kommunikationsstrategi för omställningen",
        "En kommunikationsstrategi för Karlstads klimatomställning.",
        2023,
        "KLK",
        ["kommunikation"],
        "done",
    ),
    (
        "training",
        "municipality",
        "muni",
        "Utveckla ett utbildningskoncept om klimat",
        "Ett utbildningskoncept om klimat och miljö för förtroendevalda.",
        2023,
        "MF",
        ["utbildning"],
        "done",
    ),
    (
        "footprint",
        "investment_plan",
        "muni",
        "Kartlägga klimatpåverkan från alla inköp",
        "Införa ett verktyg som beräknar utsläppen från kommunkoncernens alla inköp.",
        2023,
        "KLK",
        ["inköp", "klimatinvesteringsplan"],
        "done",
    ),
    (
        "pupils",
        "collaboration",
        "muni",
        "Starta ett elevborgarråd för klimatet",
        "Elever i årskurs 4–6 lämnar förslag för ett klimatsmart Karlstad.",
        2023,
        "BUF",
        ["engagemang", "unga"],
        "done",
    ),
    (
        "green_loans",
        "organisation",
        "muni",
        "Gå över till gröna lån",
        "Finansiera hållbara investeringar med gröna lån.",
        2023,
        "KLK",
        ["finansiering"],
        "done",
    ),
    (
        "traffic_plan",
        "mobility",
        "muni",
        "Revidera trafikplanen",
        "Uppdatera trafikplanen från 2014.",
        2023,
        "SBF",
        ["mobilitet"],
        "in_progress",
    ),
    (
        "digital_plan",
        "digital",
        "muni",
        "Ta fram en plan för digitalisering och innovation",
        "En plan för en smart och hållbar stad.",
        2023,
        "KLK",
        ["digitalisering"],
        "in_progress",
    ),
    (
        "transport_org",
        "mobility",
        "muni",
        "Utreda den interna transportorganisationen",
        "Hur koncernens egna resor och transporter kan bli fossilfria och kostnadseffektiva.",
        2023,
        "TFF",
        ["fordon", "fossilfri"],
        "in_progress",
    ),
    (
        "climate_fund",
        "organisation",
        "muni",
        "Besluta hur klimatfonden ska användas",
        "Utreda hur klimatfonden på 110 mnkr för 2022–2025 ger störst klimatnytta.",
        2023,
        "MF",
        ["finansiering", "klimatfond"],
        "in_progress",
    ),
    (
        "vc_coordination",
        "viable_cities",
        "vc",
        "Samordna Klimatkontrakt 2030",
        "En samordningsfunktion som utvecklar kontrakten med städer och myndigheter.",
        2023,
        "",
        ["samordning"],
        "in_progress",
    ),
    (
        "ag_policy",
        "agencies",
        "ag",
        "Smart policyutveckling",
        "Gemensamma workshoppar med städerna för att hitta regler som hindrar omställningen.",
        2023,
        "",
        ["policy"],
        "in_progress",
    ),
]

# Changes in 2024: (key, field, value) applied to carried-over commitments.
CHANGES_2024: list[tuple[str, str, Any]] = [
    ("digital_plan", "title", "Börja genomföra planen för digitalisering och innovation"),
    (
        "digital_plan",
        "description",
        "Genomföra planen för en smart och hållbar stad i linje med EU:s dubbla omställning.",
    ),
    ("digital_plan", "planned_year", 2024),
    ("traffic_plan", "title", "Revidera trafikplanen och cykelplanen"),
    ("traffic_plan", "planned_year", 2024),
    (
        "transport_org",
        "description",
        "Slutföra utredningen av den interna transportorganisationen och besluta om åtgärder.",
    ),
    ("transport_org", "planned_year", 2024),
    ("climate_fund", "planned_year", 2024),
]

C2024_NEW: list[tuple[str, str, str, str, str, int, str, list[str], str]] = [
    (
        "governance_apply",
        "municipality",
        "muni",
        "Arbeta enligt den nya styrmodellen",
        "Nya arbetssätt och strukturer nu när styrmodellen gäller.",
        2024,
        "KLK",
        ["styrning"],
        "in_progress",
    ),
    (
        "ekp_action",
        "municipality",
        "muni",
        "Genomföra energi- och klimatplanens handlingsplan",
        "Genomföra åtgärderna i den nyligen beslutade energi- och klimatplanen.",
        2024,
        "MF",
        ["energi"],
        "in_progress",
    ),
    (
        "comms_action",
        "municipality",
        "muni",
        "Genomföra kommunikationsstrategin",
        "Åtgärder ur kommunikationsstrategin för klimatomställningen.",
        2024,
        "KLK",
        ["kommunikation"],
        "planned",
    ),
    (
        "more_local",
        "municipality",
        "muni",
        "Fler lokala klimatkontrakt",
        "Öka antalet klimatkontrakt med invånare, företag och organisationer.",
        2024,
        "KLK",
        ["engagemang"],
        "in_progress",
    ),
    (
        "training_all",
        "municipality",
        "muni",
        "Utbilda förtroendevalda och medarbetare",
        "Utbildning i klimat och miljö enligt utbildningskonceptet.",
        2024,
        "MF",
        ["utbildning"],
        "in_progress",
    ),
    (
        "goal_clarify",
        "goal",
        "muni",
        "Förtydliga klimatmålet och koppla det till en koldioxidbudget",
        "Underlag och förslag om vad målen för 2030 och fossilfrihet innebär, med en uppdaterad "
        "koldioxidbudget.",
        2024,
        "MF",
        ["klimatbudget"],
        "in_progress",
    ),
    (
        "pilot_plan",
        "investment_plan",
        "muni",
        "Pröva en klimatinvesteringsplan som pilot",
        "En plan med kostnadsberäknade åtgärder för Teknik- och fastighetsförvaltningen, "
        "som sedan skalas upp.",
        2024,
        "TFF",
        ["klimatinvesteringsplan"],
        "in_progress",
    ),
    (
        "visualise",
        "digital",
        "muni",
        "Visa de konsumtionsbaserade utsläppen i staden",
        "En kampanj i staden och på webben om konsumtionsbaserade utsläpp.",
        2024,
        "KLK",
        ["kommunikation"],
        "planned",
    ),
    (
        "adaptation_network",
        "adaptation",
        "muni",
        "Starta om nätverket för klimatanpassning",
        "Det interna nätverket utvecklar anpassningsarbetet på strategisk nivå.",
        2024,
        "SBF",
        ["klimatanpassning"],
        "planned",
    ),
    (
        "mcr2030",
        "adaptation",
        "muni",
        "Gå med i Making Cities Resilient 2030",
        "Delta på den mest ambitiösa nivån och dela erfarenheter med andra städer.",
        2024,
        "KLK",
        ["klimatanpassning"],
        "planned",
    ),
    (
        "stradet",
        "mobility",
        "muni",
        "Bygga ut Karlstadsstråket",
        "Etapp 2 av Karlstadsstråket med stadsmiljöavtal.",
        2024,
        "TFF",
        ["mobilitet", "kollektivtrafik"],
        "in_progress",
    ),
    (
        "charging",
        "mobility",
        "muni",
        "Bygga laddplatser vid förvaltningens byggnader",
        "Laddinfrastruktur för koncernens egna fordon.",
        2024,
        "TFF",
        ["fordon", "laddning"],
        "in_progress",
    ),
    (
        "followup",
        "reporting",
        "muni",
        "Rapportera den årliga uppföljningen till kommunstyrelsen",
        "Utsläpp mot effektmålen, indikatorer och handlingsplanen.",
        2024,
        "KLK",
        ["uppföljning"],
        "planned",
    ),
]


def demo_parties(muni: Municipality) -> list[tuple[Organisation, str, str, str]]:
    """A city's parties to its contract: the municipality, the six agencies, Viable Cities."""
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
        contract, 2023, parties=demo_parties(muni), section_texts=SECTION_TEXTS_2023
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
