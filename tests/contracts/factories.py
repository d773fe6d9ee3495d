"""Contract versions and commitments, made through the contract services as an editor would."""

from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import CommitmentStatus, Contract, ContractVersion
from tests.organisations.factories import PASSWORD, MunicipalityFactory, OrganisationFactory

# The statuses the version's commitments take in turn.
STATUS_KEYS = ["planned", "done", "in_progress", "cancelled", "postponed"]


class ContractFactory(DjangoModelFactory[Contract]):
    class Meta:
        model = Contract
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory)


class CommitmentInputFactory(factory.Factory[services.CommitmentInput]):
    """What an editor enters for a commitment of `version`: the municipality's party, the
    municipality's section and the status "planned" unless given."""

    class Meta:
        model = services.CommitmentInput

    class Params:
        version = None

    party = factory.LazyAttribute(lambda o: o.version.parties.get(role="municipality"))
    section = factory.LazyAttribute(lambda o: o.version.sections.get(key="municipality"))
    title = factory.Sequence(lambda n: f"Åtagande {n + 1}")
    status = factory.LazyAttribute(
        lambda o: CommitmentStatus.objects.get(
            municipality=o.version.contract.municipality, key="planned"
        )
    )


class ContractVersionFactory(DjangoModelFactory[ContractVersion]):
    """A draft version with the municipality, Formas and Viable Cities as parties and
    `commitments` commitments (three unless given), statuses taken in turn from STATUS_KEYS."""

    class Meta:
        model = ContractVersion
        skip_postgeneration_save = True

    class Params:
        municipality = factory.SubFactory(MunicipalityFactory)

    contract = factory.SubFactory(
        ContractFactory, municipality=factory.SelfAttribute("..municipality")
    )
    year = 2023

    @classmethod
    def _create(cls, model_class: type[ContractVersion], **kwargs: Any) -> ContractVersion:
        contract = kwargs["contract"]
        agency = OrganisationFactory(kind="agency", name="Formas", slug="formas")
        programme = OrganisationFactory(
            kind="programme", name="Viable Cities", slug="viable-cities"
        )
        return services.create_version(
            contract,
            kwargs["year"],
            parties=[
                (contract.municipality.organisation, "municipality", "Anna Andersson", "KSO"),
                (agency, "agency", "", ""),
                (programme, "programme", "", ""),
            ],
            section_texts={"purpose": "Öka takten i klimatomställningen."},
        )

    @factory.post_generation
    def commitments(self, create: bool, extracted: int | None, **kwargs: Any) -> None:
        if not create:
            return
        author = _system_author()
        statuses = {
            s.key: s
            for s in CommitmentStatus.objects.filter(municipality=self.contract.municipality)
        }
        for i in range(3 if extracted is None else extracted):
            data = CommitmentInputFactory(
                version=self, title=f"Åtagande {i + 1}", status=statuses[STATUS_KEYS[i % 5]]
            )
            services.create_commitment(author, self, data)


def _system_author() -> Any:
    """Commitments of a factory-made version are written by a superuser: no role to set up."""
    User = get_user_model()
    return User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "system", password=PASSWORD
    )
