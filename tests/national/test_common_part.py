"""The year's common part of the contract: the programme office writes its text, each owner
keeps its commitments' status once for every city, a city's version takes it, locked."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatkontrakt.contracts import common_services, selectors, services
from klimatkontrakt.contracts.models import CommonCommitment
from klimatkontrakt.organisations.access import SYSTEM

pytestmark = pytest.mark.django_db


def _signed_2023_and_draft_2024(factory, municipality):
    v2023 = factory(municipality=municipality, year=2023)
    services.sign_version(SYSTEM, v2023)
    return services.start_next_version(SYSTEM, v2023)


def test_a_city_version_of_the_year_takes_the_common_part_and_shows_its_status(
    client, common_2024, contract_version_factory, karlstad, other_municipality, formas_editor
):
    karlstad_2024 = _signed_2023_and_draft_2024(contract_version_factory, karlstad)
    stockholm_2024 = _signed_2023_and_draft_2024(contract_version_factory, other_municipality)
    assert karlstad_2024.common_part == common_2024 == stockholm_2024.common_part
    policy = CommonCommitment.objects.get(title="Policylabb")
    common_services.set_common_status(formas_editor, policy, "done")
    common_services.fix_common_part(SYSTEM, common_2024)
    for version in (karlstad_2024, stockholm_2024):
        services.sign_version(SYSTEM, version)
        page = client.get(f"/kommun/{version.municipality.code}/kontrakt/2024/").content.decode()
        assert "Programmet samordnar kontrakten." in page
        assert "Policylabb" in page and "Genomförd" in page
        api = client.get(f"/api/contracts/{version.municipality.code}/versions/2024").json()
        assert api["common_part_year"] == 2024
        assert {c["title"]: c["status"] for c in api["common_commitments"]}["Policylabb"] == "done"
    # Updated once more after signing: every city's page shows the owner's latest status.
    common_services.set_common_status(formas_editor, policy, "postponed")
    page = client.get(f"/kommun/{other_municipality.code}/kontrakt/2024/").content.decode()
    assert "Uppskjuten" in page


def test_a_city_editor_cannot_change_the_common_sections(
    editor, editor_client, common_2024, contract_version_factory, karlstad
):
    version = _signed_2023_and_draft_2024(contract_version_factory, karlstad)
    locked = version.sections.get(key="viable_cities")
    with pytest.raises(PermissionDenied):
        services.update_section_text(editor, locked, "Egen text")
    r = editor_client.post("/kommun/1780/kontrakt/2024/avsnitt/viable_cities/", {"body": "Egen"})
    assert r.status_code == 403
    # The joint follow-up also holds the city's own text (its updates, experiences to share).
    own = version.sections.get(key="joint_follow_up")
    assert services.update_section_text(editor, own, "Våra erfarenheter").body
    with pytest.raises(ValidationError):
        services.create_commitment(
            editor,
            version,
            services.CommitmentInput(
                party=version.parties.get(role="programme"),
                section=locked,
                title="Eget åtagande för Viable Cities",
                status=version.municipality.commitment_statuses.get(key="planned"),
            ),
        )
    r = editor_client.post(
        "/api/contracts/1780/versions/2024/commitments",
        {"title": "x", "section": "agencies"},
        content_type="application/json",
    )
    assert r.status_code == 422
    # The programme office's editor: hidden while a draft, refused once fixed.
    assert editor_client.get("/nationellt/gemensam-del/2024/avsnitt/contract/").status_code == 404
    common_services.fix_common_part(SYSTEM, common_2024)
    assert editor_client.get("/nationellt/gemensam-del/2024/avsnitt/contract/").status_code == 403


def test_signing_waits_for_the_programme_office_to_fix_the_common_part(
    common_2024, contract_version_factory, karlstad, editor
):
    version = _signed_2023_and_draft_2024(contract_version_factory, karlstad)
    with pytest.raises(ValidationError) as caught:
        services.sign_version(editor, version)
    assert "common_part" in caught.value.message_dict
    common_services.fix_common_part(SYSTEM, common_2024)
    assert services.sign_version(editor, version).is_signed
    with pytest.raises(common_services.FixedCommonPartError):
        common_services.update_common_section(
            SYSTEM, common_2024.sections.get(key="contract"), "Ändrad"
        )


def test_only_the_owner_updates_a_status_and_only_the_programme_office_the_text(
    client, common_2024, formas_editor, vinnova_editor, editor
):
    demonstrators = CommonCommitment.objects.get(title="Systemdemonstratorer")
    with pytest.raises(PermissionDenied):
        common_services.set_common_status(formas_editor, demonstrators, "done")
    with pytest.raises(PermissionDenied):
        common_services.update_common_section(
            formas_editor, common_2024.sections.get(key="agencies"), "Formas text"
        )
    with pytest.raises(PermissionDenied):
        common_services.set_common_status(editor, demonstrators, "done")
    client.force_login(formas_editor)
    r = client.post(f"/nationellt/atagande/{demonstrators.pk}/status/", {"status": "done"})
    assert r.status_code == 403
    r = client.post(
        f"/api/national/commitments/{demonstrators.pk}/status",
        {"status": "done"},
        content_type="application/json",
    )
    assert r.status_code == 403
    r = client.put(
        "/api/national/common-parts/2024/sections/agencies",
        {"body": "Formas text"},
        content_type="application/json",
    )
    assert r.status_code == 403
    demonstrators.refresh_from_db()
    assert demonstrators.status == "planned"
    client.force_login(vinnova_editor)
    r = client.post(f"/nationellt/atagande/{demonstrators.pk}/status/", {"status": "done"})
    assert r.status_code == 302
    demonstrators.refresh_from_db()
    assert demonstrators.status == "done" and demonstrators.status_changed_at is not None


def test_the_programme_office_edits_through_pages_and_api(client, programme_editor, formas):
    client.force_login(programme_editor)
    r = client.post("/nationellt/gemensam-del/ny/", {"year": "2025"})
    assert r.status_code == 302
    r = client.post(
        "/nationellt/gemensam-del/2025/avsnitt/strategic_projects/", {"body": "Projekten 2025"}
    )
    assert r.status_code == 302
    r = client.post(
        "/api/national/common-parts/2025/commitments",
        {
            "title": "Portföljanalys",
            "section": "agencies",
            "owner": "formas",
            "joint": True,
            "status": "planned",
            "planned_year": 2025,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["party"] == "Myndigheterna gemensamt (ledande: Formas)"
    for payload in (
        {"title": "x", "section": "contract", "owner": "formas", "status": "planned"},
        {"title": "x", "section": "agencies", "owner": "okänd", "status": "planned"},
        {"title": "x", "section": "agencies", "owner": "formas", "status": "klar"},
        {"title": " ", "section": "agencies", "owner": "formas", "status": "planned"},
        {
            "title": "x",
            "section": "agencies",
            "owner": "formas",
            "status": "planned",
            "planned_year": 99999,
        },
    ):
        r = client.post(
            "/api/national/common-parts/2025/commitments", payload, content_type="application/json"
        )
        assert r.status_code == 422, payload
    assert client.post("/api/national/common-parts/2025/fix").status_code == 200
    r = client.put(
        "/api/national/common-parts/2025/sections/contract",
        {"body": "sent"},
        content_type="application/json",
    )
    assert r.status_code == 409
    part = client.get("/api/national/common-parts/2025").json()
    assert part["state"] == "fixed" and [c["title"] for c in part["commitments"]] == [
        "Portföljanalys"
    ]


def test_drafts_of_the_common_part_are_for_programme_and_agency_staff(
    client, common_2024, formas_editor, editor
):
    assert client.get("/nationellt/gemensam-del/2024/").status_code == 404
    assert client.get("/api/national/common-parts/2024").status_code == 404
    assert client.get("/api/national/common-parts").json() == []
    client.force_login(editor)
    assert client.get("/nationellt/gemensam-del/2024/").status_code == 404
    client.force_login(formas_editor)
    assert "Policylabb" in client.get("/nationellt/gemensam-del/2024/").content.decode()
    page = client.get("/nationellt/organisation/formas/").content.decode()
    assert "Policylabb" in page and "Systemdemonstratorer" not in page


def test_the_diff_shows_common_and_own_changes_apart(
    client, common_2024, contract_version_factory, karlstad, editor
):
    common_services.fix_common_part(SYSTEM, common_2024)
    version = _signed_2023_and_draft_2024(contract_version_factory, karlstad)
    services.update_section_text(editor, version.sections.get(key="purpose"), "Nytt syfte")
    services.sign_version(editor, version)
    part_2025 = common_services.start_common_part(SYSTEM, 2025)
    common_services.update_common_section(
        SYSTEM, part_2025.sections.get(key="contract"), "Åtagandena gäller för 2025."
    )
    CommonCommitment.objects.filter(common_part=part_2025, title="Samordning").delete()
    common_services.fix_common_part(SYSTEM, part_2025)
    v2025 = services.start_next_version(editor, version)
    assert v2025.common_part == part_2025
    diff = selectors.diff_versions(version, v2025)
    assert diff.common is not None
    assert [c.title for c in diff.common.removed] == ["Samordning"]
    assert [s.new.key for s in diff.common.sections_changed] == ["contract"]
    assert not diff.sections_changed  # nothing of the city's own changed
    first = selectors.diff_versions(selectors.version_for(editor, karlstad, 2023), version)
    assert [s.new.key for s in first.sections_changed] == ["purpose"]
    assert first.common is not None and {c.title for c in first.common.added} == {
        "Samordning",
        "Policylabb",
        "Systemdemonstratorer",
    }
    client.force_login(editor)
    r = client.get("/kommun/1780/kontrakt/jamfor/?fran=2024&till=2025").content.decode()
    assert "Ändringar i den gemensamma delen av kontraktet" in r
    api = client.get("/api/contracts/1780/diff?from_year=2024&to_year=2025").json()
    assert api["common"]["sections_changed"] == ["contract"]
    assert [c["title"] for c in api["common"]["removed"]] == ["Samordning"]


def test_programme_and_agency_staff_never_see_a_citys_unpublished_draft(
    client, common_2024, contract_version_factory, karlstad, formas_editor, programme_editor
):
    draft = _signed_2023_and_draft_2024(contract_version_factory, karlstad)
    services.update_section_text(
        SYSTEM, draft.sections.get(key="joint_follow_up"), "HEMLIGT-UTKAST-national"
    )
    assert draft.common_part == common_2024 and not draft.is_published
    for user in (formas_editor, programme_editor):
        client.force_login(user)
        for url in (
            "/kommun/1780/kontrakt/2024/",
            "/api/contracts/1780/versions/2024",
            "/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024",
        ):
            assert client.get(url).status_code == 404, url
        part_page = client.get("/nationellt/gemensam-del/2024/").content.decode()
        assert "/kommun/1780/kontrakt/2024/" not in part_page
        assert client.get("/api/national/common-parts/2024").json()["cities"] == []
        assert (
            "i 0 publicerade kontrakt"
            in client.get("/nationellt/organisation/formas/").content.decode()
        )
        for url in ("/nationellt/", "/api/national/organisations/formas/commitments"):
            assert "HEMLIGT-UTKAST-national" not in client.get(url).content.decode()


def test_an_agency_editor_cannot_change_a_citys_own_sections_or_commitments(
    client, contract_version_factory, karlstad, formas_editor
):
    version = contract_version_factory(municipality=karlstad, year=2023)
    with pytest.raises(PermissionDenied):
        services.update_section_text(formas_editor, version.sections.get(key="purpose"), "x")
    client.force_login(formas_editor)
    r = client.post("/kommun/1780/kontrakt/2023/avsnitt/purpose/", {"body": "Formas text"})
    assert r.status_code in (403, 404)
    commitment = version.commitments.first()
    r = client.patch(
        f"/api/contracts/1780/commitments/{commitment.pk}",
        {"title": "Formas titel", "edit_version": commitment.edit_version},
        content_type="application/json",
    )
    assert r.status_code in (403, 404)
    version.refresh_from_db()
    assert version.sections.get(key="purpose").body == "Öka takten i klimatomställningen."
    commitment.refresh_from_db()
    assert commitment.title != "Formas titel"


def test_a_draft_started_before_the_years_common_part_takes_it_when_it_is_started(
    client, contract_version_factory, karlstad, programme_editor
):
    draft = contract_version_factory(municipality=karlstad, year=2026)
    services.update_section_text(SYSTEM, draft.sections.get(key="contract"), "Egen klausul")
    assert draft.common_part is None
    part = common_services.start_common_part(programme_editor, 2026)
    draft.refresh_from_db()
    assert draft.common_part == part
    assert draft.sections.get(key="contract").body == ""
    client.force_login(programme_editor)
    r = client.put(
        "/api/national/common-parts/2026/sections/okand",
        {"body": "x"},
        content_type="application/json",
    )
    assert r.status_code == 404
