"""`klimatkontrakt proposals --municipality CODE --format json` prints the published totals."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.cli import main
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.engagement.services.proposals import AnswerInput

pytestmark = pytest.mark.django_db
KEYS = {"total", "by_state", "by_department", "overdue", "median_days_to_answer", "answered_share"}


def test_the_json_has_the_documented_keys_and_figures(assigned, editor, karlstad, proposal_factory):
    proposal_factory(municipality=karlstad)  # waiting for moderation: not counted
    services.answer_proposal(editor, assigned[0], AnswerInput(decision="accepted", text="Ja"))
    out = io.StringIO()
    call_command("proposals", municipality="1780", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= KEYS
    assert data["total"] == 5 and data["by_state"]["assigned"] == 4
    assert data["by_state"]["answered"] == 1 and data["answered_share"] == pytest.approx(0.2)
    assert data["median_days_to_answer"] == 0.0 and data["overdue"] == 0


def test_the_console_command_maps_dashes(capsys, karlstad):
    main(["proposals", "--municipality", "1780", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 0 and data["median_days_to_answer"] is None
    assert data["answered_share"] is None


def test_an_unknown_municipality_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no municipality with code 9999"):
        call_command("proposals", municipality="9999")
