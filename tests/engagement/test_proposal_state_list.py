"""Each municipality keeps its own list of proposal states, edited like the other status lists;
the workflow keeps moving proposals by key whatever the names."""

import pytest

from klimatkontrakt.engagement.models import ProposalState
from klimatkontrakt.engagement.services.proposals import (
    DEFAULT_PROPOSAL_STATES,
    ensure_proposal_states,
)

pytestmark = pytest.mark.django_db


def test_the_defaults_are_created_per_municipality(karlstad, other_municipality):
    ensure_proposal_states(karlstad)
    keys = [d[0] for d in DEFAULT_PROPOSAL_STATES]
    assert (
        list(ProposalState.objects.filter(municipality=karlstad).values_list("key", flat=True))
        == keys
    )  # noqa: E501
    assert not ProposalState.objects.filter(municipality=other_municipality).exists()


def test_an_editor_renames_a_state_and_selection_still_finds_it(
    editor_client, editor, karlstad, proposal_factory
):  # noqa: E501
    from klimatkontrakt.engagement.services.proposals import select_proposals

    page = editor_client.get("/kommun/1780/forslag/statusar/").content.decode()
    assert "Inkommet" in page and "Utvalt" in page
    state = ProposalState.objects.get(municipality=karlstad, key="selected")
    form = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(state.pk),
            "form-0-name_sv": "Vidare till förvaltning", "form-0-name_en": "Passed on",
            "form-0-order": "1"}  # fmt: skip
    assert editor_client.post("/kommun/1780/forslag/statusar/", form).status_code == 302
    p = proposal_factory(municipality=karlstad, published=True)
    select_proposals(editor, karlstad, [p.pk], "Bra")
    p.refresh_from_db()
    assert (p.state.key, p.state.name_sv) == ("selected", "Vidare till förvaltning")


def test_a_viewer_cannot_edit_the_states(client, viewer, karlstad):
    client.force_login(viewer)
    assert client.get("/kommun/1780/forslag/statusar/").status_code == 403
