"""The open dataset of local climate contracts: organisations the public page shows, with their
pledges; never residents, contact details or organisation numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from klimatkontrakt.engagement.models import LocalContract, Signatory
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.opendata.datasets.local_contracts import DATASET
from tests.engagement import local_contract_factories as factories
from tests.engagement.local_contract_factories import PledgeFactory, SignatoryFactory, report
from tests.opendata.field_checks import check_rows

pytestmark = pytest.mark.django_db

# The fixtures this module uses (pytest finds them by name here).
local_contract = factories.local_contract
signatory = factories.signatory


@pytest.fixture
def others(local_contract):  # type: ignore[no-untyped-def]
    """Signatories the page does not show: a resident, one waiting for approval, one that did
    not agree to be shown, and a rejected one."""
    made = [
        SignatoryFactory(
            contract=local_contract, kind=Signatory.Kind.RESIDENT, name="Anna Invånare"
        ),
        SignatoryFactory(contract=local_contract, name="Väntande AB", state="confirmed"),
        SignatoryFactory(
            contract=local_contract, name="Hemlighetsfulla AB", consent_to_publish=False
        ),
        SignatoryFactory(contract=local_contract, name="Avslagna AB", state="rejected"),
    ]
    for s in made:
        PledgeFactory(signatory=s, title=f"Åtagande av {s.name}")
    return made


def _forbidden(signatories) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for s in signatories:
        out += [s.contact_name, s.contact_email, s.org_number]
    return [x for x in out if x]


def test_public_signatories_and_pledges_only(karlstad, signatory, others):
    shown = SignatoryFactory(contract=signatory.contract, name="Färdplansföretaget AB",
                             roadmap="Fossilfritt Sverige: åkerinäringen")  # fmt: skip
    pledge = signatory.pledges.get(title="Elbilar")
    report(pledge, 2023, "1.2", status="started")
    report(pledge, 2024, "3.5")
    forbidden = _forbidden([signatory, shown, *others]) + [s.name for s in others]
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=tuple(forbidden))
    assert [(r["organisation"], r["pledge"]) for r in rows] == [
        (signatory.name, "Elbilar"),
        (signatory.name, "Eget åtagande"),
        ("Färdplansföretaget AB", None),
    ]
    cars = rows[0]
    assert (cars["report_year"], cars["report_status"], cars["report_estimated_t"]) == (
        2024, "done", Decimal("3.5"),
    )  # fmt: skip
    assert cars["report_status_label_sv"] == "Genomfört"
    assert (cars["baseline_value"], cars["target_year"]) == (Decimal("10"), 2030)
    assert rows[1]["report_year"] is None
    assert rows[2]["roadmap"].startswith("Fossilfritt Sverige")
    # The same organisations as the public page's selector.
    assert {r["signatory_id"] for r in rows} == {
        s.pk for s in selectors.public_signatories(karlstad)
    }


def test_nothing_without_a_published_contract(karlstad, editor):
    services.save_rule(editor, karlstad, min_pledges=2, roadmap_instead=True)
    services.create_version(editor, karlstad, title="Utkast", text="Text")
    contract = LocalContract.objects.get(municipality=karlstad)
    PledgeFactory(signatory=SignatoryFactory(contract=contract, name="Tidiga AB"))
    assert list(DATASET.rows(karlstad)) == []


def test_one_municipality_or_all(karlstad, other_municipality, signatory):
    other = LocalContract.objects.create(municipality=other_municipality)
    version = other.versions.create(number=1, title="Kontrakt", text="Text", state="published")
    assert version.is_published
    PledgeFactory(signatory=SignatoryFactory(contract=other, name="Stockholmsföretaget AB"))
    assert {r["organisation"] for r in DATASET.rows(other_municipality)} == {
        "Stockholmsföretaget AB"
    }
    everything = list(DATASET.rows(None))
    check_rows(DATASET, everything)
    assert [r["municipality_code"] for r in everything] == ["0180", "1780", "1780"]
    assert all(r["organisation"] != "Stockholmsföretaget AB" for r in DATASET.rows(karlstad))
