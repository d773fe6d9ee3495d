"""Proposals in each stage, for the proposal tests (tests/engagement/test_proposal_*.py).

Import the fixtures a module needs by name; they build on the shared ones in tests/conftest.py
(karlstad, editor, viewer, outsider ...)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
import pytest
from django.utils import timezone
from factory.django import DjangoModelFactory

from klimatkontrakt.engagement.models import Channel, Proposal
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.organisations.services import grant_role
from tests.organisations.factories import MunicipalityFactory

SECRET_TEXT = "HEMLIGT-FORSLAG-4f2a"
SECRET_EMAIL = "hemlig.medborgare@example.org"


class ProposalFactory(DjangoModelFactory[Proposal]):
    """A pupil's proposal as it arrives: waiting for moderation. `published=True` publishes it."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    channel = Channel.PUPILS_COUNCIL
    text = factory.Sequence(lambda n: f"Fler cykelställ vid skolan, förslag {n}")
    school = "Exempelskolan Norr"
    grade = 5
    state = factory.LazyAttribute(
        lambda o: services.ensure_proposal_states(o.municipality)["received"]
    )

    class Params:
        published = factory.Trait(moderation=Proposal.Moderation.APPROVED)


@pytest.fixture
def proposal_factory(db: Any) -> type[ProposalFactory]:
    return ProposalFactory


@pytest.fixture
def department(karlstad: Any) -> Any:
    return karlstad.departments.get(short_name="TFF")


@pytest.fixture
def other_department(department_factory: Any, karlstad: Any) -> Any:
    return department_factory(municipality=karlstad, name="Miljöförvaltningen", short_name="MF")


@pytest.fixture
def department_user(user_factory: Any, karlstad: Any, department: Any) -> Any:
    """A viewer of Karlstad who works in its TFF: answers TFF's proposals, nothing else."""
    user = user_factory(username="tff-handlaggare", email="handlaggare@example.org")
    grant_role(user, karlstad.organisation, "viewer", department=department)
    return user


@pytest.fixture
def selected(karlstad: Any, editor: Any) -> list[Proposal]:
    """Five published pupils' proposals, selected by the editor."""
    proposals = ProposalFactory.create_batch(5, municipality=karlstad, published=True)
    services.select_proposals(editor, karlstad, [p.pk for p in proposals], "Många klasser")
    return [Proposal.objects.get(pk=p.pk) for p in proposals]


@pytest.fixture
def assigned(selected: list[Proposal], karlstad: Any, editor: Any, department: Any) -> Any:
    """The selected proposals, given to TFF with an answer due in 30 days."""
    deadline = timezone.localdate() + timedelta(days=30)
    services.assign_proposals(editor, karlstad, [p.pk for p in selected], department, deadline)
    return [Proposal.objects.get(pk=p.pk) for p in selected]


def citizen_proposal(municipality: Any, **kw: Any) -> Proposal:
    """A citizen's published proposal with contact details (which are never public)."""
    defaults = {
        "channel": Channel.CITIZEN,
        "school": "",
        "grade": None,
        "contact_name": "Hemlig Medborgare",
        "contact_email": SECRET_EMAIL,
        "contact_phone": "070-0000000",
        "published": True,
    }
    return ProposalFactory(municipality=municipality, **{**defaults, **kw})
