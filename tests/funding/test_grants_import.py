"""Importing grant files: all or nothing, the same file once, idempotent by funder, reference,
recipient and year; matching to a city by number, by name (for review) and by territory; the
portfolio's figures reconcile with the files."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from klimatkontrakt.funding.models import Grant, GrantImport
from klimatkontrakt.funding.selectors.grants import portfolio
from klimatkontrakt.funding.services.grants import import_grants, rematch
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Organisation
from klimatkontrakt.sources.errors import SourceError
from tests.funding.grant_files import (
    REAL_KLIMATKLIVET_ROWS,
    klimatklivet,
    swecris,
    swecris_row,
    template_csv,
)

KOMMUN = "212000-1850"


@pytest.fixture
def karlstad_group(karlstad, group_organisation_factory):
    group_organisation_factory(
        municipality=karlstad, name="Karlstads kommun", org_number=KOMMUN, kind="municipality"
    )
    group_organisation_factory(municipality=karlstad, name="Karlstads Energi AB", kind="company")
    return karlstad


def _file():
    return swecris(
        swecris_row("2023-1_Vinnova", KOMMUN, "Karlstads kommun", "Vinnova", "100000.0", "2023.0"),
        swecris_row("2023-1_Vinnova", KOMMUN, "Karlstads kommun", "Vinnova", "200000.0", "2024.0"),
        swecris_row(
            "2023-2_Energi",
            "",
            "Karlstads Energi AB",
            "Statens energimyndighet",
            "50000.0",
            "2024.0",
        ),
        swecris_row(
            "2023-3_Formas", "202100-3120", "Karlstads universitet", "Formas", "70000.0", "2024.0"
        ),
    )


def test_a_national_import_matches_by_number_and_by_name(karlstad_group):
    Organisation.objects.create(kind="agency", name="Energimyndigheten", slug="energimyndigheten")
    result, outside = import_grants(SYSTEM, "swecris", _file(), "swecris.csv")
    assert (result.created, result.updated, outside) == (4, 0, 0)
    own = Grant.objects.get(reference="2023-1", year=2023)
    assert own.municipality == karlstad_group and own.match == "number"
    assert own.review == "automatic" and own.recipient_kind == "municipality"
    named = Grant.objects.get(reference="2023-2")
    assert named.match == "name" and named.review == "pending" and named.recipient_kind == "company"
    assert named.funder_name == "Energimyndigheten" and named.funder.slug == "energimyndigheten"
    assert Grant.objects.get(reference="2023-3").municipality is None
    p = portfolio(karlstad_group)
    # Reconciles with the file: the municipality's two rows; the name match waits for review.
    assert p.total_sek == 300000.0 and p.grants == 2 and p.unmatched == 1
    assert p.by_year == {2023: 100000.0, 2024: 200000.0} and p.by_funder == {"Vinnova": 300000.0}


def test_the_same_file_twice_counts_once_and_a_reread_updates(karlstad_group):
    import_grants(SYSTEM, "swecris", _file(), "swecris.csv")
    again, _ = import_grants(SYSTEM, "swecris", _file(), "swecris.csv")
    assert again.already_imported and GrantImport.objects.count() == 1
    changed = swecris(
        swecris_row("2023-1_Vinnova", KOMMUN, "Karlstads kommun", "Vinnova", "150000.0", "2023.0")
    )
    result, _ = import_grants(SYSTEM, "swecris", changed, "swecris-2.csv")
    assert (result.created, result.updated) == (0, 1)
    assert Grant.objects.count() == 4
    assert Grant.objects.get(reference="2023-1", year=2023).amount_sek == Decimal("150000")


def test_a_refused_file_leaves_no_trace(karlstad_group):
    bad = swecris(
        swecris_row("2023-1_Vinnova", KOMMUN, "Karlstads kommun", "Vinnova", "1.0", "2023.0"),
        swecris_row("2023-9_Vinnova", KOMMUN, "Karlstads kommun", "Vinnova", "x", "2023.0"),
    )
    with pytest.raises(SourceError) as err:
        import_grants(SYSTEM, "swecris", bad, "bad.csv")
    assert "bad.csv, rad 3, kolumn FundingsSek" in err.value.messages[0]
    assert not Grant.objects.exists() and not GrantImport.objects.exists()


def test_an_accepted_or_rejected_name_match_is_kept_when_read_again(karlstad_group, editor):
    from klimatkontrakt.funding.services.grants import review_grant

    import_grants(SYSTEM, "swecris", _file(), "swecris.csv")
    named = Grant.objects.get(reference="2023-2")
    review_grant(editor, named, accept=True)
    assert portfolio(karlstad_group).total_sek == 350000.0
    import_grants(SYSTEM, "swecris", _file() + b"\n", "swecris-again.csv")
    named.refresh_from_db()
    assert named.review == "accepted"
    review_grant(editor, named, accept=False)
    rematch()
    named.refresh_from_db()
    assert named.review == "rejected" and portfolio(karlstad_group).total_sek == 300000.0


def test_klimatklivet_rows_are_placed_by_kommun_and_name(municipality_factory):
    filipstad = municipality_factory(code="1782", name="Filipstad")
    data = klimatklivet(REAL_KLIMATKLIVET_ROWS)
    import_grants(SYSTEM, "klimatklivet", data, "kk.xlsx")
    orkla = Grant.objects.get(reference="NV-25-043146")
    assert orkla.municipality == filipstad and orkla.match == "territory"
    assert orkla.recipient_kind == "other" and orkla.funder_name == "Naturvårdsverket"
    charging = Grant.objects.get(reference="NV-19-006817")
    assert charging.municipality is None and charging.county_name == ""
    p = portfolio(filipstad)
    assert p.total_sek == 45900000.0 and p.by_recipient == {"other": 45900000.0}
    assert p.by_programme == {"Klimatklivet": 45900000.0}


def test_a_citys_import_keeps_only_its_rows_and_needs_its_editor(karlstad_group, editor, outsider):
    with pytest.raises(PermissionDenied):
        import_grants(outsider, "swecris", _file(), "swecris.csv", municipality=karlstad_group)
    result, outside = import_grants(
        editor, "swecris", _file(), "swecris.csv", municipality=karlstad_group
    )
    assert (result.created, outside) == (3, 1)
    assert not Grant.objects.filter(municipality__isnull=True).exists()


def test_a_national_import_needs_a_site_administrator(editor):
    with pytest.raises(PermissionDenied):
        import_grants(editor, "swecris", _file(), "swecris.csv")


def test_the_template_is_imported(karlstad_group):
    data = template_csv(
        "Trafikverket;TRV 2023/1;Busskörfält;Karlstads kommun;212000-1850;koordinator;2024;"
        "1500000;Stadsmiljöavtal;Karlstad"
    )
    import_grants(SYSTEM, "template", data, "mall.csv")
    assert portfolio(karlstad_group).by_programme == {"Stadsmiljöavtal": 1500000.0}


def test_the_real_swecris_sample_reconciles(shared_data, municipality_factory):
    """Every row of the real export is stored; the sums per funder equal the file's."""
    import csv
    from collections import defaultdict

    path = shared_data / "funding" / "swecris_export_sample.csv"
    result, _ = import_grants(SYSTEM, "swecris", path.read_bytes(), path.name)
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        expected[r["FundingOrganisationNameSv"]] += Decimal(r["FundingsSek"])
    stored: dict[str, Decimal] = defaultdict(Decimal)
    for name, sek in Grant.objects.values_list("funder_name", "amount_sek"):
        stored[name] += sek
    assert stored == expected
    assert result.created == Grant.objects.count()


def test_a_review_answers_for_every_year_of_the_project(karlstad_group, editor):
    from klimatkontrakt.funding.services.grants import review_grant

    data = swecris(
        swecris_row("2023-5_Energi", "", "Karlstads Energi AB", "Energi", "10.0", "2023.0"),
        swecris_row("2023-5_Energi", "", "Karlstads Energi AB", "Energi", "20.0", "2024.0"),
    )
    import_grants(SYSTEM, "swecris", data, "two-years.csv")
    review_grant(editor, Grant.objects.get(reference="2023-5", year=2024), accept=True)
    assert set(Grant.objects.filter(reference="2023-5").values_list("review", flat=True)) == {
        "accepted"
    }
    assert portfolio(karlstad_group).by_year == {2023: 10.0, 2024: 20.0}
