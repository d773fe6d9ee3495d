import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import Commitment, CommitmentChange, CommitmentStatus


def _input_from(c, **changes):
    data = services.CommitmentInput(
        party=c.party,
        section=c.section,
        title=c.title,
        status=c.status,
        description=c.description,
        planned_year=c.planned_year,
        responsible_department=c.responsible_department,
        tags=list(c.tags),
    )
    for k, v in changes.items():
        setattr(data, k, v)
    return data


def test_editor_adds_a_commitment_with_history(
    version_2023, editor, karlstad, commitment_input_factory
):
    dept = karlstad.departments.first()
    c = services.create_commitment(
        editor,
        version_2023,
        commitment_input_factory(
            version=version_2023,
            title="Laddplatser vid förvaltningens byggnader",
            planned_year=2024,
            responsible_department=dept,
            tags=["laddning", " Laddning ", "fordon"],
            description="Bygg laddinfrastruktur.",
        ),
    )
    assert c.tags == ["laddning", "fordon"]
    change = CommitmentChange.objects.get(commitment=c)
    assert change.user == editor and change.action == "created"
    assert change.changes["title"] == [None, "Laddplatser vid förvaltningens byggnader"]


def test_update_records_each_changed_field(version_2023, editor):
    c = Commitment.objects.filter(version=version_2023).first()
    done = CommitmentStatus.objects.get(municipality=version_2023.contract.municipality, key="done")
    updated = services.update_commitment(
        editor,
        c,
        _input_from(c, status=done, planned_year=2025),
        expected_edit_version=c.edit_version,
    )
    assert updated.edit_version == c.edit_version + 1
    change = CommitmentChange.objects.filter(commitment=c, action="updated").get()
    assert change.changes == {"planned_year": [None, 2025], "status": [c.status.key, "done"]}


def test_second_concurrent_save_is_refused(version_2023, editor):
    c = Commitment.objects.filter(version=version_2023).first()
    read_by_both = c.edit_version
    services.update_commitment(
        editor, c, _input_from(c, title="Först"), expected_edit_version=read_by_both
    )
    with pytest.raises(services.StaleEditError, match="Någon annan sparade"):
        services.update_commitment(
            editor, c, _input_from(c, title="Sedan"), expected_edit_version=read_by_both
        )
    c.refresh_from_db()
    assert c.title == "Först"


def test_invalid_input_names_the_field_and_saves_nothing(
    version_2023, editor, other_municipality, commitment_input_factory
):
    before = Commitment.objects.count()
    with pytest.raises(ValidationError) as err:
        services.create_commitment(
            editor,
            version_2023,
            commitment_input_factory(version=version_2023, title="  ", planned_year=1850),
        )
    assert set(err.value.message_dict) == {"title", "planned_year"}
    foreign_dept = other_municipality.departments.first()
    with pytest.raises(ValidationError) as err:
        services.create_commitment(
            editor,
            version_2023,
            commitment_input_factory(
                version=version_2023, title="Ok", responsible_department=foreign_dept
            ),
        )
    assert "responsible_department" in err.value.message_dict
    assert Commitment.objects.count() == before
    assert not CommitmentChange.objects.filter(commitment__title="Ok").exists()


def test_viewer_and_outsider_cannot_write(version_2023, viewer, outsider, commitment_input_factory):
    for user in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.create_commitment(
                user, version_2023, commitment_input_factory(version=version_2023, title="X")
            )


def test_edit_page_saves_and_reports_a_stale_edit(editor_client, version_2023):
    c = Commitment.objects.filter(version=version_2023).first()
    url = f"/kommun/1780/kontrakt/2023/atagande/{c.pk}/redigera/"
    page = editor_client.get(url)
    assert page.status_code == 200 and c.title in page.content.decode()
    form = {
        "title": "Nytt namn",
        "description": "",
        "party": c.party_id,
        "section": c.section_id,
        "planned_year": "2024",
        "status": c.status_id,
        "responsible_department": "",
        "tags": "a, b",
        "edit_version": c.edit_version,
    }
    r = editor_client.post(url, form)
    assert r.status_code == 302
    c.refresh_from_db()
    assert (c.title, c.tags, c.planned_year) == ("Nytt namn", ["a", "b"], 2024)
    stale = editor_client.post(url, {**form, "title": "Gammal flik"})
    assert stale.status_code == 200
    assert "Someone else saved" in stale.content.decode() or "Någon annan" in stale.content.decode()
    c.refresh_from_db()
    assert c.title == "Nytt namn"


def test_edit_page_shows_field_errors(editor_client, version_2023):
    c = Commitment.objects.filter(version=version_2023).first()
    r = editor_client.post(
        f"/kommun/1780/kontrakt/2023/atagande/{c.pk}/redigera/",
        {
            "title": "",
            "party": c.party_id,
            "section": c.section_id,
            "status": c.status_id,
            "planned_year": "abc",
            "edit_version": c.edit_version,
        },
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert set(form.errors) == {"title", "planned_year"}
    c.refresh_from_db()
    assert c.title == "Åtagande 1"


def test_editable_status_list(client, admin_user, editor, karlstad, version_2023):
    client.force_login(editor)
    assert client.get("/kommun/1780/kontrakt/statusar/").status_code == 403
    client.force_login(admin_user)
    page = client.get("/kommun/1780/kontrakt/statusar/")
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms) - 1),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, f in enumerate(formset.forms):
        inst = f.instance
        if inst.pk:
            data.update(
                {
                    f"form-{i}-id": inst.pk,
                    f"form-{i}-name_sv": inst.name_sv,
                    f"form-{i}-name_en": inst.name_en,
                    f"form-{i}-order": inst.order,
                }
            )
            if inst.carries_over:
                data[f"form-{i}-carries_over"] = "on"
        else:
            data.update(
                {
                    f"form-{i}-name_sv": "Vilande",
                    f"form-{i}-name_en": "Dormant",
                    f"form-{i}-order": "9",
                    f"form-{i}-carries_over": "on",
                }
            )
    assert client.post("/kommun/1780/kontrakt/statusar/", data).status_code == 302
    assert CommitmentStatus.objects.get(municipality=karlstad, name_sv="Vilande").key == "dormant"


def test_quick_status_change_with_htmx(editor_client, version_2023):
    c = Commitment.objects.filter(version=version_2023).first()
    done = CommitmentStatus.objects.get(municipality=version_2023.contract.municipality, key="done")
    url = f"/kommun/1780/kontrakt/2023/atagande/{c.pk}/status/"
    r = editor_client.post(
        url, {"status": done.pk, "edit_version": c.edit_version}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200
    assert f'id="c{c.pk}"' in r.content.decode() and "Genomförd" in r.content.decode()
    c.refresh_from_db()
    assert c.status == done
    stale = editor_client.post(url, {"status": done.pk, "edit_version": 1}, HTTP_HX_REQUEST="true")
    assert "Någon annan sparade" in stale.content.decode()
    plain = editor_client.post(url, {"status": "999999", "edit_version": c.edit_version})
    assert plain.status_code == 302
    c.refresh_from_db()
    assert c.status == done


def test_version_page_offers_quick_status_only_to_editors_of_drafts(
    editor_client, editor, version_2023
):
    assert "quick-status" in editor_client.get("/kommun/1780/kontrakt/2023/").content.decode()
    services.sign_version(editor, version_2023)
    assert "quick-status" not in editor_client.get("/kommun/1780/kontrakt/2023/").content.decode()
