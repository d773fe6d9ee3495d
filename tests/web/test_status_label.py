"""One tag shows a commitment or action status in the page's language, everywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import translation

from klimatkontrakt.contracts.models import CommitmentStatus
from klimatkontrakt.plans.models import ActionStatus

pytestmark = pytest.mark.django_db


def _render(source, **context):
    return Template("{% load kk %}" + source).render(Context(context))


def test_label_follows_the_active_language(karlstad):
    status = ActionStatus(municipality=karlstad, key="done", name_sv="Genomförd", name_en="Done")
    assert _render("{% status_label s %}", s=status) == "Genomförd"
    with translation.override("en"):
        assert _render("{% status_label s %}", s=status) == "Done"


def test_badge_carries_the_key_and_escapes_the_name(karlstad):
    status = CommitmentStatus(
        municipality=karlstad, key="in_progress", name_sv="Pågår <snart>", name_en="Ongoing"
    )
    assert _render("{% status_label s badge=True %}", s=status) == (
        '<span class="status status-in_progress">Pågår &lt;snart&gt;</span>'
    )
    assert _render("{% status_label s %}", s=status) == "Pågår &lt;snart&gt;"


def test_no_status_shows_nothing():
    assert _render("[{% status_label s %}]", s=None) == "[]"


def test_a_status_key_from_a_change_history_is_named(karlstad):
    from klimatkontrakt.contracts.services import ensure_statuses

    ensure_statuses(karlstad)
    page = "{% status_label k %}|{% status_label k kind='action' %}|{% status_label 'x' %}"
    assert _render(page, k="in_progress", municipality=karlstad) == "Pågående|in_progress|x"


def test_a_status_change_in_history_and_diff_is_shown_by_name(demo, client):
    from klimatkontrakt.contracts.models import ContractVersion
    from klimatkontrakt.contracts.services import (
        CommitmentInput,
        start_next_version,
        update_commitment,
    )
    from klimatkontrakt.organisations.access import SYSTEM
    from klimatkontrakt.organisations.demo import DEMO_EDITOR

    signed = ContractVersion.objects.get(contract__municipality__code="1780", year=2024)
    draft = start_next_version(SYSTEM, signed)
    c = draft.commitments.filter(status__key="in_progress").first()
    done = CommitmentStatus.objects.get(municipality=c.version.contract.municipality, key="done")
    update_commitment(
        SYSTEM, c, CommitmentInput.of(c, status=done), expected_edit_version=c.edit_version
    )
    client.force_login(get_user_model().objects.get(username=DEMO_EDITOR))  # drafts are private
    history = client.get(f"/kommun/1780/kontrakt/{draft.year}/atagande/{c.pk}/").content.decode()
    assert "<del>Pågående</del> → <ins>Genomförd</ins>" in history
    diff = client.get(f"/kommun/1780/kontrakt/jamfor/?fran=2024&till={draft.year}").content.decode()
    assert (
        '<del><span class="visually-hidden">före: </span>Pågående</del></td>'
        '<td><ins><span class="visually-hidden">efter: </span>Genomförd</ins>'
    ) in diff
    assert "in_progress<" not in history + diff
