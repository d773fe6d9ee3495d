"""Linking a grant to a measure puts each year into the measure's funding (state granted, the
grant named as source); unlinking or rejecting takes it out. Commitments of the same city."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatkontrakt.funding.services.grants import link_measure, set_commitments, unlink_measure
from klimatkontrakt.investments.models import Funding
from klimatkontrakt.investments.selectors import funding_figures, plan_summary


@pytest.fixture
def project(grant_factory, karlstad):
    first = grant_factory(
        municipality=karlstad, reference="2023-7", year=2023, amount_sek=Decimal("300000")
    )
    grant_factory(
        municipality=karlstad, reference="2023-7", year=2024, amount_sek=Decimal("200000")
    )
    return first


def test_a_linked_grant_is_the_measures_granted_funding(
    project, editor, measure_factory, investment_plan_factory, karlstad
):
    measure = measure_factory(plan=investment_plan_factory(municipality=karlstad))
    links = link_measure(editor, project, measure)
    assert len(links) == 2
    fundings = Funding.objects.filter(measure=measure).order_by("year")
    assert [(f.year, f.amount_sek, f.state) for f in fundings] == [
        (2023, Decimal("300000"), "granted"),
        (2024, Decimal("200000"), "granted"),
    ]
    source = fundings[0].source
    assert (
        source.name == "Vinnova 2023-7"
        and source.kind == "grant"
        and "mall.csv" in source.source_note
    )
    summary = plan_summary(measure.plan, runs=10)
    assert summary.funding.external_sek == 500000.0
    assert link_measure(editor, project, measure) == []  # linked once only
    assert unlink_measure(editor, project, measure) == 2
    assert not Funding.objects.filter(measure=measure).exists()


def test_only_the_citys_editor_links_and_only_its_measures(
    project, outsider, editor, measure_factory
):
    other = measure_factory()
    with pytest.raises(ValidationError):
        link_measure(editor, project, other)
    with pytest.raises(PermissionDenied):
        link_measure(outsider, project, other)
    assert not Funding.objects.exists()


def test_a_grant_waiting_for_review_cannot_be_linked(
    grant_factory, karlstad, editor, measure_factory, investment_plan_factory
):
    pending = grant_factory(municipality=karlstad, match="name", review="pending")
    with pytest.raises(ValidationError):
        link_measure(
            editor, pending, measure_factory(plan=investment_plan_factory(municipality=karlstad))
        )


def test_commitments_of_another_city_are_refused(
    project,
    editor,
    version_2023,
    contract_version_factory,
    commitment_input_factory,
    other_municipality,
):
    from klimatkontrakt.contracts import services

    mine = services.create_commitment(
        editor, version_2023, commitment_input_factory(version=version_2023)
    )
    set_commitments(editor, project, [mine.pk])
    assert list(project.commitments.all()) == [mine]
    theirs_version = contract_version_factory(municipality=other_municipality, year=2023)
    from klimatkontrakt.organisations.access import SYSTEM

    theirs = services.create_commitment(
        SYSTEM, theirs_version, commitment_input_factory(version=theirs_version)
    )
    with pytest.raises(ValidationError):
        set_commitments(editor, project, [theirs.pk])


def test_funding_figures_show_the_grant_source(
    project, editor, measure_factory, investment_plan_factory, karlstad
):
    measure = measure_factory(plan=investment_plan_factory(municipality=karlstad))
    link_measure(editor, project, measure)
    figures = funding_figures(measure.plan, plan_summary(measure.plan, runs=10).measures)
    assert figures.by_source_and_year[("Vinnova 2023-7", 2024)] == 200000.0
