"""An editor selects many proposals at once (967 → 60), and who selected them and why is kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatkontrakt.engagement.models import Proposal, ProposalSelection
from klimatkontrakt.engagement.services import proposals as services

pytestmark = pytest.mark.django_db


def test_the_selection_records_who_and_why_and_moves_the_state(editor, karlstad, proposal_factory):
    pool = proposal_factory.create_batch(20, municipality=karlstad, published=True)
    chosen = [p.pk for p in pool[::4]]
    selection = services.select_proposals(editor, karlstad, chosen, "Genomförbara och populära")
    assert (selection.selected_by, selection.reason) == (editor, "Genomförbara och populära")
    assert sorted(selection.proposals.values_list("pk", flat=True)) == sorted(chosen)
    assert set(Proposal.objects.filter(pk__in=chosen).values_list("state__key", flat=True)) == {
        "selected"
    }
    assert Proposal.objects.filter(state__key="received").count() == 15


def test_a_selection_needs_a_reason_and_published_proposals(editor, karlstad, proposal_factory):
    published = proposal_factory(municipality=karlstad, published=True)
    waiting = proposal_factory(municipality=karlstad)
    with pytest.raises(ValidationError):
        services.select_proposals(editor, karlstad, [published.pk], "  ")
    with pytest.raises(ValidationError):
        services.select_proposals(editor, karlstad, [published.pk, waiting.pk], "Bra")
    assert not ProposalSelection.objects.exists()


def test_another_municipalitys_proposal_cannot_be_selected(
    editor, karlstad, other_municipality, proposal_factory
):
    theirs = proposal_factory(municipality=other_municipality, published=True)
    with pytest.raises(ValidationError):
        services.select_proposals(editor, karlstad, [theirs.pk], "Bra")


def test_a_viewer_cannot_select(viewer, karlstad, proposal_factory):
    p = proposal_factory(municipality=karlstad, published=True)
    with pytest.raises(PermissionDenied):
        services.select_proposals(viewer, karlstad, [p.pk], "Bra")


def test_the_selection_page_selects_the_ticked_ones(editor_client, karlstad, proposal_factory):
    pool = proposal_factory.create_batch(3, municipality=karlstad, published=True)
    r = editor_client.post(
        "/kommun/1780/forslag/urval/",
        {"proposals": [pool[0].pk, pool[2].pk], "reason": "Elevrådets val"},
    )
    assert r.status_code == 302
    assert ProposalSelection.objects.get().proposals.count() == 2
