"""One tag shows a commitment or action status in the page's language, everywhere."""

import pytest
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
