"""The Karlstad demo pilot plan for Teknik- och fastighetsförvaltningen. EXAMPLE FIGURES.

Every number below is an invented example chosen to be of a plausible size, not Karlstad's
data; the plan is flagged `is_example` and every page says so. The one fact is the climate
fund: the municipal council allotted 110 million SEK for 2022–2025 to cut emissions
(Karlstad's Klimatkontrakt 2030, 2024 version, section 3.3).
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from klimatkontrakt.calc.measures import activity_reduction_t
from klimatkontrakt.investments.models import (
    BaselineSector,
    CoBenefit,
    Funding,
    FundingSource,
    InvestmentPlan,
    Measure,
)
from klimatkontrakt.organisations.demo import KARLSTAD
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.organisations.services import ensure_department

PLAN_NAME = "Pilot: Teknik- och fastighetsförvaltningen"
DEPARTMENT = ("Teknik- och fastighetsförvaltningen", "TFF")
EXAMPLE = "Exempelsiffror (demo), inte Karlstads kommuns uppgifter"

PLAN = {
    "description": (
        "Pilotversion av klimatinvesteringsplanen för den förvaltning som står för merparten "
        "av kommunorganisationens utsläpp. Alla siffror är exempel."
    ),
    "discount_rate": D("0.035"),
    "base_year": 2025,
    "end_year": 2030,
    "budget_total_t": D("76000"),
    "budget_source": EXAMPLE,
    "goal_year": 2030,
    "goal_level_t": D("8000"),
    "capital_limit_sek_per_year": D("40000000"),
    "is_example": True,
    "is_published": True,
}

# Sectors are the footprint's purchase categories, so the measures act on the same sectors
# whether BAU comes from the footprint demo (when it is loaded) or from this entered baseline.
# (sector, emissions in 2025 in t CO2e, yearly trend)
BASELINE = [
    ("construction_buildings", D("7000"), D("0")),
    ("construction_civil", D("2000"), D("0")),
    ("electricity", D("500"), D("-0.03")),
    ("district_heating", D("1000"), D("-0.03")),
    ("diesel", D("1800"), D("-0.02")),
    ("petrol", D("1100"), D("-0.02")),
    ("Övriga inköp", D("3000"), D("0")),
]

_B, _C, _EL, _H, _D, _P = (
    "construction_buildings",
    "construction_civil",
    "electricity",
    "district_heating",
    "diesel",
    "petrol",
)

# name, sector, category, kind, start, ramp, life, capex, opex/yr, t/yr (low, central, high)
MEASURES = [
    ("Klimatförbättrad betong i nybyggnation", _B, "stomme", "policy", 2025, 2, 6,
     D("0"), D("1500000"), (D("900"), D("1500"), D("1800"))),
    ("Trästomme i nya skolor och förskolor", _B, "stomme", "investment", 2026, 2, 6,
     D("8000000"), D("0"), (D("400"), D("700"), D("900"))),
    ("Återbruk av byggmaterial", _B, "material", "behaviour", 2025, 1, 6,
     D("1000000"), D("-200000"), (D("150"), D("300"), D("400"))),
    ("Återvunnen asfalt och fossilfri beläggning", _C, "beläggning", "policy", 2026, 1, 5,
     D("2000000"), D("300000"), (D("250"), D("400"), D("500"))),
    ("Solceller på kommunala tak", _EL, "el", "investment", 2025, 2, 30,
     D("12000000"), D("-900000"), (D("40"), D("60"), D("80"))),
    ("Energieffektivisering och LED i fastigheter", _H, "värme och el", "investment", 2025, 3, 15,
     D("6000000"), D("-1100000"), (D("50"), D("80"), D("110"))),
    ("Fossilfria arbetsmaskiner (el och HVO)", _D, "maskiner", "investment", 2025, 3, 10,
     D("4000000"), D("600000"), (D("600"), D("900"), D("1000"))),
    ("Elbilar i kommunens fordonsflotta", _P, "personbilar", "investment", 2025, 3, 8,
     D("6000000"), D("-500000"), None),  # derived from the activity change below
    ("Laddinfrastruktur vid kommunens arbetsplatser", _P, "personbilar", "investment", 2025, 1, 15,
     D("3000000"), D("100000"), (D("20"), D("50"), D("70"))),
    ("Säkra gång- och cykelstråk till skolor", _P, "resor", "investment", 2026, 2, 25,
     D("15000000"), D("200000"), (D("60"), D("150"), D("200"))),
]  # fmt: skip

# Elbilar: 60 cars × 12 000 km a year × (0.15 − 0.02) kg CO2e/km = 93.6 t a year (example).
ACTIVITY: dict[str, dict[str, Any]] = {
    "Elbilar i kommunens fordonsflotta": {
        "activity_units": D("60"),
        "activity_per_unit": D("12000"),
        "activity_unit": "km",
        "factor_before_kg": D("0.15"),
        "factor_after_kg": D("0.02"),
    }
}

# kind, description, quantity/yr, valuation key
COBENEFITS: dict[str, list[tuple[str, str, D | None, str]]] = {
    "Säkra gång- och cykelstråk till skolor": [
        ("safety", "Färre singelolyckor med cykel med svår skada (exempel)", D("0.5"),
         "cycling_single_accident_severe_injury"),
        ("health", "Mer fysisk aktivitet hos barn och unga", None, ""),
    ],
    "Fossilfria arbetsmaskiner (el och HVO)": [
        ("noise", "Tystare arbetsplatser med eldrivna maskiner", None, ""),
    ],
    "Återbruk av byggmaterial": [
        ("jobs", "Lokala arbetstillfällen i återbrukscentralen", None, ""),
    ],
}  # fmt: skip

# kind, name, total, share of cost, first year, last year, note
SOURCES = [
    ("climate_fund", "Klimatfonden 2022–2025", D("110000000"), None, 2022, 2025,
     "Kommunfullmäktiges beslut: 110 miljoner kronor 2022–2025 för minskade klimatutsläpp "
     "(Karlstads Klimatkontrakt 2030, version 2024)"),
    ("own_budget", "Förvaltningens investeringsbudget", None, None, None, None, EXAMPLE),
    ("green_loan", "Gröna lån", None, None, None, None, EXAMPLE),
    ("klimatklivet", "Klimatklivet", None, D("0.5"), None, None, EXAMPLE),
    ("stadsmiljoavtal", "Stadsmiljöavtal", None, D("0.5"), None, None, EXAMPLE),
]  # fmt: skip

# measure, source, amount, year, state
FUNDINGS = [
    ("Solceller på kommunala tak", "Gröna lån", D("12000000"), 2025, "granted"),
    ("Energieffektivisering och LED i fastigheter", "Klimatfonden 2022–2025", D("6000000"),
     2025, "granted"),
    ("Fossilfria arbetsmaskiner (el och HVO)", "Klimatfonden 2022–2025", D("4000000"), 2025,
     "paid"),
    ("Elbilar i kommunens fordonsflotta", "Klimatfonden 2022–2025", D("6000000"), 2025,
     "granted"),
    ("Laddinfrastruktur vid kommunens arbetsplatser", "Klimatklivet", D("1500000"), 2025,
     "applied"),
    ("Laddinfrastruktur vid kommunens arbetsplatser", "Klimatfonden 2022–2025", D("1500000"),
     2025, "planned"),
    ("Trästomme i nya skolor och förskolor", "Förvaltningens investeringsbudget", D("8000000"),
     2026, "planned"),
    ("Återbruk av byggmaterial", "Klimatfonden 2022–2025", D("1000000"), 2025, "paid"),
    ("Återvunnen asfalt och fossilfri beläggning", "Förvaltningens investeringsbudget",
     D("2000000"), 2026, "planned"),
    ("Säkra gång- och cykelstråk till skolor", "Stadsmiljöavtal", D("7500000"), 2026, "applied"),
    ("Säkra gång- och cykelstråk till skolor", "Förvaltningens investeringsbudget",
     D("7500000"), 2026, "planned"),
]  # fmt: skip


@transaction.atomic
def load_demo_investments() -> InvestmentPlan:
    """Karlstad's pilot plan (example figures) with the 110 MSEK climate fund. Idempotent.

    Needs the organisations demo (Karlstad, 1780) to be loaded first.
    """
    from klimatkontrakt.footprint import selectors as footprint
    from klimatkontrakt.footprint.demo import DEMO_LEDGER

    karlstad = Municipality.objects.filter(code=KARLSTAD).first()
    if karlstad is None:
        raise LookupError("Karlstad (1780) is missing: load the organisations demo first")
    department = ensure_department(
        karlstad, DEPARTMENT[0], Department.Kind.ADMINISTRATION, DEPARTMENT[1]
    )
    # BAU from the footprint demo when it is loaded (it loads first), else the entered baseline.
    from_footprint = (
        footprint.visible_ledgers(AnonymousUser(), karlstad).filter(name=DEMO_LEDGER).exists()
    )
    plan, _ = InvestmentPlan.objects.update_or_create(
        municipality=karlstad,
        name=PLAN_NAME,
        defaults={
            **PLAN,
            "scope": InvestmentPlan.Scope.DEPARTMENT,
            "department": department,
            "baseline_from_footprint": from_footprint,
        },
    )
    plan.baseline.exclude(sector__in=[b[0] for b in BASELINE]).delete()
    for sector, base_t, trend in BASELINE:
        BaselineSector.objects.update_or_create(
            plan=plan,
            sector=sector,
            defaults={"base_t": base_t, "trend_per_year": trend, "source": EXAMPLE},
        )
    sources = {}
    for kind, name, total, share, first, last, note in SOURCES:
        sources[name], _ = FundingSource.objects.update_or_create(
            municipality=karlstad,
            name=name,
            defaults={
                "kind": kind,
                "total_sek": total,
                "share_of_cost": share,
                "first_year": first,
                "last_year": last,
                "source_note": note,
            },
        )
    measures = {}
    for name, sector, category, kind, start, ramp, life, capex, opex, red in MEASURES:
        activity = ACTIVITY.get(name, {})
        low, central, high = red if red else (None, D("0"), None)
        m, _ = Measure.objects.update_or_create(
            plan=plan,
            name=name,
            defaults={
                "sector": sector,
                "category": category,
                "kind": kind,
                "department": department,
                "status": Measure.Status.DECIDED if start == 2025 else Measure.Status.PROPOSED,
                "start_year": start,
                "ramp_up_years": ramp,
                "lifetime_years": life,
                "capex_sek": capex,
                "capex_low_sek": capex * D("0.9"),
                "capex_high_sek": capex * D("1.3"),
                "opex_change_sek_per_year": opex,
                "reduction_t_per_year": central,
                "reduction_low_t_per_year": low,
                "reduction_high_t_per_year": high,
                **activity,
            },
        )
        if m.derived_from_activity:
            t = activity_reduction_t(*(float(activity[k]) for k in (
                "activity_units", "activity_per_unit", "factor_before_kg", "factor_after_kg"
            )))  # fmt: skip
            m.reduction_t_per_year = D(str(round(t, 3)))
            m.reduction_low_t_per_year = D(str(round(t * 0.8, 3)))
            m.reduction_high_t_per_year = D(str(round(t * 1.1, 3)))
            m.save()
        measures[name] = m
    CoBenefit.objects.filter(measure__plan=plan).delete()
    for name, items in COBENEFITS.items():
        for kind, description, quantity, key in items:
            CoBenefit.objects.create(
                measure=measures[name],
                kind=kind,
                description=description,
                quantity_per_year=quantity,
                valuation_key=key,
            )
    Funding.objects.filter(measure__plan=plan).delete()
    for name, source, amount, year, state in FUNDINGS:
        Funding.objects.create(
            measure=measures[name],
            source=sources[source],
            amount_sek=amount,
            year=year,
            state=state,
        )
    return plan


def load(stdout: Any) -> None:
    plan = load_demo_investments()
    stdout.write(
        f"Investment plan: {plan.name} with {plan.measures.count()} measures (example figures)."
    )
