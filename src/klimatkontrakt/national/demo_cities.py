"""Three more contract cities with example contracts and follow-up: Malmö (large), Umeå
(medium) and Mariestad (small). EXAMPLE DATA, invented for the demo.

Nothing here is these cities' own: every text and title says it is example data ("Exempeldata",
"(exempel)"), the indicators and the investment plan are flagged `is_example`, the local
climate contract and its signatories too. Their territorial emissions are never invented: the
follow-up shows SMHI's figures, loaded by the emissions demo. The other contract cities get
nothing here, so they show their public figures and an empty follow-up.

For each city: a contract signed for 2023 and for 2024 (the 2024 version takes the year's common
part), the city's own commitments with statuses and its 7.2 "experiences to share", a published
action plan (a couple of actions overdue), indicators with values, an investment plan with
measures and funding, a local climate contract with a few signatories and a few citizen
proposals, and for one city the 2023 follow-up report (approved, published): what the
cross-city follow-up (national/followup.py) counts. Umeå also has a draft indicator it has shared
with the programme office and the agencies but not published (`SHARED_DRAFT`): the demo's
programme and agency users see it, marked "Delad, ej publicerad", on the follow-up and the
city's pages; the public does not. Everything is written through the apps'
services where one exists; running it again adds nothing (each part is skipped when it is
there).

It runs after the other apps' demos (`load_late` in national/demo.py, see the demo command).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal as D
from typing import Any

from django.db import transaction
from django.utils import timezone

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.contracts.demo import demo_parties
from klimatkontrakt.contracts.models import CommitmentStatus, Contract, ContractVersion
from klimatkontrakt.contracts.structure import is_locked_for_city
from klimatkontrakt.engagement.models import Channel, Proposal, Signatory
from klimatkontrakt.engagement.selectors import local_contracts as local_selectors
from klimatkontrakt.engagement.services import local_contract_signatories as signatories
from klimatkontrakt.engagement.services import local_contracts, proposals
from klimatkontrakt.engagement.services import proposal_intake as intake
from klimatkontrakt.indicators.demo import DemoIndicator, save_demo_indicator
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.investments import services as investments
from klimatkontrakt.investments.models import FundingSource, InvestmentPlan, Measure
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.sharing import Visibility, set_visibility
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionPlan, ActionStatus
from klimatkontrakt.reports.demo import load_demo_report

EXAMPLE_PROVENANCE = "Exempeldata (demo), inte uppmätta värden / example data, not measured"
PLAN_TITLE = "Handlingsplan för klimatomställningen (exempel)"
INVESTMENT_PLAN = "Klimatinvesteringsplan för kommunkoncernen (exempel)"
# A draft indicator one city shares with the programme office and the agencies before it
# publishes it: (city code, name, unit, direction, first value (2019), change per year, target).
SHARED_DRAFT = (
    "2480",
    "Publika laddpunkter per 1 000 invånare (exempel, utkast)",
    "st/1 000 inv",
    "up",
    1.2,
    0.4,
    6.0,
)
SHARED_DRAFT_DESCRIPTION = (
    "Exempeldata för demonstration: ett utkast som kommunen har delat med programkontoret och "
    "myndigheterna men ännu inte publicerat."
)
REPORT_YEAR = 2023  # the follow-up of 2024 counts the published report of the year before

# (section key, title, description, status key)
Row = tuple[str, str, str, str]
# (identifier, title, status key, progress, days since the latest update, end date in days
# from today or None). Every action gets an update; an end date in the past or an update older
# than the plan's interval (90 days) makes an open action overdue.
ActionRow = tuple[str, str, str, int, int, int | None]
# (name, unit, direction, first value (2019), change per year, target in 2030)
IndicatorRow = tuple[str, str, str, float, float, float]
# (name, sector, kind, start year, capex SEK, opex change SEK/year, t CO2e/year,
#  funding source, amount SEK, funding state)
MeasureRow = tuple[str, str, str, int, D, D, D, str, D, str]


@dataclass(frozen=True)
class DemoCity:
    code: str
    genitive: str  # "Malmös": "inte Malmös klimatkontrakt"
    goal: str
    organisation: str
    strategy: str
    commitments_2023: list[Row]  # the unfinished ones carry over to 2024
    commitments_2024: list[Row]
    experiences: str  # the city's own text of section 7 (7.2, experiences to share)
    finished_2024: str  # the title of a carried-over commitment that is done in 2024
    actions: list[ActionRow]
    indicators: list[IndicatorRow]
    baseline: list[tuple[str, D]]  # (purchase category, t CO2e in the base year)
    measures: list[MeasureRow]
    proposals: list[str]
    # An approved, published follow-up report of 2023 (the follow-up of 2024 counts it). One
    # city only: a report renders its charts in two languages, a few seconds per city, and the
    # demo is kept fast; the others show how a missing report reads.
    report: bool = False


def example(city: DemoCity, text: str) -> str:
    """A section text, labelled as the demo's invention."""
    return f"Exempeldata (demo), inte {city.genitive} verkliga klimatkontrakt. {text}"


PURPOSE = (
    "Kontraktet ska påskynda kommunens klimatomställning inom Agenda 2030. Parterna åtar sig "
    "ett långsiktigt och ömsesidigt arbete."
)
CONTRACT = "Parterna är överens om att åtagandena gäller för året. Kontraktet revideras varje år."

# Purchase categories of the investment plans (as the footprint's, so the pages name them).
_EL, _HEAT, _DIESEL, _PETROL, _BUILD = (
    "electricity",
    "district_heating",
    "diesel",
    "petrol",
    "construction_buildings",
)

CITIES = [
    DemoCity(
        code="1280",
        genitive="Malmös",
        goal=(
            "Ett exempel på klimatmål: staden är klimatneutral 2030 och den egna "
            "verksamheten fossilfri 2025."
        ),
        organisation=(
            "Ett exempel på organisation: kommunstyrelsen leder arbetet och ett klimatråd med "
            "förvaltningar och bolag samordnar det."
        ),
        strategy=(
            "Ett exempel på strategi: en färdplan med delmål för transporter, energi, bygg och "
            "konsumtion styr arbetet."
        ),
        commitments_2023=[
            (
                "goal",
                "Ta fram en färdplan mot klimatneutralitet 2030 (exempel)",
                "Exempeldata: en färdplan med delmål per sektor.",
                "done",
            ),
            (
                "collaboration",
                "Starta ett klimatpartnerskap med näringslivet (exempel)",
                "Exempeldata: ett partnerskap där företag gör egna klimatåtaganden.",
                "done",
            ),
            (
                "mobility",
                "Bygga ut cykelvägnätet i ytterområdena (exempel)",
                "Exempeldata: nya cykelstråk mellan stadsdelarna och centrum.",
                "in_progress",
            ),
            (
                "investment_plan",
                "Pröva en klimatinvesteringsplan för stadens fastigheter (exempel)",
                "Exempeldata: kostnadsberäknade åtgärder för fastighetsbeståndet.",
                "in_progress",
            ),
        ],
        commitments_2024=[
            (
                "adaptation",
                "Ta fram en skyfallsplan för tre stadsdelar (exempel)",
                "Exempeldata: åtgärder mot översvämning vid skyfall.",
                "planned",
            ),
            (
                "digital",
                "Öppna data om stadens energianvändning (exempel)",
                "Exempeldata: energidata för stadens lokaler som öppna data.",
                "in_progress",
            ),
            (
                "innovation",
                "Testbädd för fossilfria byggarbetsplatser (exempel)",
                "Exempeldata: en testbädd tillsammans med byggföretag.",
                "postponed",
            ),
            (
                "reporting",
                "Följa upp färdplanen årligen i kommunstyrelsen (exempel)",
                "Exempeldata: utsläpp, indikatorer och åtgärder rapporteras varje år.",
                "planned",
            ),
        ],
        experiences=(
            "Erfarenheter att dela: klimatpartnerskapet med näringslivet fick fler "
            "deltagare när företagen själva valde sina åtaganden ur en gemensam katalog."
        ),
        finished_2024="Bygga ut cykelvägnätet i ytterområdena (exempel)",
        actions=[
            ("A1", "Bygga cykelstråk Östra ringen (exempel)", "in_progress", 60, 20, 200),
            ("A2", "Byta belysning i skolor till LED (exempel)", "done", 100, 30, None),
            (
                "A3",
                "Fossilfria arbetsmaskiner i parkförvaltningen (exempel)",
                "in_progress",
                40,
                15,
                -45,
            ),
            ("A4", "Solceller på tio förskolor (exempel)", "in_progress", 25, 210, 400),
            ("A5", "Klimatkrav i livsmedelsupphandlingen (exempel)", "not_started", 0, 10, 300),
            ("A6", "Laddplatser vid stadens arbetsplatser (exempel)", "in_progress", 50, 40, 250),
            ("A7", "Utbildning i klimatsmart planering (exempel)", "postponed", 10, 60, None),
            (
                "A8",
                "Kartlägga skyfallsrisker i tre stadsdelar (exempel)",
                "in_progress",
                70,
                25,
                120,
            ),
        ],  # fmt: skip
        indicators=[
            ("Andel förnybar el i stadens verksamheter (exempel)", "%", "up", 62, 5, 100),
            ("Resor med kollektivtrafik, cykel och gång, andel (exempel)", "%", "up", 58, 1, 75),
            ("Energianvändning i stadens lokaler (exempel)", "kWh/m²", "down", 160, -3, 120),
            ("Elbilar, andel av nya personbilar (exempel)", "%", "up", 12, 7, 80),
        ],
        baseline=[(_HEAT, D("9000")), (_DIESEL, D("4000")), (_BUILD, D("20000"))],
        measures=[
            (
                "Energieffektivisering i stadens fastigheter (exempel)",
                _HEAT,
                "investment",
                2025,
                D("40000000"),
                D("-3000000"),
                D("900"),
                "Investeringsbudget (exempel)",
                D("40000000"),
                "granted",
            ),
            (
                "Fossilfria arbetsmaskiner (exempel)",
                _DIESEL,
                "investment",
                2025,
                D("12000000"),
                D("800000"),
                D("1500"),
                "Klimatklivet (exempel)",
                D("6000000"),
                "applied",
            ),
            (
                "Klimatförbättrad betong i nybyggnation (exempel)",
                _BUILD,
                "policy",
                2026,
                D("0"),
                D("2500000"),
                D("2500"),
                "Investeringsbudget (exempel)",
                D("2500000"),
                "planned",
            ),
        ],  # fmt: skip
        proposals=[
            "Fler cykelparkeringar vid stationerna (exempel)",
            "Solceller på stadens idrottshallar (exempel)",
            "Mer vegetarisk mat i skolorna (exempel)",
            "Fler träd längs de stora gatorna (exempel)",
        ],
    ),
    DemoCity(
        code="2480",
        genitive="Umeås",
        goal=(
            "Ett exempel på klimatmål: kommunen som geografiskt område är klimatneutral 2030 "
            "och utsläppen från konsumtionen halveras."
        ),
        organisation=(
            "Ett exempel på organisation: ett klimatsekretariat på kommunledningskontoret "
            "samordnar förvaltningar och bolag."
        ),
        strategy=(
            "Ett exempel på strategi: en klimatstrategi med åtgärder för energi, mobilitet och "
            "konsumtion."
        ),
        commitments_2023=[
            (
                "strategy",
                "Anta en klimatstrategi för kommunkoncernen (exempel)",
                "Exempeldata: strategin och dess åtgärdsplan beslutas i fullmäktige.",
                "done",
            ),
            (
                "mobility",
                "Elektrifiera stadsbussarna (exempel)",
                "Exempeldata: alla stadsbussar är eldrivna.",
                "in_progress",
            ),
            (
                "collaboration",
                "Bjuda in företag till lokala klimatkontrakt (exempel)",
                "Exempeldata: företag och föreningar skriver under egna åtaganden.",
                "in_progress",
            ),
        ],
        commitments_2024=[
            (
                "investment_plan",
                "Ta fram en klimatinvesteringsplan (exempel)",
                "Exempeldata: kostnadsberäknade åtgärder och deras finansiering.",
                "in_progress",
            ),
            (
                "adaptation",
                "Klimatanpassa dagvattenhanteringen i centrum (exempel)",
                "Exempeldata: gröna lösningar för dagvatten.",
                "planned",
            ),
            (
                "reporting",
                "Rapportera klimatstrategins uppföljning varje år (exempel)",
                "Exempeldata: en årlig rapport till kommunstyrelsen.",
                "planned",
            ),
        ],
        experiences=(
            "Erfarenheter att dela: elektrifieringen av stadsbussarna gick snabbare när "
            "laddningen planerades tillsammans med energibolaget från början."
        ),
        finished_2024="Elektrifiera stadsbussarna (exempel)",
        actions=[
            ("1.1", "Laddinfrastruktur i bussdepån (exempel)", "done", 100, 50, None),
            ("1.2", "Upphandla eldrivna stadsbussar (exempel)", "in_progress", 70, 30, 150),
            (
                "2.1",
                "Energikartläggning av kommunens lokaler (exempel)",
                "in_progress",
                45,
                190,
                300,
            ),
            ("2.2", "Solcellspark på kommunal mark (exempel)", "not_started", 0, 20, 500),
            ("3.1", "Kampanj för hållbar konsumtion (exempel)", "in_progress", 30, 10, -20),
            ("3.2", "Återbruksgalleria i centrum (exempel)", "in_progress", 55, 35, 200),
            ("4.1", "Gröna dagvattenlösningar i centrum (exempel)", "not_started", 0, 15, 600),
        ],  # fmt: skip
        indicators=[
            ("Andel eldrivna stadsbussar (exempel)", "%", "up", 20, 12, 100),
            ("Förnybar energi i kommunens lokaler, andel (exempel)", "%", "up", 70, 3, 100),
            ("Hushållsavfall per invånare (exempel)", "kg/inv", "down", 450, -6, 380),
        ],
        baseline=[(_DIESEL, D("3000")), (_EL, D("600")), (_PETROL, D("900"))],
        measures=[
            (
                "Eldrivna stadsbussar (exempel)",
                _DIESEL,
                "investment",
                2025,
                D("30000000"),
                D("-1500000"),
                D("1800"),
                "Klimatklivet (exempel)",
                D("15000000"),
                "granted",
            ),
            (
                "Solcellspark på kommunal mark (exempel)",
                _EL,
                "investment",
                2026,
                D("9000000"),
                D("-600000"),
                D("60"),
                "Investeringsbudget (exempel)",
                D("9000000"),
                "planned",
            ),
            (
                "Elbilar i hemtjänsten (exempel)",
                _PETROL,
                "investment",
                2025,
                D("5000000"),
                D("-300000"),
                D("120"),
                "Investeringsbudget (exempel)",
                D("5000000"),
                "paid",
            ),
        ],  # fmt: skip
        proposals=[
            "Vinterväghållning av cykelvägar först (exempel)",
            "Lånecyklar vid universitetet (exempel)",
            "Fler laddstolpar i bostadsområdena (exempel)",
        ],
    ),
    DemoCity(
        code="1493",
        genitive="Mariestads",
        goal=(
            "Ett exempel på klimatmål: kommunen är klimatneutral 2030 och kommunens "
            "fordon är fossilfria 2027."
        ),
        organisation=(
            "Ett exempel på organisation: en klimatsamordnare på kommunledningen leder en "
            "arbetsgrupp med förvaltningarna."
        ),
        strategy=(
            "Ett exempel på strategi: ett klimatprogram med åtgärder för transporter, "
            "energi och lantbruk."
        ),
        commitments_2023=[
            (
                "goal",
                "Besluta om ett klimatprogram (exempel)",
                "Exempeldata: ett klimatprogram med mål och åtgärder.",
                "done",
            ),
            (
                "mobility",
                "Fossilfria fordon i kommunens verksamheter (exempel)",
                "Exempeldata: kommunens bilar och arbetsmaskiner byts till fossilfria.",
                "in_progress",
            ),
            (
                "collaboration",
                "Klimatdialog med lantbruket (exempel)",
                "Exempeldata: träffar med lantbrukare om utsläpp och kolinlagring.",
                "planned",
            ),
        ],
        commitments_2024=[
            (
                "adaptation",
                "Kartlägga översvämningsrisker vid Vänern (exempel)",
                "Exempeldata: en riskkartläggning för strandnära områden.",
                "in_progress",
            ),
            (
                "digital",
                "Digital uppföljning av kommunens energianvändning (exempel)",
                "Exempeldata: mätdata från kommunens lokaler samlas på ett ställe.",
                "in_progress",
            ),
            (
                "investment_plan",
                "Ta fram en klimatinvesteringsplan (exempel)",
                "Exempeldata: kostnadsberäknade åtgärder för kommunens verksamheter.",
                "planned",
            ),
            (
                "reporting",
                "Följa upp klimatprogrammet i kommunstyrelsen (exempel)",
                "Exempeldata: en årlig uppföljning av mål och åtgärder.",
                "planned",
            ),
        ],
        experiences=(
            "Erfarenheter att dela: en liten kommun kommer långt genom att samordna "
            "upphandlingen av fossilfria fordon med grannkommunerna."
        ),
        finished_2024="Klimatdialog med lantbruket (exempel)",
        actions=[
            ("K1", "Byta kommunens personbilar till elbilar (exempel)", "in_progress", 50, 30, 300),
            ("K2", "HVO i arbetsmaskinerna (exempel)", "done", 100, 40, None),
            ("K3", "Solceller på kommunhuset (exempel)", "in_progress", 80, 20, -30),
            ("K4", "Klimatdialog med lantbrukare (exempel)", "not_started", 0, 15, 400),
            ("K5", "Energieffektivisera simhallen (exempel)", "in_progress", 35, 180, 200),
            ("K6", "Cykelväg till industriområdet (exempel)", "cancelled", 10, 60, None),
        ],  # fmt: skip
        indicators=[
            ("Fossilfria fordon i kommunens verksamheter, andel (exempel)", "%", "up", 25, 9, 100),
            ("Installerad solcellseffekt i kommunens lokaler (exempel)", "kW", "up", 40, 30, 400),
            ("Energianvändning i kommunens lokaler (exempel)", "kWh/m²", "down", 180, -2, 140),
        ],
        baseline=[(_PETROL, D("300")), (_DIESEL, D("500")), (_EL, D("150"))],
        measures=[
            (
                "Elbilar i kommunens fordonsflotta (exempel)",
                _PETROL,
                "investment",
                2025,
                D("3000000"),
                D("-200000"),
                D("90"),
                "Investeringsbudget (exempel)",
                D("3000000"),
                "granted",
            ),
            (
                "HVO i arbetsmaskinerna (exempel)",
                _DIESEL,
                "policy",
                2025,
                D("0"),
                D("250000"),
                D("300"),
                "Driftbudget (exempel)",
                D("250000"),
                "paid",
            ),
            (
                "Solceller på kommunhuset (exempel)",
                _EL,
                "investment",
                2025,
                D("1500000"),
                D("-100000"),
                D("10"),
                "Klimatklivet (exempel)",
                D("750000"),
                "applied",
            ),
        ],  # fmt: skip
        proposals=[
            "Laddstolpar i hamnen (exempel)",
            "Samåkningstjänst till jobbet (exempel)",
            "Mer närproducerad mat i skolorna (exempel)",
        ],
        report=True,
    ),
]

CODES = [c.code for c in CITIES]


def _status(muni: Municipality, key: str) -> CommitmentStatus:
    return CommitmentStatus.objects.get(municipality=muni, key=key)


def _commitments(version: ContractVersion, rows: list[Row], year: int) -> None:
    muni = version.contract.municipality
    party = version.parties.get(role="municipality")
    for section, title, description, status in rows:
        contracts.create_commitment(
            SYSTEM,
            version,
            contracts.CommitmentInput(
                party=party,
                section=version.sections.get(key=section),
                title=title,
                status=_status(muni, status),
                description=description,
                planned_year=year,
                tags=["exempel"],
            ),
        )


def _contract(city: DemoCity, muni: Municipality) -> bool:
    """Signed versions for 2023 and 2024 (the 2024 one takes the common part); False when the
    city has versions already."""
    contract, _ = Contract.objects.get_or_create(
        municipality=muni, defaults={"first_signed_year": 2023}
    )
    if contract.versions.exists():
        return False
    texts = {
        "purpose": example(city, PURPOSE),
        "goal": example(city, city.goal),
        "organisation": example(city, city.organisation),
        "contract": example(city, CONTRACT),
    }
    v2023 = contracts.create_version(
        contract, 2023, parties=demo_parties(muni), section_texts=texts
    )
    _commitments(v2023, city.commitments_2023, 2023)
    contracts.sign_version(SYSTEM, v2023)
    v2024 = contracts.start_next_version(SYSTEM, v2023)
    texts_2024 = {
        **texts,
        "strategy": example(city, city.strategy),
        "joint_follow_up": example(city, city.experiences),
    }
    for section in v2024.sections.all():
        text = texts_2024.get(section.key)
        if text is not None and not is_locked_for_city(section.key) and text != section.body:
            contracts.update_section_text(SYSTEM, section, text)
    done = v2024.commitments.get(title=city.finished_2024)
    contracts.update_commitment(
        SYSTEM,
        done,
        contracts.CommitmentInput.of(done, status=_status(muni, "done")),
        expected_edit_version=done.edit_version,
    )
    _commitments(v2024, city.commitments_2024, 2024)
    contracts.sign_version(SYSTEM, v2024)
    return True


def _action_plan(city: DemoCity, muni: Municipality) -> None:
    if ActionPlan.objects.filter(municipality=muni, title=PLAN_TITLE).exists():
        return
    plan = plans.create_plan(
        SYSTEM,
        muni,
        kind=ActionPlan.Kind.OTHER,
        title=PLAN_TITLE,
        owner_name="Exempel: klimatstrateg, kommunledningen",
        update_interval_days=90,
        start_year=2024,
        end_year=2030,
        is_published=True,
    )
    statuses = {s.key: s for s in ActionStatus.objects.filter(municipality=muni)}
    now = timezone.now()
    today = timezone.localdate()
    for identifier, title, status, progress, days, end in city.actions:
        action = plans.create_action(
            SYSTEM,
            plan,
            plans.ActionInput(
                identifier=identifier,
                title=title,
                description=f"Exempeldata (demo), inte {city.genitive} verkliga åtgärd.",
                contact_name="Exempel Kontaktperson",
                contact_email="kontakt@example.org",
                start_date=today - timedelta(days=240),
                end_date=None if end is None else today + timedelta(days=end),
            ),
        )
        # Backdated, as in Karlstad's demo: the plan has been followed for some months.
        Action.objects.filter(pk=action.pk).update(created_at=now - timedelta(days=240))
        plans.record_update(
            SYSTEM,
            action,
            status=statuses[status],
            progress=progress,
            text=f"Exempel på statusuppdatering ({progress} %).",
            at=now - timedelta(days=days),
        )


def _indicators(city: DemoCity, muni: Municipality) -> None:
    for name, unit, direction, first, step, target in city.indicators:
        if Indicator.objects.filter(municipality=muni, name=name).exists():
            continue
        save_demo_indicator(
            muni,
            DemoIndicator(
                name=name,
                unit=unit,
                direction=direction,
                source_kind=Indicator.SourceKind.MANUAL,
                description="Exempeldata för demonstration.",
                values={2019 + i: round(first + step * i, 1) for i in range(6)},
                targets={2030: target},
                target_note="Exempel",
                provenance=EXAMPLE_PROVENANCE,
                is_example=True,
            ),
        )


def _shared_draft(muni: Municipality) -> None:
    """The draft indicator of `SHARED_DRAFT`: shared with the programme, not published."""
    code, name, unit, direction, first, step, target = SHARED_DRAFT
    if muni.code != code or Indicator.objects.filter(municipality=muni, name=name).exists():
        return
    indicator = save_demo_indicator(
        muni,
        DemoIndicator(
            name=name,
            unit=unit,
            direction=direction,
            source_kind=Indicator.SourceKind.MANUAL,
            description=SHARED_DRAFT_DESCRIPTION,
            values={2019 + i: round(first + step * i, 1) for i in range(6)},
            targets={2030: target},
            target_note="Exempel",
            provenance=EXAMPLE_PROVENANCE,
            is_example=True,
        ),
    )
    set_visibility(SYSTEM, muni, "indicator", indicator.pk, Visibility.SHARED)


def _investment_plan(city: DemoCity, muni: Municipality) -> None:
    if InvestmentPlan.objects.filter(municipality=muni, name=INVESTMENT_PLAN).exists():
        return
    plan = investments.create_plan(
        SYSTEM,
        muni,
        name=INVESTMENT_PLAN,
        description=(
            f"Exempelsiffror (demo), inte {city.genitive} uppgifter: en plan för de egna "
            "verksamheternas utsläpp med några åtgärder och deras finansiering."
        ),
        scope=InvestmentPlan.Scope.GROUP,
        base_year=2025,
        end_year=2030,
        is_example=True,
        is_published=True,
    )
    for sector, base_t in city.baseline:
        investments.set_baseline(SYSTEM, plan, sector, base_t, D("-0.02"), "Exempelsiffror")
    sources: dict[str, FundingSource] = {}
    for name, sector, kind, start, capex, opex, t, source, amount, state in city.measures:
        if source not in sources:
            source_kind = "klimatklivet" if source.startswith("Klimatklivet") else "own_budget"
            sources[source] = FundingSource.objects.filter(
                municipality=muni, name=source
            ).first() or investments.add_funding_source(
                SYSTEM,
                FundingSource(
                    municipality=muni, kind=source_kind, name=source, source_note="Exempel"
                ),
            )
        measure = investments.save_measure(
            SYSTEM,
            Measure(
                plan=plan,
                name=name,
                description="Exempelsiffror (demo).",
                sector=sector,
                kind=kind,
                status=Measure.Status.DECIDED if start == 2025 else Measure.Status.PROPOSED,
                start_year=start,
                ramp_up_years=1,
                lifetime_years=15,
                capex_sek=capex,
                opex_change_sek_per_year=opex,
                reduction_t_per_year=t,
            ),
        )
        investments.add_funding(SYSTEM, measure, sources[source], amount, start, state)


def _local_contract(city: DemoCity, muni: Municipality) -> None:
    """A published local climate contract (example) and three residents who signed it."""
    contract = local_contracts.contract_of(muni)
    if contract.signatories.exists():
        return
    contract.is_example = True
    contract.save(update_fields=["is_example"])
    if local_selectors.published_version(contract) is None:
        version = local_contracts.create_version(
            SYSTEM,
            muni,
            title="Exempel: Lokalt klimatkontrakt",
            text=(
                f"Exempeldata (demo), inte {city.genitive} verkliga lokala klimatkontrakt. "
                "Invånare, företag och organisationer väljer minst tre klimatåtaganden och "
                "rapporterar varje år."
            ),
        )
        local_contracts.publish_version(SYSTEM, version)
    pledges = [
        ("Cykla till jobbet (exempel)", "Transporter", "resa per vecka"),
        ("Sänk inomhustemperaturen en grad (exempel)",
         "Egen uppvärmning av bostäder och lokaler", "bostad"),
        ("Halvera matsvinnet (exempel)", "Avfall (inkl.avlopp)", "kg svinn"),
    ]  # fmt: skip
    for i in range(3):
        signatory = signatories.sign_up(
            contract,
            signatories.SignUpInput(
                kind=Signatory.Kind.RESIDENT,
                pledges=[
                    signatories.PledgeInput(
                        title=title,
                        sector=sector,
                        unit=unit,
                        baseline_year=2023,
                        baseline_value=D(10 + i),
                        target_value=D(2 + i),
                        target_year=2030,
                    )
                    for title, sector, unit in pledges
                ],
            ),
        )
        Signatory.objects.filter(pk=signatory.pk).update(is_example=True)
        local_contracts.decide(SYSTEM, signatory, approve=True)


def _proposals(city: DemoCity, muni: Municipality) -> None:
    if Proposal.objects.filter(municipality=muni, text__in=city.proposals).exists():
        return
    ids = [
        intake.record_proposal(
            SYSTEM, muni, intake.ProposalInput(channel=Channel.CITIZEN, text=text)
        ).pk
        for text in city.proposals
    ]
    proposals.publish_many(SYSTEM, muni, ids)


@transaction.atomic
def load_city(city: DemoCity) -> Municipality:
    muni = Municipality.objects.get(code=city.code)
    _contract(city, muni)
    _action_plan(city, muni)
    _indicators(city, muni)
    _shared_draft(muni)
    _investment_plan(city, muni)
    _local_contract(city, muni)
    _proposals(city, muni)
    if city.report:
        load_demo_report(muni.code, REPORT_YEAR)
    return muni


def load(stdout: Any) -> None:
    names = [load_city(city).display_name for city in CITIES]
    stdout.write(
        f"Example contract cities: {', '.join(names)} (contracts 2023 and 2024, commitments, "
        "action plans, indicators, investment plans and follow-up: example data, labelled)."
    )
