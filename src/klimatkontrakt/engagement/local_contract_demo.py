"""Demo local climate contract for Karlstad: ten standard pledges, twenty invented companies and
organisations (names say "Exempel", addresses at example.org, organisation numbers in the
series 00…, which no real organisation has) with pledges and one year of reports. The default
reductions per unit are illustrative round figures, labelled as such, not real factors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from klimatkontrakt.engagement.models import Pledge, PledgeReport, Signatory
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources.orgnumber import luhn_control_digit, normalise_org_number

EXAMPLE_SOURCE = "Exempelvärde för demon, inte en verklig faktor"
TEXT = (
    "Exempel: Karlstads lokala klimatkontrakt är en överenskommelse mellan kommunen och företag, "
    "organisationer och invånare som vill bidra till ett klimatneutralt Karlstad 2030.\n\n"
    "Den som skriver under väljer minst tre klimatutmaningar ur katalogen eller egna åtaganden, "
    "eller följer en färdplan för sin bransch, och rapporterar varje år hur det har gått."
)
# title, sector, unit, default t CO2e per unit (None: the signatory estimates the tonnes)
CATALOGUE = [
    ("Byt tjänstebilarna till elbilar", "Transporter", "bil", Decimal("1.2")),
    ("Erbjud personalen cykelförmån", "Transporter", "anställd", Decimal("0.15")),
    ("Samordna godsleveranserna", "Transporter", "leverans per vecka", None),
    (
        "Byt oljepanna mot värmepump",
        "Egen uppvärmning av bostäder och lokaler",
        "panna",
        Decimal("8"),
    ),
    ("Sänk inomhustemperaturen en grad", "Egen uppvärmning av bostäder och lokaler", "lokal", None),
    ("Köp förnybar el och fjärrvärme", "El och fjärrvärme", "MWh", Decimal("0.01")),
    ("Fossilfria arbetsmaskiner", "Arbetsmaskiner", "maskin", Decimal("3")),
    ("Halvera matsvinnet", "Avfall (inkl.avlopp)", "ton svinn", Decimal("0.5")),
    ("Sortera ut allt plastavfall", "Avfall (inkl.avlopp)", "ton plast", Decimal("2")),
    ("Fossilfria processer i produktionen", "Industri (energi + processer)", "linje", None),
]
ORGANISATIONS = [
    "Exempel Bygg AB", "Exempel Åkeri AB", "Exempel Fastigheter AB", "Exempel Café & Bageri",
    "Exempel Idrottsförening", "Exempel Konsult AB", "Exempel Verkstad AB", "Exempel Handel AB",
    "Exempel Bostadsrättsförening Solen", "Exempel Tryckeri AB", "Exempel Hotell AB",
    "Exempel Transport AB", "Exempel Livsmedel AB", "Exempel Skola (fristående)",
    "Exempel Energi AB", "Exempel Mekaniska AB", "Exempel Restaurang AB",
    "Exempel Friluftsförening", "Exempel IT AB", "Exempel Trädgård AB",
]  # fmt: skip
SIZES = ["1-9", "10-49", "50-249", "250+"]
STATUSES = ["done", "started", "started", "not_started"]


def _org_number(i: int) -> str:
    first = f"0012{i:05d}"
    return f"{first[:6]}-{first[6:]}{luhn_control_digit(first)}"


def _catalogue(muni: Municipality) -> list[Any]:
    contract = services.contract_of(muni)
    existing = {p.title: p for p in selectors.catalogue(contract, active_only=False)}
    out = []
    for title, sector, unit, factor in CATALOGUE:
        if title in existing:
            out.append(existing[title])
            continue
        data = services.StandardPledgeInput(
            title=title,
            sector=sector,
            unit=unit,
            default_t_per_unit=factor,
            default_source=EXAMPLE_SOURCE if factor is not None else "",
        )
        out.append(services.save_standard_pledge(SYSTEM, muni, data))
    return out


def load_demo_local_contract(code: str = KARLSTAD) -> int:
    """The demo contract once; returns the number of signatories added (0 on a second run)."""
    muni = Municipality.objects.filter(code=code).first()
    if muni is None:
        return 0
    contract = services.contract_of(muni)
    if contract.signatories.exists():
        return 0
    contract.is_example = True
    contract.save(update_fields=["is_example"])
    if selectors.published_version(contract) is None:
        version = services.create_version(
            SYSTEM, muni, title="Exempel: Lokalt klimatkontrakt för Karlstad", text=TEXT
        )
        services.publish_version(SYSTEM, version)
    catalogue = _catalogue(muni)
    year = timezone.now().year - 1
    signed = timezone.make_aware(datetime(2023, 6, 1))
    for i, name in enumerate(ORGANISATIONS):
        chosen = [catalogue[(i + k) % len(catalogue)] for k in range(3)]
        s = Signatory.objects.create(
            contract=contract,
            kind=Signatory.Kind.ORGANISATION,
            name=name,
            org_number=normalise_org_number(_org_number(i + 1)),
            org_sector=Signatory.OrgSector.NON_PROFIT
            if "förening" in name.lower()
            else Signatory.OrgSector.BUSINESS,
            size=SIZES[i % len(SIZES)],
            contact_name=f"Exempel Kontaktperson {i + 1}",
            contact_email=f"kontakt{i + 1}@example.org",
            consent_to_publish=i % 5 != 4,
            consent_at=signed if i % 5 != 4 else None,
            state=Signatory.State.CONFIRMED,
            confirmed_at=signed,
            is_example=True,
        )
        for p in chosen:
            Pledge.objects.create(
                signatory=s,
                standard=p,
                title=p.title,
                sector=p.sector,
                unit=p.unit,
                baseline_year=2022,
                baseline_value=Decimal(10 + i),
                target_value=Decimal(2 + i % 3),
                target_year=2030,
            )
        services.decide(SYSTEM, s, approve=True)
        Signatory.objects.filter(pk=s.pk).update(decided_at=signed)
        if i >= 17:  # a few have not reported yet: the editor's list shows them
            continue
        for k, pledge in enumerate(s.pledges.select_related("standard")):
            status = STATUSES[(i + k) % len(STATUSES)]
            factor = pledge.standard.default_t_per_unit if pledge.standard else None
            quantity = Decimal(1 + (i + k) % 4) if status != "not_started" and factor else None
            reported = Decimal("4.5") if status != "not_started" and factor is None else None
            estimated = quantity * factor if quantity is not None and factor else reported
            PledgeReport.objects.create(
                pledge=pledge,
                year=year,
                status=status,
                what_was_done="" if status == "not_started" else "Exempel: arbetet har påbörjats.",
                quantity=quantity,
                reported_t=reported,
                estimated_t=estimated,
                from_default=quantity is not None,
            )
    services.refresh_signatory_indicator(muni)
    return len(ORGANISATIONS)
