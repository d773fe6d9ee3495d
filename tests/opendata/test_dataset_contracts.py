"""The open dataset of contracts and commitments: published versions, as the page shows them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.contracts import common_services, selectors, services
from klimatkontrakt.contracts.models import Commitment
from klimatkontrakt.opendata.datasets.contracts import DATASET
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Department, Organisation
from klimatkontrakt.organisations.sharing import set_visibility
from tests.opendata.field_checks import check_rows
from tests.opendata.primary_keys import assert_unique_keys
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# The factory's municipal signatory: a person's name, never in an open file.
SIGNATORY = "Anna Andersson"


@pytest.fixture
def signed_2023(contract_version_factory, karlstad):
    version = contract_version_factory(municipality=karlstad, year=2023)
    first = version.commitments.get(title="Åtagande 1")
    tff = Department.objects.get(municipality=karlstad, short_name="TFF")
    services.update_commitment(
        SYSTEM,
        first,
        services.CommitmentInput.of(first, responsible_department=tff),
        expected_edit_version=first.edit_version,
    )
    return services.sign_version(SYSTEM, version)


def _titles(rows):
    return {(r["municipality_code"], r["contract_year"], r["title"]) for r in rows}


def test_a_signed_version_gives_one_row_per_commitment_as_the_page_shows_it(signed_2023, karlstad):
    rows = list(DATASET.rows(karlstad))
    check_rows(DATASET, rows, forbidden=(SIGNATORY,))
    page = selectors.commitments_of(
        selectors.version_for(AnonymousUser(), karlstad, 2023)
    ).order_by("section__order", "order", "pk")
    assert [r["commitment_id"] for r in rows] == [str(c.lineage) for c in page]
    first = rows[0]
    assert first["municipality_code"] == "1780" and first["municipality_name"] == "Karlstad"
    assert first["version_state"] == "signed"
    assert first["signed_date"] == timezone.localdate(signed_2023.signed_at)
    assert first["contract_part"] == "own" and first["party_role"] == "municipality"
    assert first["party"] == karlstad.organisation.name
    assert first["section_key"] == "municipality" and first["section_number"] == "3"
    assert first["responsible_department"] == "Teknik- och fastighetsförvaltningen"
    by_title = {r["title"]: r for r in rows}
    assert by_title["Åtagande 2"]["status"] == "done"
    assert by_title["Åtagande 2"]["status_label_sv"] == "Genomförd"
    assert by_title["Åtagande 2"]["status_label_en"] == "Done"
    assert by_title["Åtagande 2"]["responsible_department"] is None


def test_unpublished_and_shared_drafts_stay_out(
    signed_2023, karlstad, other_municipality, contract_version_factory
):
    draft_2024 = services.start_next_version(SYSTEM, signed_2023)
    services.create_commitment(
        SYSTEM,
        draft_2024,
        services.CommitmentInput(
            party=draft_2024.parties.get(role="municipality"),
            section=draft_2024.sections.get(key="mobility"),
            title="Hemligt utkast",
            status=signed_2023.commitments.first().status,
        ),
    )
    shared = contract_version_factory(municipality=other_municipality, year=2023)
    set_visibility(SYSTEM, other_municipality, "contract_version", shared.pk, "shared")
    rows = list(DATASET.rows(None))
    assert {r["contract_year"] for r in rows} == {2023}
    assert {r["municipality_code"] for r in rows} == {"1780"}
    assert "Hemligt utkast" not in {r["title"] for r in rows}
    # Published, the draft comes out as a draft, with no signing date.
    set_visibility(SYSTEM, karlstad, "contract_version", draft_2024.pk, "public")
    rows_2024 = [r for r in DATASET.rows(karlstad) if r["contract_year"] == 2024]
    assert "Hemligt utkast" in {r["title"] for r in rows_2024}
    assert {(r["version_state"], r["signed_date"]) for r in rows_2024} == {("draft", None)}
    carried = next(r for r in rows_2024 if r["title"] == "Åtagande 1")
    assert carried["carried_over_from_year"] == 2023
    everyone = list(DATASET.rows(None))
    check_rows(DATASET, everyone, forbidden=(SIGNATORY,))
    assert_unique_keys(DATASET, everyone)


def test_one_municipality_gets_only_its_own_rows(
    signed_2023, karlstad, other_municipality, contract_version_factory
):
    theirs = contract_version_factory(municipality=other_municipality, year=2023, commitments=2)
    services.sign_version(SYSTEM, theirs)
    assert {r["municipality_code"] for r in DATASET.rows(other_municipality)} == {"0180"}
    assert {r["municipality_code"] for r in DATASET.rows(karlstad)} == {"1780"}
    everyone = list(DATASET.rows(None))
    assert [r["municipality_code"] for r in everyone] == ["0180"] * 2 + ["1780"] * 3
    assert Commitment.objects.count() == 5


def test_the_common_part_comes_with_its_owners_status_once_it_is_fixed(
    contract_version_factory, karlstad
):
    programme = OrganisationFactory(
        kind=Organisation.Kind.PROGRAMME, name="Viable Cities", slug="viable-cities"
    )
    formas = OrganisationFactory(kind=Organisation.Kind.AGENCY, name="Formas", slug="formas")
    v2023 = contract_version_factory(municipality=karlstad, year=2023, commitments=1)
    services.sign_version(SYSTEM, v2023)
    part = common_services.start_common_part(SYSTEM, 2024)
    sections = {s.key: s for s in part.sections.all()}
    for section, owner, joint, title in [
        ("viable_cities", programme, False, "Samordning"),
        ("agencies", formas, True, "Policylabb"),
    ]:
        common_services.create_common_commitment(
            SYSTEM,
            part,
            common_services.CommonCommitmentInput(
                section=sections[section], owner=owner, joint=joint, title=title
            ),
        )
    v2024 = services.start_next_version(SYSTEM, v2023)
    set_visibility(SYSTEM, karlstad, "contract_version", v2024.pk, "public")
    # Published city draft, common part still a draft: the common commitments stay out.
    assert {r["contract_part"] for r in DATASET.rows(karlstad)} == {"own"}
    common_services.fix_common_part(SYSTEM, part)
    policy = part.commitments.get(title="Policylabb")
    common_services.set_common_status(SYSTEM, policy, "in_progress")
    services.sign_version(SYSTEM, v2024)
    rows = [r for r in DATASET.rows(karlstad) if r["contract_year"] == 2024]
    check_rows(DATASET, rows, forbidden=(SIGNATORY,))
    common = {r["title"]: r for r in rows if r["contract_part"] == "common"}
    assert set(common) == {"Samordning", "Policylabb"}
    assert common["Policylabb"]["party"] == "Formas"
    assert common["Policylabb"]["party_role"] == "agency" and common["Policylabb"]["joint"]
    assert common["Policylabb"]["status"] == "in_progress"
    assert common["Policylabb"]["status_label_sv"] == "Pågående"
    assert common["Policylabb"]["section_key"] == "agencies"
    assert common["Samordning"]["party_role"] == "programme"
    # The order is the page's: by section, the common part first within its section.
    assert [r["section_key"] for r in rows].index("viable_cities") < [
        r["section_key"] for r in rows
    ].index("agencies")
