"""Factories and fixtures for local climate contracts. Test modules import the fixtures they use
(`from tests.engagement.local_contract_factories import ...`)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import factory
import pytest
from django.core import mail
from django.utils import timezone
from factory.django import DjangoModelFactory

from klimatkontrakt.emissions.models import EmissionValue, Release, SectorKey
from klimatkontrakt.engagement.models import (
    LocalContract,
    LocalContractVersion,
    Pledge,
    PledgeReport,
    Signatory,
    StandardPledge,
)
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.sources.orgnumber import luhn_control_digit


def org_number(n: int) -> str:
    first = f"55{n:07d}"
    return f"{first[:6]}-{first[6:]}{luhn_control_digit(first)}"


class StandardPledgeFactory(DjangoModelFactory[StandardPledge]):
    class Meta:
        model = StandardPledge

    title = factory.Sequence(lambda n: f"Klimatutmaning {n}")
    sector = "Transporter"
    unit = "bil"
    default_t_per_unit = None
    default_source = ""


class SignatoryFactory(DjangoModelFactory[Signatory]):
    """An approved organisation that agreed to be shown."""

    class Meta:
        model = Signatory

    kind = Signatory.Kind.ORGANISATION
    name = factory.Sequence(lambda n: f"Exempel Företag {n} AB")
    org_number = factory.Sequence(lambda n: org_number(n + 1))
    org_sector = Signatory.OrgSector.BUSINESS
    size = "10-49"
    contact_name = factory.Sequence(lambda n: f"Kontakt {n}")
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    consent_to_publish = True
    consent_at = factory.LazyFunction(timezone.now)
    state = Signatory.State.APPROVED


class PledgeFactory(DjangoModelFactory[Pledge]):
    class Meta:
        model = Pledge

    signatory = factory.SubFactory(SignatoryFactory)
    title = factory.Sequence(lambda n: f"Åtagande {n}")
    sector = "Transporter"
    unit = "bil"
    baseline_year = 2022
    baseline_value = Decimal("10")
    target_value = Decimal("0")
    target_year = 2030


def report(pledge: Pledge, year: int, t: str | None, status: str = "done") -> PledgeReport:
    return PledgeReport.objects.create(
        pledge=pledge,
        year=year,
        status=status,
        estimated_t=None if t is None else Decimal(t),
        reported_t=None if t is None else Decimal(t),
    )


def sector_emissions(municipality, values: dict[str, float], year: int = 2023) -> Release:
    """A current GGT release holding these sector totals for `year`."""
    release = Release.objects.create(
        gas="GGT", gas_name="Växthusgaser totalt", unit="t CO2e", release_date=date(2024, 6, 1),
        report_name="test", sha256=f"{municipality.pk:064d}", file_name="t.xlsx",
        years=[year], is_current=True,
    )  # fmt: skip
    for sector, value in values.items():
        key, _ = SectorKey.objects.get_or_create(sector=sector, subsector="Alla")
        EmissionValue.objects.create(
            release=release, municipality=municipality, sector=key, year=year, value=value
        )
    return release


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one link in an e-mail."""
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


@pytest.fixture
def local_contract(karlstad, editor) -> LocalContract:
    """Karlstad's published contract: at least two pledges, a roadmap may replace them; three
    standard pledges, the first with a default of 1.5 t per car."""
    services.save_rule(editor, karlstad, min_pledges=2, roadmap_instead=True)
    v = services.create_version(editor, karlstad, title="Lokalt klimatkontrakt", text="Text v1")
    services.publish_version(editor, v)
    for title, sector, unit, factor, source in [
        ("Elbilar", "Transporter", "bil", Decimal("1.5"), "Exempelkälla"),
        ("Värmepump", "Egen uppvärmning av bostäder och lokaler", "panna", None, ""),
        ("Sortera avfall", "Avfall (inkl.avlopp)", "ton", None, ""),
    ]:
        services.save_standard_pledge(
            editor, karlstad,
            services.StandardPledgeInput(title, sector, unit, default_t_per_unit=factor,
                                         default_source=source),
        )  # fmt: skip
    return LocalContract.objects.get(municipality=karlstad)


@pytest.fixture
def draft_version(local_contract, editor) -> LocalContractVersion:
    return services.create_version(
        editor, local_contract.municipality, title="HEMLIGT UTKAST", text="Utkastets text"
    )


@pytest.fixture
def signatory(local_contract) -> Signatory:
    s = SignatoryFactory(contract=local_contract)
    standard = local_contract.standard_pledges.get(title="Elbilar")
    PledgeFactory(signatory=s, standard=standard, title="Elbilar", sector="Transporter")
    PledgeFactory(signatory=s, title="Eget åtagande", sector="Avfall (inkl.avlopp)", unit="ton")
    return s
