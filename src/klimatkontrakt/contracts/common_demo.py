"""The demo's common part of 2024, from the signed Klimatkontrakt 2030 (2024 version, as in
Karlstad's contract: sections 4-7 and 9 are the same in every contract city's contract).

Section texts are the opening paragraphs of those sections, quoted from the signed contract (a
public document); commitment titles are its subsection headings, each with the subsection's
first sentence. Which agency leads each of the agencies' joint commitments is not in the
contract: the leads here are example assignments, and the statuses are illustrative."""

from typing import Any

from klimatkontrakt.contracts import common_services as services
from klimatkontrakt.contracts.models import CommonPart
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Organisation

YEAR = 2024
SOURCE = "Klimatkontrakt 2030, version 2024 (Karlstads kommun), avsnitt 4–7 och 9"

TEXTS_2024 = {
    "viable_cities": (
        "Innovationsprogrammet Viable Cities genomförs i bred samverkan, för att bidra till att "
        "ställa om till klimatneutrala städer 2030 som en del i det svenska åtagandet att "
        "uppfylla mål i Agenda 2030 och Parisavtalet. I detta ingår att vara internationella "
        "föregångare i städers omställning.\n\n"
        "Inom ramen för den roll som Viable Cities har som strategiskt innovationsprogram kommer "
        "programmet att verka för följande:"
    ),
    "agencies": (
        "Myndigheterna åtar sig att samverka inom ramen för Klimatkontrakt 2030. Myndigheterna "
        "bidrar på så sätt till syftet med det missionsdrivna arbetet att ställa om till "
        "klimatneutrala städer 2030 med ett gott liv för alla inom planetens gränser.\n\n"
        "Myndigheterna åtar sig att fortsätta det gemensamma arbetet kring följande utveckling "
        "under 2024 för att stödja kommunernas klimatomställning:"
    ),
    "strategic_projects": (
        "De strategiska utvecklingsprojekten är viktiga acceleratorer för framväxten av ett "
        "ekosystem kring missionen om Klimatneutrala städer 2030 och utgör en gemensam "
        "plattform och arena för samverkan och lärande.\n\n"
        "Under 2024 kommer följande strategiska utvecklingsprojekt att bedrivas inom Viable "
        "Cities Transition Lab, med syfte att vid den kommande revideringen av Klimatkontrakt "
        "2030 kunna vidareutveckla innehållet i kontraktet."
    ),
    "joint_follow_up": (
        "Viable Cities och kommunen är överens om att genomföra en årlig uppföljning av "
        "kommunens resultat inom ramen för Klimatkontrakt 2030. Viable Cities tar fram underlag "
        "för en årlig uppföljning på kommunal och nationell nivå."
    ),
    "contract": (
        "Parterna är överens om att dessa gemensamma åtaganden, såsom de formuleras ovan, ska "
        "gälla för 2024. Den första versionen av Klimatkontrakt 2030 signerades 2020, den andra "
        "2021 och den tredje 2022. Klimatkontraktet ska uppdateras och förnyas inför varje nytt "
        "år."
    ),
}

# (key, section, owner slug, joint, title, first sentence, status). `key` names a 2023
# commitment of Karlstad's own rows that this one continues (same lineage), if any.
COMMITMENTS_2024: list[tuple[str, str, str, bool, str, str, str]] = [
    (
        "vc_coordination",
        "viable_cities",
        "viable-cities",
        False,
        "4.1 Samordning Klimatkontrakt 2030",
        "Viable Cities programkontor utvecklar därför en samordningsfunktion för Klimatkontrakt "
        "2030 i Sverige för att ytterligare stödja processen med klimatkontrakt där "
        "myndigheternas, kommunernas och övriga relevanta aktörers åtaganden utvecklas och "
        "vässas steg för steg.",
        "in_progress",
    ),
    (
        "",
        "viable_cities",
        "viable-cities",
        False,
        "4.2 Smart policyutveckling",
        "Viable Cities avser fortsatt vara en mobiliserande aktör kring policy och regelverk med "
        "tillhörande insatser inom smart policyutveckling.",
        "in_progress",
    ),
    (
        "",
        "viable_cities",
        "viable-cities",
        False,
        "4.3 Innovation",
        "Viable Cities avser utveckla sin roll som föregångare och intermediär (systemkopplare, "
        "mellanrumsledare, gränsgångare) för att stärka de koordinerande, mobiliserande och "
        "faciliterande insatserna i det framväxande ekosystemet för missionen om Klimatneutrala "
        "städer med ett gott liv för alla inom planetens gränser.",
        "in_progress",
    ),
    (
        "",
        "viable_cities",
        "viable-cities",
        False,
        "4.4 Samordnad finansiering",
        "Viable Cities kommer på följande sätt understödja kommuners behov av finansiering av "
        "klimatomställning och verka för samarbete och synergi mellan myndigheter och andra "
        "aktörer som finansierar klimatomställning och hållbar stadsutveckling.",
        "in_progress",
    ),
    (
        "",
        "viable_cities",
        "viable-cities",
        False,
        "4.5 Samspel med EUs mission klimatneutrala städer",
        "Viable Cities samverkar nära med de stödstrukturer som byggs upp kring EUs mission om "
        "klimatneutrala städer 2030 – såväl plattformen för genomförande av EUs mission, "
        "NetZeroCities som CapaCITIES, som syftar till att bygga nationella plattformar i fler "
        "länder, som partnerskapsprogrammet Driving Urban Transitions (DUT).",
        "in_progress",
    ),
    (
        "ag_policy",
        "agencies",
        "formas",
        True,
        "5.1 Smart policyutveckling",
        "Tillsammans med kommunerna samverkar myndigheterna för att identifiera och bidra till "
        "utvecklingen mot mer ändamålsenliga regelverk och andra styrmedel.",
        "in_progress",
    ),
    (
        "",
        "agencies",
        "vinnova",
        True,
        "5.2 Stöd till forskning, innovation och utveckling",
        "Myndigheterna finansierar insatser för forskning, innovation, utveckling och "
        "systeminnovation som stödjer en snabbare klimatomställning.",
        "in_progress",
    ),
    (
        "",
        "agencies",
        "formas",
        True,
        "5.3 Samordnande insatser kring finansiering",
        "Baserat på den innovationsprocess om metodutveckling för lokala portföljanalyser som "
        "genomfördes 2023 avser myndigheterna att under 2024 leverera sammanställda utdata från "
        "vissa av myndigheternas finansiering till samtliga 23 kommuner.",
        "planned",
    ),
    (
        "",
        "agencies",
        "vinnova",
        True,
        "5.4 Deltagande i europeiska initiativ för hållbara städer",
        "Myndigheterna ingår och arbetar med flera olika europeiska initiativ för att stödja "
        "utvecklingen av hållbara städer och samhällen.",
        "in_progress",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.1 Governance",
        "Utvecklingen inom governance för klimatomställning, både på lokal nivå och mellan "
        "lokal, nationell och även EU-nivå, är grundläggande för en bredare kraftsamling och "
        "effektivare systemförändringar.",
        "in_progress",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.2 Klimatinvesteringsplaner",
        "Klimatinvesteringsplaner är en central del i arbetet med en utvecklad governance.",
        "in_progress",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.3 Konkurrenskraft genom omställning",
        "En stark mobilisering för omställning till klimatneutralitet kan ge förutsättningar för "
        "företag i Sverige att utveckla nya affärsstrategier, och helt nya marknader, som i sin "
        "tur ger konkurrenskraft genom att driva en omställning till ett klimatneutralt och "
        "hållbart samhälle.",
        "planned",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.4 Medborgarengagemang",
        "Nuvarande samhällsutmaningar innebär att flera kriser sammanfaller med klimatkrisen.",
        "planned",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.5 Systemdemonstratorer",
        "Systemdemonstratorer för klimatneutrala städer är ett strategiskt utvecklingsprojekt "
        "inom Klimatkontrakt 2030.",
        "in_progress",
    ),
    (
        "",
        "strategic_projects",
        "viable-cities",
        False,
        "6.6 Mission klimatneutrala städer 2030 internationellt",
        "Under 2024 sker en fortsatt mobilisering och utveckling för att stärka kopplingen mellan "
        "det svenska och europeiska arbetet med missionen klimatneutrala städer 2030.",
        "in_progress",
    ),
]


def load_2024(stdout: Any, lineages: dict[str, str] | None = None) -> CommonPart:
    """The 2024 common part, fixed; `lineages` maps a key of COMMITMENTS_2024 to the lineage
    of the 2023 commitment it continues. Loaded once."""
    existing = CommonPart.objects.filter(year=YEAR).first()
    if existing is not None:
        return existing
    part = services.start_common_part(SYSTEM, YEAR)
    for section in part.sections.all():
        services.update_common_section(SYSTEM, section, TEXTS_2024.get(section.key, ""))
    owners = {o.slug: o for o in Organisation.objects.filter(kind__in=["programme", "agency"])}
    for key, section_key, owner, joint, title, text, status in COMMITMENTS_2024:
        c = services.create_common_commitment(
            SYSTEM,
            part,
            services.CommonCommitmentInput(
                section=part.sections.get(key=section_key),
                owner=owners[owner],
                title=title,
                status=status,
                description=text,
                planned_year=YEAR,
                joint=joint,
            ),
        )
        if key and lineages and key in lineages:
            # Continues Karlstad's 2023 row of the same commitment: the diff follows it.
            type(c).objects.filter(pk=c.pk).update(lineage=lineages[key])
    part = services.fix_common_part(SYSTEM, part)
    stdout.write(f"Common part {YEAR}: {len(COMMITMENTS_2024)} commitments, from {SOURCE}.")
    return part
