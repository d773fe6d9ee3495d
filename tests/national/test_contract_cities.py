"""The contract cities come from the shipped list (its source in organisations/data/README.md):
the command marks exactly them, and a name that matches no municipality refuses the file."""

import io

import pytest
from django.core.management import CommandError, call_command

from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.services import (
    BUNDLED_CODE_LIST,
    BUNDLED_CONTRACT_CITIES,
    import_municipalities,
    set_contract_cities,
)
from klimatkontrakt.sources.errors import SourceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def sweden(db):
    import_municipalities(BUNDLED_CODE_LIST)


def test_the_shipped_list_marks_the_23_contract_cities_and_only_them(sweden):
    Municipality.objects.filter(code="0114").update(in_climate_contract=True)  # Upplands Väsby
    out = io.StringIO()
    call_command("contract_cities", stdout=out)
    marked = set(
        Municipality.objects.filter(in_climate_contract=True).values_list("name", flat=True)
    )
    assert len(marked) == 23
    assert {"Karlstad", "Göteborg", "Östersund", "Järfälla"} <= marked
    assert "Upplands Väsby" not in marked
    assert "23 (23 newly marked, 1 unmarked)" in out.getvalue()


def test_the_shipped_list_matches_the_shared_data(shared_data):
    shipped = BUNDLED_CONTRACT_CITIES.read_text(encoding="utf-8")
    assert shipped == (shared_data / "klimatkontrakt2030_cities.csv").read_text(encoding="utf-8")


def test_running_it_twice_changes_nothing(sweden):
    set_contract_cities()
    again = set_contract_cities()
    assert (again.marked, again.unmarked, len(again.names)) == (0, 0, 23)


def test_a_name_that_matches_no_municipality_refuses_the_whole_file(sweden, tmp_path):
    path = tmp_path / "stader.csv"
    path.write_text("kommun,source_1\nKarlstad,x\nKarlstadt,x\nUmeå,x\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        set_contract_cities(path)
    message = str(caught.value)
    assert "stader.csv" in message and "rad 3" in message and "kolumn kommun" in message
    assert "Karlstadt" in message
    assert not Municipality.objects.filter(in_climate_contract=True).exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("stad\nKarlstad\n", "kommun"),
        ("kommun\nKarlstad\nkarlstad\n", "rad 3"),
        ("kommun\n,x\n", "rad 2"),
        ("kommun\n", "ingen kommun"),
    ],
)
def test_bad_lists_are_refused_with_row_and_column(sweden, tmp_path, content, expected):
    path = tmp_path / "lista.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("contract_cities", str(path), stdout=io.StringIO())
    assert expected in str(caught.value)
    assert not Municipality.objects.filter(in_climate_contract=True).exists()
