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
    # "Åtagande 2" was done in 2023: completed, not removed.
    assert [c.title for c in d.completed] == ["Åtagande 2"] and d.removed == []
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
        "label": "Rubrik",
        "old": "Åtagande 3",
        "new": "Åtagande 3, utökat",
    }
    assert [c["title"] for c in data["completed"]] == ["Åtagande 2"] and data["removed"] == []
    assert data["unchanged"] == 1 and data["sections_changed"] == ["goal"]


def test_anonymous_diff_with_a_draft_is_not_found(client, version_2023, editor):
    _revised(version_2023, editor)  # 2024 stays an unpublished draft
    assert client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").status_code == 404
    assert client.get("/api/contracts/1780/diff?from_year=2023&to_year=2024").status_code == 404


def _section(html: str, heading: str) -> str:
    """The part of the diff page under one h2 heading, up to the next h2."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2>", start + 1)
    return html[start : end if end > 0 else None]


def test_a_finished_commitment_is_completed_and_a_dropped_one_removed(client, version_2023, editor):
    v2024 = _revised(version_2023, editor)
    services.delete_commitment(editor, v2024.commitments.get(title="Åtagande 1"))
    services.sign_version(editor, v2024)
    html = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").content.decode()
    completed, removed = _section(html, "Genomförda"), _section(html, "Borttagna")
    assert "Åtagande 2" in completed and 'class="diff-completed"' in completed
    assert "Åtagande 2" not in removed
    assert "Åtagande 1" in removed and 'class="diff-removed"' in removed
    assert "1 tillagda, 1 genomförda, 1 borttagna, 1 ändrade" in html


def test_changed_fields_are_named_by_labels_with_readable_values(client, version_2023, editor):
    _revised(version_2023, editor)
    client.force_login(editor)
    html = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").content.decode()
    changed = _section(html, "Ändrade")
    for label in ("Rubrik", "Status", "Planerat år"):
        assert f'<th scope="row">{label}</th>' in changed
    assert "Pågående" in changed and "Genomförd" in changed
    for code in ("planned_year", "in_progress", ">done<", ">title<"):
        assert code not in changed
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").content.decode()
    changed = _section(english, "Changed")
    assert '<th scope="row">Planned year</th>' in changed and "In progress" in changed


def test_a_section_text_change_is_shown_word_by_word(client, version_2023, editor):
    services.sign_version(editor, version_2023)
    v2024 = services.start_next_version(editor, version_2023)
    services.update_section_text(
        editor, v2024.sections.get(key="purpose"), "Öka takten kraftigt i klimatomställningen."
    )
    services.sign_version(editor, v2024)
    html = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024").content.decode()
    texts = _section(html, "Ändrade avsnittstexter")
    # The added word is marked with <ins> and announced in words, not by colour alone.
    assert '<ins><span class="visually-hidden">[tillagt: </span>kraftigt ' in texts
    assert "Öka takten " in texts and "i klimatomställningen." in texts
    assert "<del>" not in texts.split('class="word-diff"')[1]


def test_word_diff_keeps_the_text_and_marks_replacements():
    pieces = selectors.word_diff(
        "Fossilfritt 2030 i hela kommunen.", "Fossilfritt 2026 i kommunen."
    )
    assert pieces == [
        ("same", "Fossilfritt "),
        ("removed", "2030 "),
        ("added", "2026 "),
        ("same", "i "),
        ("removed", "hela "),
        ("same", "kommunen."),
    ]
    assert "".join(t for op, t in pieces if op != "removed") == "Fossilfritt 2026 i kommunen."
