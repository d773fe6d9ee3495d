import pytest
from django.core.exceptions import ValidationError

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import CommitmentChange


def test_next_version_carries_unfinished_commitments_over(version_2023, editor):
    # version_2023 has statuses planned, done, in_progress (Åtagande 1..3)
    with pytest.raises(ValidationError, match="Signera denna version"):
        services.start_next_version(editor, version_2023)
    services.sign_version(editor, version_2023)
    v2024 = services.start_next_version(editor, version_2023)
    assert v2024.year == 2024 and v2024.previous == version_2023 and not v2024.is_signed
    assert not v2024.is_published
    carried = {c.title: c for c in v2024.commitments.all()}
    assert set(carried) == {"Åtagande 1", "Åtagande 3"}
    for c in carried.values():
        assert c.is_carried_over
        assert c.carried_over_from.version == version_2023
        assert c.lineage == c.carried_over_from.lineage
        assert CommitmentChange.objects.filter(commitment=c, action="carried_over").exists()
    assert [s.key for s in v2024.sections.all()] == [s.key for s in version_2023.sections.all()]
    assert v2024.sections.get(key="purpose").body == "Öka takten i klimatomställningen."
    assert v2024.parties.count() == version_2023.parties.count()
    with pytest.raises(ValidationError, match="redan en version för 2024"):
        services.start_next_version(editor, version_2023)


def test_next_version_page(editor_client, version_2023, editor):
    services.sign_version(editor, version_2023)
    r = editor_client.post("/kommun/1780/kontrakt/2023/nasta-ar/")
    assert r.status_code == 302 and r.url == "/kommun/1780/kontrakt/2024/"
    page = editor_client.get("/kommun/1780/kontrakt/2024/")
    assert "Åtagande 3" in page.content.decode()
    assert "Åtagande 2" not in page.content.decode()
