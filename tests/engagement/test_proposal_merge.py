"""Merged duplicates link to the proposal that carries on; its public page points there; the
totals count the one that carries on only."""

import pytest
from django.core.exceptions import ValidationError

from klimatkontrakt.engagement.selectors.proposals import totals
from klimatkontrakt.engagement.services import proposals as services

pytestmark = pytest.mark.django_db


def test_merged_proposals_point_to_the_one_that_carries_on(
    client, editor, karlstad, proposal_factory
):
    keep, a, b = proposal_factory.create_batch(3, municipality=karlstad, published=True)
    a.themes.create(municipality=karlstad, name="transport")
    services.merge_proposals(editor, keep, [a, b])
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.merged_into == keep and b.merged_into == keep and a.state.key == "merged"
    assert [t.name for t in keep.themes.all()] == ["transport"]
    page = client.get(f"/kommun/1780/forslag/{a.pk}/").content.decode()
    assert f'href="/kommun/1780/forslag/{keep.pk}/"' in page
    assert totals(karlstad).total == 1


def test_a_proposal_merged_into_a_merged_one_follows_it(editor, karlstad, proposal_factory):
    first, second, third = proposal_factory.create_batch(3, municipality=karlstad, published=True)
    services.merge_proposals(editor, second, [third])
    services.merge_proposals(editor, first, [second])
    third.refresh_from_db()
    assert third.merged_into == first


def test_merging_needs_others_of_the_same_municipality(
    editor, karlstad, other_municipality, proposal_factory
):
    keep = proposal_factory(municipality=karlstad, published=True)
    theirs = proposal_factory(municipality=other_municipality, published=True)
    with pytest.raises(ValidationError):
        services.merge_proposals(editor, keep, [keep])
    with pytest.raises(ValidationError):
        services.merge_proposals(editor, keep, [theirs])


def test_the_merge_page_merges_by_number(editor_client, karlstad, proposal_factory):
    keep, dup = proposal_factory.create_batch(2, municipality=karlstad, published=True)
    r = editor_client.post(f"/kommun/1780/forslag/{keep.pk}/sla-ihop/", {"others": f"#{dup.pk}"})
    assert r.status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == keep
    r = editor_client.post(f"/kommun/1780/forslag/{keep.pk}/sla-ihop/", {"others": "999999"})
    assert r.status_code == 200 and "error-summary" in r.content.decode()
