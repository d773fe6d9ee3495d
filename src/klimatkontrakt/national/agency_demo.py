"""The demo's funding sources name the agency that gives the funding, so the agencies' pages of
measures they fund have rows: Klimatklivet is given by Naturvårdsverket, stadsmiljöavtal by
Trafikverket (the agencies that administer the two programmes; facts, not example data).

Run after the organisations and investments demos: `name_funders(stdout)`."""

from typing import Any

from django.db import transaction

from klimatkontrakt.investments.models import FundingSource
from klimatkontrakt.organisations.models import Organisation

# Funding-source kind → the slug of the agency that gives that funding.
FUNDER_OF_KIND = {
    FundingSource.Kind.KLIMATKLIVET: "naturvardsverket",
    FundingSource.Kind.STADSMILJOAVTAL: "trafikverket",
}


@transaction.atomic
def name_funders(stdout: Any = None) -> int:
    """Set the funder of every funding source of these kinds that names none yet (a funder an
    editor chose is kept); returns how many were set."""
    agencies = {
        o.slug: o
        for o in Organisation.objects.filter(
            kind=Organisation.Kind.AGENCY, slug__in=FUNDER_OF_KIND.values()
        )
    }
    named = 0
    for kind, slug in FUNDER_OF_KIND.items():
        agency = agencies.get(slug)
        if agency is None:
            continue
        named += FundingSource.objects.filter(kind=kind, funder__isnull=True).update(funder=agency)
    if stdout is not None and named:
        stdout.write(
            f"Funding sources: {named} named their agency (Klimatklivet, stadsmiljöavtal)."
        )
    return named
