import pytest
from django.utils import translation

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kolada_kpis import kolada_area_code, load_climate_kpis


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """These tests read the messages in English; the Swedish wording is checked through the
    upload pages (tests/web/test_import_messages.py)."""
    with translation.override("en"):
        yield


HEADER = "id,name_sv,name_en,unit,direction,level,in_default_set,comment\n"


def test_default_set_covers_the_climate_areas():
    kpis = {k.id: k for k in load_climate_kpis()}
    assert {"N07702", "N00401"} <= kpis.keys()  # total and per inhabitant
    sectors = [k for k in kpis.values() if k.name_en.startswith("Greenhouse gas emissions, ")]
    assert len(sectors) >= 6  # total plus at least five sectors
    names = " ".join(k.name_en.lower() for k in kpis.values())
    for area in (
        "electric cars",
        "charging points",
        "district heating",
        "electricity",
        "public transport",
    ):
        assert area in names, area
    assert all(k.direction in ("up", "down") for k in kpis.values())
    assert kpis["N07702"].direction == "down"
    assert kpis["N07945"].direction == "up"
    assert kpis["N60404"].level == "region"


def test_every_row_names_its_evidence():
    assert all(k.comment for k in load_climate_kpis(default_only=False))


def test_rows_outside_the_default_set_are_left_out(tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(
        HEADER + "N00001,a,b,t,up,municipality,no,unconfirmed\n"
        "N00002,a,b,t,down,municipality,yes,seen\n",
        encoding="utf-8",
    )
    assert [k.id for k in load_climate_kpis(path)] == ["N00002"]
    assert len(load_climate_kpis(path, default_only=False)) == 2


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("X1,a,b,t,up,municipality,yes,c", "id"),
        ("N00001,a,b,t,sideways,municipality,yes,c", "direction"),
        ("N00001,,b,t,up,municipality,yes,c", "name_sv"),
        ("N00001,a,b,t,up,county,yes,c", "level"),
        ("N00001,a,b,t,up,municipality,maybe,c", "in_default_set"),
    ],
)
def test_bad_rows_name_file_row_and_column(tmp_path, row, column):
    path = tmp_path / "kpis.csv"
    path.write_text(HEADER + "N00009,a,b,t,up,municipality,yes,c\n" + row + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_climate_kpis(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.column) == ("kpis.csv", 3, column)
    assert "kpis.csv, row 3" in str(caught.value)


def test_duplicate_id_is_refused(tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(HEADER + "N00001,a,b,t,up,municipality,yes,c\n" * 2, encoding="utf-8")
    with pytest.raises(SourceError, match="appears twice"):
        load_climate_kpis(path)


def test_region_level_kpis_use_the_region_code():
    assert kolada_area_code("1780", "region") == "0017"
    assert kolada_area_code("1780", "municipality") == "1780"
