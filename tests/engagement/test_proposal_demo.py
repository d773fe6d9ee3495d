"""The demo's proposals for Karlstad: 967 labelled example pupil proposals, 60 selected and
assigned, some answered and some overdue; loading twice changes nothing."""

import io

import pytest

from klimatkontrakt.engagement import proposal_demo
from klimatkontrakt.engagement.models import Proposal
from klimatkontrakt.engagement.selectors.proposals import totals

pytestmark = pytest.mark.django_db


@pytest.fixture
def karlstad_group(karlstad, department_factory):
    for name, short in [
        ("Stadsbyggnadsförvaltningen", "SBF"),
        ("Barn- och ungdomsförvaltningen", "BUF"),
        ("Karlstads Energi AB", "KEAB"),
        ("Miljöförvaltningen", "MF"),
    ]:
        department_factory(municipality=karlstad, name=name, short_name=short)
    return karlstad


def test_the_demo_loads_labelled_example_proposals_once(karlstad_group):
    proposal_demo.load(karlstad_group, io.StringIO())
    figures = totals(karlstad_group)
    assert (figures.total, figures.selected) == (967, 60)
    assert figures.answered == proposal_demo.ANSWERED and figures.overdue == proposal_demo.OVERDUE
    assert figures.median_days_to_answer is not None
    assert len(figures.by_department) == 5
    texts = Proposal.objects.values_list("text", "school")
    assert all(t.endswith("(exempel)") and s.startswith("Exempelskolan") for t, s in texts)
    assert len({t for t, _ in texts}) > 100  # templates × themes × places, not one sentence
    out = io.StringIO()
    proposal_demo.load(karlstad_group, out)
    assert "already loaded" in out.getvalue() and Proposal.objects.count() == 967


def test_the_example_file_is_the_same_every_time():
    assert proposal_demo.example_file() == proposal_demo.example_file()
