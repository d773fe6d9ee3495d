"""Reads of the common part of the contract: who sees which year, and whose commitments."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from klimatkontrakt.contracts.models import CommonCommitment, CommonPart, CommonSection
from klimatkontrakt.organisations.access import can_view_common_drafts
from klimatkontrakt.organisations.models import Organisation


def visible_common_parts(user: Any) -> QuerySet[CommonPart]:
    """Fixed common parts for everyone; drafts for programme and agency staff."""
    qs = CommonPart.objects.order_by("-year")
    if not can_view_common_drafts(user):
        qs = qs.filter(state=CommonPart.State.FIXED)
    return qs


def common_part_for(user: Any, year: int) -> CommonPart:
    part = visible_common_parts(user).filter(year=year).first()
    if part is None:
        raise Http404("No such common part")
    return part


def common_sections(common_part_id: int) -> list[CommonSection]:
    return list(
        CommonSection.objects.filter(common_part_id=common_part_id)
        .select_related("common_part")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=CommonCommitment.objects.select_related(
                    "owner", "carried_over_from"
                ).order_by("order", "pk"),
            )
        )
        .order_by("order")
    )


def common_commitment_for(user: Any, pk: int) -> CommonCommitment:
    c = (
        CommonCommitment.objects.select_related("owner", "section", "common_part")
        .filter(pk=pk, common_part__in=visible_common_parts(user))
        .first()
    )
    if c is None:
        raise Http404("No such common commitment")
    return c


def national_organisations() -> QuerySet[Organisation]:
    """Viable Cities and the agencies: the parties every city's contract shares."""
    return Organisation.objects.filter(
        kind__in=[Organisation.Kind.PROGRAMME, Organisation.Kind.AGENCY]
    ).order_by("-kind", "name")


def national_organisation(slug: str) -> Organisation:
    org = national_organisations().filter(slug=slug).first()
    if org is None:
        raise Http404("No such programme or agency")
    return org


def commitments_owned_by(user: Any, organisation: Organisation) -> QuerySet[CommonCommitment]:
    """The organisation's common commitments of every year this user may see, newest year first,
    each with the number of cities whose published contract version carries it."""
    return (
        CommonCommitment.objects.filter(
            owner=organisation, common_part__in=visible_common_parts(user)
        )
        .select_related("common_part", "section", "owner")
        .annotate(
            cities=Count(
                "common_part__versions",
                filter=Q(common_part__versions__is_published=True),
                distinct=True,
            )
        )
        .order_by("-common_part__year", "section__order", "order", "pk")
    )
