"""Files the national comparison refuses or skips, and what it says about them."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from klimatkontrakt.comparison.models import Figure, SourceFile
from klimatkontrakt.comparison.services import import_kpi_file
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.kpis import NameMatcher

pytestmark = pytest.mark.django_db

POWERCIRCLE = '"","Antal laddbara fordon","Antal laddpunkter"\n'


@pytest.fixture
def towns(municipality_factory):  # type: ignore[no-untyped-def]
    return [
        municipality_factory(code="1780", name="Karlstad"),
        municipality_factory(code="2023", name="Malung-Sälen"),
        municipality_factory(code="0114", name="Upplands Väsby"),
    ]


def _cycle_workbook(rows: list[tuple], title_rows: int = 0) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "2025"
    for _ in range(title_rows):
        ws.append(["Cykelnät per väghållare"])
    ws.append(["Län", "Kommun", "Väghållare", "Enskild", "Kommunal", "Statlig"])
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_an_unmatched_name_is_reported_with_file_row_and_column_and_leaves_no_trace(towns):
    content = (POWERCIRCLE + '"KARLSTAD","10","2"\n"STORSTAD","5","1"\n').encode()
    with pytest.raises(SourceError) as refused:
        import_kpi_file(content, "powercircle_municipality_data_jan_2026.csv")
    (message,) = refused.value.messages
    assert message.startswith("powercircle_municipality_data_jan_2026.csv, rad 3, kolumn A")
    assert "'STORSTAD'" in message and "SCB" in message
    assert not SourceFile.objects.exists() and not Figure.objects.exists()
    assert not Indicator.objects.exists()


def test_a_bad_number_names_its_cell_in_swedish(towns):
    content = _cycle_workbook([("Värmland", "Karlstad", None, "-", "många", 10.0)])
    with pytest.raises(SourceError) as refused:
        import_kpi_file(content, "cykelnat.xlsx")
    assert refused.value.messages == [
        "cykelnat.xlsx, rad 2, kolumn E (Kommunal): 'många' är inte ett tal"
    ]
    assert not SourceFile.objects.exists()


def test_a_later_edition_with_the_header_lower_down_is_still_read(towns):
    content = _cycle_workbook(
        [
            ("Total", None, None, 1.0, 2.0, 3.0),
            ("Värmland", "Total", None, 1.0, 2.0, 3.0),
            ("Värmland", "Karlstad", None, "-", 250.5, 49.5),
            ("Dalarna", "Malung", None, 1.0, 2.0, 3.0),
            ("Stockholm", "Upplands-Väsby", None, 1.0, 2.0, 3.0),
        ],
        title_rows=3,
    )
    result = import_kpi_file(content, "cykelnat-2026.xlsx")
    assert result.figures == 3
    karlstad = Figure.objects.get(municipality__code="1780")
    assert (karlstad.number, karlstad.year, karlstad.row) == (300.0, 2025, 7)


def test_the_same_file_twice_counts_once(towns):
    content = (POWERCIRCLE + '"KARLSTAD","10","2"\n').encode()
    first = import_kpi_file(content, "a.csv")
    again = import_kpi_file(content, "renamed.csv")
    assert not first.already_imported and again.already_imported
    assert SourceFile.objects.count() == 1 and Figure.objects.count() == 2


def test_a_file_no_reader_knows_is_skipped_and_said_so(towns, tmp_path: Path):
    (tmp_path / "notes.csv").write_text("a;b\n1;2\n")
    (tmp_path / "readme.txt").write_text("hello")
    (tmp_path / "laddning_dec_2025.csv").write_text(POWERCIRCLE + '"KARLSTAD","10","0"\n')
    out = io.StringIO()
    call_command("import_kpis", str(tmp_path), stdout=out)
    assert "Hoppade över (ingen känd fil): notes.csv" in out.getvalue()
    assert "Hoppade över (ingen känd fil): readme.txt" in out.getvalue()
    assert SourceFile.objects.get().edition == "december 2025"


def test_a_refused_file_fails_the_command_after_the_others_are_taken_in(towns, tmp_path: Path):
    (tmp_path / "a_dec_2025.csv").write_text(POWERCIRCLE + '"KARLSTAD","10","0"\n')
    (tmp_path / "b_dec_2025.csv").write_text(POWERCIRCLE + '"NOWHERE","10","0"\n')
    err = io.StringIO()
    with pytest.raises(CommandError, match="b_dec_2025.csv"):
        call_command("import_kpis", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "'NOWHERE'" in err.getvalue()
    assert SourceFile.objects.get().file_name == "a_dec_2025.csv"


def test_no_public_charging_point_gives_no_value_and_says_why(towns):
    import_kpi_file((POWERCIRCLE + '"KARLSTAD","10","0"\n').encode(), "x_dec_2025.csv")
    out = io.StringIO()
    call_command("kpis", "1780", stdout=out)
    assert '"evs_per_charge_point": null' in out.getvalue()
    assert "ingen publik laddpunkt" in out.getvalue()


def test_only_an_administrator_imports_national_files(towns, user_factory):
    editor = user_factory(username="e", member_of=towns[0])
    with pytest.raises(PermissionDenied):
        import_kpi_file(POWERCIRCLE.encode(), "x.csv", user=editor)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Malung", "2023"),
        ("Malung-Sälens kommun", "2023"),
        ("Upplands-Väsby", "0114"),
        ("UPPLANDS VÄSBY", "0114"),
        ("Karlstads kommun", "1780"),
        ("Falu kommun", "2080"),
        ("Region Gotland", "0980"),
        ("Region Gotland (kommun)", "0980"),
        ("Haparanda stad", "2583"),
        ("Bergs kommun", "2326"),
    ],
)
def test_publishers_spellings_match_scb_codes(written: str, code: str) -> None:
    names = NameMatcher(
        {
            "2023": "Malung-Sälen",
            "0114": "Upplands Väsby",
            "1780": "Karlstad",
            "2080": "Falun",
            "0980": "Gotland",
            "2583": "Haparanda",
            "2326": "Berg",
            "0180": "Stockholm",
        }
    )
    assert names.code(written) == code
    assert names.code("Storstad") is None


def test_a_known_table_without_its_columns_is_refused_naming_them(towns):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Tabell 5 Personbil"
    ws.append(["Tabell 5. Nyregistrerade personbilar efter kommun och drivmedel. År 2026."])
    ws.append(["Kommun-", "Kommun", "Bensin", "El", "Totalt"])  # no Laddhybrider
    ws.append([1780, "Karlstad", 1, 2, 3])
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(SourceError) as refused:
        import_kpi_file(buf.getvalue(), "fordon-2026.xlsx")
    assert refused.value.messages == [
        "fordon-2026.xlsx: bladet Tabell 5 Personbil har ingen rubrikrad med kolumnerna "
        "Kommun, El, Laddhybrider, Totalt"
    ]
    assert not SourceFile.objects.exists()


@pytest.mark.parametrize("form", ["json", "csv"])
def test_kpis_names_an_unknown_municipality_code(towns, form):
    with pytest.raises(CommandError, match="Okända kommunkoder: 9999"):
        call_command("kpis", "1780", "9999", "--format", form, stdout=io.StringIO())


@pytest.mark.django_db
def test_a_figure_without_its_file_names_the_publisher_not_the_layout_code(
    municipality_factory, client
):
    """Before any import (a fresh demo), each figure says which publisher's file is missing,
    in words: the layout's code ("consumption_per_capita") never reaches a page."""
    from klimatkontrakt.comparison.selectors import national_table

    municipality_factory(code="1780", name="Karlstad")
    (row,) = national_table()
    reason = row.values["consumption_t_per_capita"].reason
    assert reason == "ingen fil från Klimatkollen (konsumtionsbaserade utsläpp) är importerad"
    for value in row.values.values():
        assert "_" not in value.reason, value.reason
    page = client.get("/jamforelse/").content.decode()
    assert "Klimatkollen (konsumtionsbaserade utsläpp)" in page
    assert "consumption_per_capita" not in page
