"""The open dataset of grants: the portfolio the public page shows (name matches only once
accepted), organisation numbers of legal persons only, never a sole trader's name or number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.funding.models import Grant, RecipientKind
from klimatkontrakt.funding.selectors import grants as selectors
from klimatkontrakt.opendata.datasets.grants import DATASET
from klimatkontrakt.sources.orgnumber import is_legal_person, luhn_control_digit
from tests.funding.grant_factories import GrantFactory
from tests.opendata.field_checks import check_rows


def number(first_nine: str) -> str:
    return f"{first_nine[:6]}-{first_nine[6:]}{luhn_control_digit(first_nine)}"


SOLE_TRADER = number("811218987")  # a personal identity number: born 18 December 1981
COMPANY = number("556000001")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_legal_persons_number_has_a_third_digit_of_two_or_more(first):
    assert is_legal_person(number(first)) == (int(first[2]) >= 2)


def test_known_numbers():
    assert is_legal_person("212000-1850")  # Karlstads kommun
    assert is_legal_person(COMPANY)
    assert not is_legal_person(SOLE_TRADER)
    assert not is_legal_person("212000-1851")  # wrong control digit
    assert not is_legal_person("")


@pytest.mark.django_db
def test_counted_grants_only_and_no_personal_numbers(karlstad, other_municipality):
    own = GrantFactory(
        municipality=karlstad, recipient_name="Karlstads kommun",
        recipient_org_number="2120001850", amount_sek=Decimal("250000.50"), year=2023,
        programme="Klimatneutrala städer", role="coordinator",
    )  # fmt: skip
    accepted = GrantFactory(
        municipality=karlstad, funder_name="Naturvårdsverket", source="klimatklivet",
        recipient_name="Karlstads Energi AB", match=Grant.Match.NAME,
        review=Grant.Review.ACCEPTED, recipient_kind=RecipientKind.COMPANY,
    )  # fmt: skip
    trader = GrantFactory(
        municipality=karlstad, recipient_name="Anders Exempelsson Åkeri",
        recipient_org_number=SOLE_TRADER, match=Grant.Match.TERRITORY,
        recipient_kind=RecipientKind.OTHER,
    )  # fmt: skip
    GrantFactory(
        municipality=karlstad, recipient_name="Granskas AB", match=Grant.Match.NAME,
        review=Grant.Review.PENDING,
    )  # fmt: skip
    GrantFactory(
        municipality=karlstad, recipient_name="Avvisade AB", match=Grant.Match.NAME,
        review=Grant.Review.REJECTED,
    )  # fmt: skip
    GrantFactory(municipality=None, recipient_name="Ingen kommuns AB", match="")
    GrantFactory(municipality=other_municipality, recipient_name="Stockholms stad")
    forbidden = [
        "Granskas", "Avvisade", "Ingen kommuns", "Stockholms stad", "Exempelsson",
        SOLE_TRADER, SOLE_TRADER.replace("-", ""),
    ]  # fmt: skip
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=tuple(forbidden))
    assert [r["grant_id"] for r in rows] == [own.pk, accepted.pk, trader.pk]
    first = rows[0]
    assert (first["recipient"], first["recipient_org_number"]) == (
        "Karlstads kommun",
        "212000-1850",
    )
    assert (first["year"], first["amount_sek"], first["role"]) == (
        2023, Decimal("250000.50"), "coordinator",
    )  # fmt: skip
    assert (rows[1]["match"], rows[1]["recipient_org_number"]) == ("name", None)
    assert rows[2]["recipient"] is None and rows[2]["recipient_org_number"] is None
    assert rows[2]["amount_sek"] == trader.amount_sek
    # The same grants and sums as the public portfolio.
    portfolio = selectors.portfolio(karlstad)
    assert len(rows) == portfolio.grants
    assert float(sum(r["amount_sek"] for r in rows)) == pytest.approx(portfolio.total_sek)


@pytest.mark.django_db
def test_one_municipality_or_all(karlstad, other_municipality):
    GrantFactory(municipality=karlstad, recipient_name="Karlstads kommun")
    GrantFactory(municipality=other_municipality, recipient_name="Stockholms stad")
    assert [r["recipient"] for r in DATASET.rows(other_municipality)] == ["Stockholms stad"]
    everything = list(DATASET.rows(None))
    check_rows(DATASET, everything)
    assert [r["municipality_code"] for r in everything] == ["0180", "1780"]
    assert not DATASET.defines_publisher
