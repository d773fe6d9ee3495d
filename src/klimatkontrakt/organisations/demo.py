"""Demo organisations: every municipality and county (SCB 2023), Karlstad's group, the parties."""

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model

from klimatkontrakt.organisations.models import Department, Municipality, Organisation
from klimatkontrakt.organisations.services import (
    BUNDLED_CODE_LIST,
    BUNDLED_CONTRACT_CITIES,
    create_user,
    ensure_department,
    ensure_organisation,
    grant_role,
    import_municipalities,
    set_contract_cities,
)

KARLSTAD = "1780"
KARLSTAD_ORG_NUMBER = "212000-1850"

# The national agencies and the programme office that are parties to every city's contract.
AGENCIES = [
    ("formas", "Formas", "Forskningsrådet för miljö, areella näringar och samhällsbyggande"),
    ("naturvardsverket", "Naturvårdsverket", "Naturvårdsverket"),
    ("energimyndigheten", "Energimyndigheten", "Statens energimyndighet"),
    ("tillvaxtverket", "Tillväxtverket", "Tillväxtverket"),
    ("trafikverket", "Trafikverket", "Trafikverket"),
    ("vinnova", "Vinnova", "Verket för innovationssystem"),
]
VIABLE_CITIES = (
    "viable-cities",
    "Viable Cities",
    "Strategiska innovationsprogrammet Viable Cities",
)

KARLSTAD_DEPARTMENTS = [
    ("Kommunledningskontoret", "KLK", Department.Kind.ADMINISTRATION),
    ("Teknik- och fastighetsförvaltningen", "TFF", Department.Kind.ADMINISTRATION),
    ("Miljöförvaltningen", "MF", Department.Kind.ADMINISTRATION),
    ("Stadsbyggnadsförvaltningen", "SBF", Department.Kind.ADMINISTRATION),
    ("Barn- och ungdomsförvaltningen", "BUF", Department.Kind.ADMINISTRATION),
    ("Arbetsmarknads- och socialförvaltningen", "ASF", Department.Kind.ADMINISTRATION),
    ("Vård- och omsorgsförvaltningen", "VOF", Department.Kind.ADMINISTRATION),
    ("Kultur- och fritidsförvaltningen", "KFF", Department.Kind.ADMINISTRATION),
    ("Gymnasieförvaltningen", "GYF", Department.Kind.ADMINISTRATION),
    ("Karlstads Energi AB", "KEAB", Department.Kind.COMPANY),
    ("Karlstads El- och Stadsnät AB", "KESAB", Department.Kind.COMPANY),
    ("Karlstads Bostads AB", "KBAB", Department.Kind.COMPANY),
    ("Kommunstyrelsen", "KS", Department.Kind.COMMITTEE),
    ("Miljönämnden", "MN", Department.Kind.COMMITTEE),
    ("Teknik- och fastighetsnämnden", "TFN", Department.Kind.COMMITTEE),
]

DEMO_EDITOR = "karlstad-redaktor"
DEMO_PASSWORD = os.environ.get("KLIMATKONTRAKT_DEMO_PASSWORD", "klimat-2030-demo")


def load(stdout: Any) -> None:
    summary = import_municipalities(BUNDLED_CODE_LIST)
    stdout.write(
        f"Municipalities: {Municipality.objects.count()} "
        f"({summary.municipalities_created} new), source SCB Län och kommuner 2023."
    )
    cities = set_contract_cities(BUNDLED_CONTRACT_CITIES)
    stdout.write(
        f"Contract cities: {len(cities.names)}, from {BUNDLED_CONTRACT_CITIES.name} "
        "(landetsfria.nu 2021, tillvaxtverket.se 2023)."
    )
    karlstad = Municipality.objects.get(code=KARLSTAD)
    # Karlstads kommun's organisation number, a public fact (also on the funding demo's group
    # list): with it Karlstad has an open data catalogue of its own (/datasets/dcat/1780).
    if not karlstad.organisation.org_number:
        karlstad.organisation.org_number = KARLSTAD_ORG_NUMBER
        karlstad.organisation.save(update_fields=["org_number"])
    for name, short, kind in KARLSTAD_DEPARTMENTS:
        ensure_department(karlstad, name, kind, short)
    for slug, short, _full in AGENCIES:
        ensure_organisation(Organisation.Kind.AGENCY, short, slug=slug, website="")
    ensure_organisation(Organisation.Kind.PROGRAMME, VIABLE_CITIES[1], slug=VIABLE_CITIES[0])
    if settings.DEMO_ACCOUNT and not get_user_model().objects.filter(username=DEMO_EDITOR).exists():
        create_user(DEMO_EDITOR, DEMO_PASSWORD, organisation=karlstad.organisation, role="admin")
        stdout.write(f"Demo user {DEMO_EDITOR} (admin in Karlstad), password {DEMO_PASSWORD}")
    elif settings.DEMO_ACCOUNT:
        user = get_user_model().objects.get(username=DEMO_EDITOR)
        grant_role(user, karlstad.organisation, "admin")
