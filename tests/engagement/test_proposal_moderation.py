"""Nothing is public before moderation; a hidden proposal keeps its reason; personal data edited
out of the text leaves the original private, also out of the change log."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.services import proposals as services

pytestmark = pytest.mark.django_db


def test_a_waiting_proposal_is_not_public(client, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad, text="Väntande förslag")
    assert "Väntande förslag" not in client.get("/kommun/1780/forslag/").content.decode()
    assert client.get(f"/kommun/1780/forslag/{p.pk}/").status_code == 404
    assert client.get(f"/api/proposals/1780/{p.pk}").status_code == 404


def test_hiding_needs_a_reason_which_is_kept(editor, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad)
    with pytest.raises(ValidationError):
        services.moderate(editor, p, publish=False)
    services.moderate(editor, p, publish=False, reason="offensive", note="Svordomar")
    p.refresh_from_db()
    assert (p.moderation, p.hidden_reason, p.moderation_note) == (
        "hidden",
        "offensive",
        "Svordomar",
    )
    assert p.moderated_by == editor


def test_personal_data_edited_out_stays_private(editor_client, editor, karlstad, proposal_factory):
    p = proposal_factory(
        municipality=karlstad, text="Jag heter Lisa Svensson och vill ha fler träd"
    )
    r = editor_client.post(
        f"/kommun/1780/forslag/{p.pk}/granska/",
        {"publish": "yes", "text": "Jag vill ha fler träd", "note": "Namn borttaget"},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.is_published and p.original_text.startswith("Jag heter Lisa")
    client = Client()
    public = client.get(f"/kommun/1780/forslag/{p.pk}/").content.decode()
    assert "fler träd" in public and "Lisa" not in public
    assert "Lisa" not in client.get(f"/api/proposals/1780/{p.pk}").content.decode()
    assert "Lisa" in editor_client.get(f"/kommun/1780/forslag/{p.pk}/").content.decode()
    logged = " ".join(str(e.before) + str(e.after) for e in ChangeLogEntry.objects.all())
    assert "Lisa" not in logged


def test_publishing_many_at_once_publishes_only_the_waiting_ones(
    editor, karlstad, proposal_factory
):
    waiting = proposal_factory.create_batch(3, municipality=karlstad)
    hidden = proposal_factory(municipality=karlstad, moderation=Proposal.Moderation.HIDDEN)
    n = services.publish_many(editor, karlstad, [p.pk for p in [*waiting, hidden]])
    assert n == 3
    assert Proposal.objects.filter(moderation="approved").count() == 3
    assert ChangeLogEntry.objects.filter(object_type="engagement.proposal").count() >= 3


def test_a_viewer_cannot_moderate(client, viewer, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad)
    client.force_login(viewer)
    r = client.post(f"/kommun/1780/forslag/{p.pk}/granska/", {"publish": "yes", "text": "x"})
    assert r.status_code == 403
    p.refresh_from_db()
    assert p.moderation == "pending"
