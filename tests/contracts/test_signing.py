import pytest

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import Commitment, FrozenVersionError, Section


def test_signing_freezes_every_kind_of_edit(version_2023, editor, commitment_input_factory):
    c = Commitment.objects.filter(version=version_2023).first()
    section = Section.objects.get(version=version_2023, key="purpose")
    services.sign_version(editor, version_2023)
    version_2023.refresh_from_db()
    assert version_2023.is_signed and version_2023.is_published and version_2023.signed_by == editor
    with pytest.raises(FrozenVersionError):
        services.create_commitment(
            editor, version_2023, commitment_input_factory(version=version_2023, title="Nytt")
        )
    with pytest.raises(FrozenVersionError):
        services.update_commitment(
            editor,
            c,
            commitment_input_factory(version=version_2023, title="Ändrat"),
            expected_edit_version=c.edit_version,
        )
    with pytest.raises(FrozenVersionError):
        services.delete_commitment(editor, c)
    with pytest.raises(FrozenVersionError):
        services.update_section_text(editor, section, "Ny text")
    with pytest.raises(FrozenVersionError):
        services.sign_version(editor, version_2023)
    # Even code that bypasses the services cannot change a signed version's rows.
    c.title = "Direkt i databasen"
    with pytest.raises(FrozenVersionError):
        c.save()
    with pytest.raises(FrozenVersionError):
        section.delete()
    c.refresh_from_db()
    assert c.title == "Åtagande 1"


def test_signed_version_edit_page_says_so(editor_client, version_2023, editor):
    services.sign_version(editor, version_2023)
    c = Commitment.objects.filter(version=version_2023).first()
    r = editor_client.get(f"/kommun/1780/kontrakt/2023/atagande/{c.pk}/redigera/", follow=True)
    text = r.content.decode()
    assert (
        "signed and can no longer be changed" in text
        or "signerad och kan inte längre ändras" in text
    )
    r = editor_client.post(f"/kommun/1780/kontrakt/2023/atagande/{c.pk}/ta-bort/", follow=True)
    assert Commitment.objects.filter(pk=c.pk).exists()


def test_sign_page_requires_confirmation(editor_client, version_2023):
    assert editor_client.get("/kommun/1780/kontrakt/2023/signera/").status_code == 200
    version_2023.refresh_from_db()
    assert not version_2023.is_signed
    editor_client.post("/kommun/1780/kontrakt/2023/signera/")
    version_2023.refresh_from_db()
    assert version_2023.is_signed
