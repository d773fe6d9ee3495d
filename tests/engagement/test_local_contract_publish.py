"""Publishing the local contract: draft versions, the public page shows the latest published
one, a published version is frozen, and the catalogue's default needs its source."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from klimatkontrakt.engagement.services import local_contracts as services
from tests.engagement import local_contract_factories as factories

# The fixtures this module uses (pytest finds them by name here).
draft_version = factories.draft_version
local_contract = factories.local_contract

URL = "/kommun/1780/lokalt-klimatkontrakt/"


def test_the_public_page_shows_the_latest_published_version_not_a_draft(
    client, local_contract, draft_version, editor
):
    page = client.get(URL).content.decode()
    assert "Text v1" in page and "HEMLIGT UTKAST" not in page
    services.publish_version(editor, draft_version)
    page = client.get(URL).content.decode()
    assert "HEMLIGT UTKAST" in page and "Text v1" not in page


def test_a_published_version_cannot_be_changed(local_contract, editor):
    published = local_contract.versions.get(number=1)
    with pytest.raises(ValidationError):
        services.update_version(editor, published, title="Ändrad", text="Ändrad")


def test_an_editor_writes_and_publishes_through_the_pages(editor_client, karlstad):
    r = editor_client.post(URL + "redigera/version/ny/", {"title": "Vårt kontrakt", "text": "Hej"})
    assert r.status_code == 302
    assert editor_client.get(URL).content.decode().count("Vårt kontrakt") == 0
    editor_client.post(URL + "redigera/version/1/publicera/")
    assert "Vårt kontrakt" in editor_client.get(URL).content.decode()


def test_the_page_says_so_before_anything_is_published(client, karlstad):
    page = client.get(URL).content.decode()
    assert "inte publicerat" in page


def test_a_default_reduction_needs_its_source_and_a_known_sector(karlstad, editor):
    data = services.StandardPledgeInput(
        "Elbilar", "Transporter", "bil", default_t_per_unit=Decimal("1.5")
    )
    with pytest.raises(ValidationError) as refused:
        services.save_standard_pledge(editor, karlstad, data)
    assert "default_source" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.save_standard_pledge(
            editor, karlstad, services.StandardPledgeInput("X", "Rymdfart", "st")
        )
    assert "sector" in refused.value.message_dict


def test_the_catalogue_form_saves_a_custom_standard_pledge(editor_client, local_contract):
    r = editor_client.post(
        URL + "redigera/katalog/ny/",
        {"title": "Cykla till jobbet", "sector": "Transporter", "unit": "anställd",
         "default_t_per_unit": "0,2", "default_source": "Egen uppskattning", "is_active": "on"},
    )  # fmt: skip
    assert r.status_code == 302
    assert "Cykla till jobbet" in editor_client.get(URL).content.decode()
