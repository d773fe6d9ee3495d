"""Test data through the same services the application uses."""

from typing import Any

from django.contrib.auth import get_user_model

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import CommitmentStatus, Contract, ContractVersion
from klimatkontrakt.organisations.models import County, Department, Municipality, Organisation
from klimatkontrakt.organisations.services import ensure_organisation, grant_role


def municipality(code: str, name: str, county_code: str, county_name: str) -> Municipality:
    county, _ = County.objects.get_or_create(code=county_code, defaults={"name": county_name})
    org = Organisation.objects.create(
        kind="municipality", name=f"{name} kommun", slug=f"kommun-{code}"
    )
    muni = Municipality.objects.create(code=code, name=name, county=county, organisation=org)
    Department.objects.create(
        municipality=muni,
        name="Teknik- och fastighetsförvaltningen",
        short_name="TFF",
        kind="forvaltning",
    )
    return muni


def user(username: str, muni: Municipality | None = None, role: str = "editor") -> Any:
    u = get_user_model().objects.create_user(username=username, password="a-long-test-password-1")
    if muni is not None:
        grant_role(u, muni.organisation, role)
    return u


def parties() -> list[tuple[Organisation, str, str, str]]:
    agency = ensure_organisation("agency", "Formas", slug="formas")
    vc = ensure_organisation("programme", "Viable Cities", slug="viable-cities")
    return [(agency, "agency", "", ""), (vc, "programme", "", "")]


def contract_version(muni: Municipality, year: int, *, commitments: int = 3) -> ContractVersion:
    contract, _ = Contract.objects.get_or_create(municipality=muni)
    v = services.create_version(
        contract,
        year,
        parties=[(muni.organisation, "municipality", "Anna Andersson", "KSO"), *parties()],
        section_texts={"purpose": "Öka takten i klimatomställningen."},
    )
    admin = get_user_model().objects.filter(
        is_superuser=True
    ).first() or get_user_model().objects.create_superuser(
        "system", password="a-long-test-password-1"
    )
    statuses = {s.key: s for s in CommitmentStatus.objects.filter(municipality=muni)}
    keys = ["planned", "done", "in_progress", "cancelled", "postponed"]
    for i in range(commitments):
        services.create_commitment(
            admin, v, commitment_input(v, f"Åtagande {i + 1}", statuses[keys[i % 5]])
        )
    return v


def commitment_input(
    version: ContractVersion, title: str, status: CommitmentStatus | None = None, **kw: Any
) -> services.CommitmentInput:
    muni = version.contract.municipality
    return services.CommitmentInput(
        party=version.parties.get(role="municipality"),
        section=version.sections.get(key=kw.pop("section", "municipality")),
        title=title,
        status=status or CommitmentStatus.objects.get(municipality=muni, key="planned"),
        **kw,
    )
