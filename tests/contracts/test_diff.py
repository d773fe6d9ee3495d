from klimatkontrakt.contracts import selectors, services
from klimatkontrakt.contracts.models import CommitmentStatus
from tests.contracts.factories import CommitmentInputFactory


def _revised(version_2023, editor):
    services.sign_version(editor, version_2023)
    v2024 = services.start_next_version(editor, version_2023)
    c = v2024.commitments.get(title="Åtagande 3")
    done = CommitmentStatus.objects.get(municipality=version_2023.contract.municipality, key="done")
    data = CommitmentInputFactory(
        version=v2024, title="Åtagande 3, utökat", status=done, planned_year=2024
    )
    services.update_commitment(editor, c, data, expected_edit_version=c.edit_version)
    services.create_commitment(
        editor, v2024, CommitmentInputFactory(version=v2024, title="Nytt 2024")
    )
    services.update_section_text(editor, v2024.sections.get(key="goal"), "Fossilfritt 2026.")
    return v2024


def test_diff_lists_added_removed_changed_and_carried(version_2023, editor):
    v2024 = _revised(version_2023, editor)
    d = selectors.diff_versions(version_2023, v2024)
    assert [c.title for c in d.added] == ["Nytt 2024"]
    assert sorted(c.title for c in d.removed) == ["Åtagande 2"]
    assert sorted(c.title for c in d.carried_over) == ["Åtagande 1", "Åtagande 3, utökat"]
    (changed,) = d.changed
    assert {f.field: (f.old, f.new) for f in changed.fields} == {
        "title": ("Åtagande 3", "Åtagande 3, utökat"),
        "status": ("in_progress", "done"),
        "planned_year": (None, 2024),
    }
    assert d.unchanged == 1
    assert [new.key for _, new in d.sections_changed] == ["goal"]


def test_diff_page_and_api(client, version_2023, editor):
    v2024 = _revised(version_2023, editor)
    services.sign_version(editor, v2024)
    page = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nytt 2024" in text and "Åtagande 3, utökat" in text and "Åtagande 2" in text
    data = client.get("/api/contracts/1780/diff?from_year=2023&to_year=2024").json()
    assert [c["title"] for c in data["added"]] == ["Nytt 2024"]
    assert data["changed"][0]["fields"][0] == {
        "field": "title",
        "old": "Åtagande 3",
        "new": "Åtagande 3, utökat",
    }
    assert data["unchanged"] == 1 and data["sections_changed"] == ["goal"]


def test_anonymous_diff_with_a_draft_is_not_found(client, version_2023, editor):
    _revised(version_2023, editor)  # 2024 stays an unpublished draft
    assert client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").status_code == 404
    assert client.get("/api/contracts/1780/diff?from_year=2023&to_year=2024").status_code == 404
