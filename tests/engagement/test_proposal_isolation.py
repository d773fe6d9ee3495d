"""Another municipality's editor or viewer, and anonymous visitors, see no unpublished proposal of
Karlstad and no contact details, through any proposal page or API endpoint."""

import pytest
from django.test import Client

from klimatkontrakt.organisations.services import grant_role
from tests.engagement.proposal_factories import SECRET_EMAIL, SECRET_TEXT, citizen_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(karlstad, proposal_factory):
    """A waiting proposal with a secret text, and a published one with secret contact details."""
    waiting = proposal_factory(municipality=karlstad, text=SECRET_TEXT)
    public = citizen_proposal(karlstad)
    return waiting, public


@pytest.fixture(params=["outsider-editor", "outsider-viewer", "anonymous"])
def intruder(request, user_factory, other_municipality):
    c = Client()
    if request.param != "anonymous":
        user = user_factory(username=request.param)
        grant_role(user, other_municipality.organisation, request.param.split("-")[1])
        c.force_login(user)
    return c


def test_no_view_or_endpoint_shows_them(intruder, hidden):
    waiting, public = hidden
    urls = [
        "/kommun/1780/forslag/",
        f"/kommun/1780/forslag/{waiting.pk}/",
        f"/kommun/1780/forslag/{public.pk}/",
        "/kommun/1780/forslag/arbete/",
        f"/kommun/1780/forslag/{waiting.pk}/granska/",
        f"/kommun/1780/forslag/{public.pk}/svara/",
        "/kommun/1780/forslag/urval/",
        "/api/proposals/1780/",
        f"/api/proposals/1780/{waiting.pk}",
        f"/api/proposals/1780/{public.pk}",
        "/api/proposals/1780/totals",
    ]
    for url in urls:
        r = intruder.get(url)
        assert r.status_code < 500, url
        body = r.content.decode()
        assert SECRET_TEXT not in body and SECRET_EMAIL not in body, url
        assert "Hemlig Medborgare" not in body, url


def test_no_write_reaches_them(intruder, hidden):
    waiting, public = hidden
    intruder.post(f"/kommun/1780/forslag/{waiting.pk}/granska/", {"publish": "yes", "text": "x"})
    intruder.post("/kommun/1780/forslag/urval/", {"proposals": [public.pk], "reason": "x"})
    r = intruder.post(
        "/api/proposals/1780/select",
        {"proposal_ids": [public.pk], "reason": "x"},
        content_type="application/json",
    )
    assert r.status_code in (401, 403)
    waiting.refresh_from_db()
    public.refresh_from_db()
    assert waiting.moderation == "pending" and public.selection is None


def test_the_municipalitys_viewer_sees_the_waiting_one_but_no_contact(client, viewer, hidden):
    waiting, public = hidden
    client.force_login(viewer)
    assert SECRET_TEXT in client.get(f"/kommun/1780/forslag/{waiting.pk}/").content.decode()
    assert SECRET_EMAIL not in client.get(f"/kommun/1780/forslag/{public.pk}/").content.decode()


def test_the_editor_sees_the_contact(editor_client, hidden):
    _, public = hidden
    assert SECRET_EMAIL in editor_client.get(f"/kommun/1780/forslag/{public.pk}/").content.decode()
