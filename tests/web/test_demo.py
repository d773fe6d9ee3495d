"""`klimatkontrakt demo`: running it again changes nothing, and the demo is ready to browse."""

import pytest
from django.core.management import call_command

from klimatkontrakt.contracts.models import Commitment, ContractVersion
from klimatkontrakt.organisations.models import Municipality


@pytest.mark.django_db
def test_demo_is_idempotent_and_ready_to_browse(demo, client):
    counts = (
        Municipality.objects.count(),
        ContractVersion.objects.count(),
        Commitment.objects.count(),
    )
    call_command("demo")
    assert (
        Municipality.objects.count(),
        ContractVersion.objects.count(),
        Commitment.objects.count(),
    ) == counts
    assert counts[0] == 290
    years = list(
        ContractVersion.objects.filter(contract__municipality__code="1780").values_list(
            "year", flat=True
        )
    )
    assert years == [2023, 2024]
    page = client.get("/kommun/1780/")
    assert "/kommun/1780/kontrakt/jamfor/?fran=2023&amp;till=2024" in page.content.decode()
    diff = client.get("/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024")
    assert diff.status_code == 200
    d = diff.context["diff"]
    assert d.added and d.completed and d.changed and d.carried_over
    assert d.removed == []  # the 2023 commitments left behind were all carried out
    text = client.get("/kommun/1780/kontrakt/2024/").content.decode()
    assert "fossil" in text.lower() and "110 mnkr" in text
