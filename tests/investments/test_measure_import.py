import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from klimatkontrakt.investments.models import Measure, MeasureImport
from klimatkontrakt.investments.services import import_measures
from klimatkontrakt.sources.errors import SourceError
from tests.investments.conftest import give_sectors

HEADER = (
    "name;sector;department;start_year;lifetime_years;capex_sek;opex_change_sek_per_year;"
    "reduction_t_per_year;reduction_low_t_per_year;reduction_high_t_per_year;kind\n"
)
GOOD = HEADER + (
    "Värmepumpar i förskolor;Fastighetsenergi;TFF;2026;20;2 500 000;-120 000,50;45,5;30;50;"
    "investering\n"
    "Cykelpool;Resor;Miljöförvaltningen;2025;5;150000;10000;12;;;beteende\n"
)


def test_semicolon_decimal_comma_cp1252(sector_plan):
    result = import_measures(sector_plan, GOOD.encode("cp1252"), "atgarder.csv", check_access=False)
    assert (result.created, result.updated, result.already_imported) == (2, 0, False)
    pump = Measure.objects.get(plan=sector_plan, name="Värmepumpar i förskolor")
    assert float(pump.capex_sek) == 2_500_000
    assert float(pump.opex_change_sek_per_year) == -120_000.5
    assert float(pump.reduction_t_per_year) == 45.5
    assert pump.kind == "investment"
    assert pump.department.short_name == "TFF"


def test_utf16_with_bom(sector_plan):
    data = GOOD.encode("utf-16")
    assert import_measures(sector_plan, data, "atgarder.csv", check_access=False).created == 2


def test_same_file_twice_counts_once(sector_plan):
    import_measures(sector_plan, GOOD.encode(), "a.csv", check_access=False)
    again = import_measures(sector_plan, GOOD.encode(), "a.csv", check_access=False)
    assert again.already_imported
    assert Measure.objects.filter(plan=sector_plan).count() == 2
    assert MeasureImport.objects.filter(plan=sector_plan).count() == 1


def test_corrected_file_updates_by_name(sector_plan):
    import_measures(sector_plan, GOOD.encode(), "a.csv", check_access=False)
    fixed = GOOD.replace("45,5", "47")
    result = import_measures(sector_plan, fixed.encode(), "a.csv", check_access=False)
    assert (result.created, result.updated) == (0, 2)
    assert float(Measure.objects.get(name="Värmepumpar i förskolor").reduction_t_per_year) == 47


def test_bad_rows_reject_whole_file_naming_row_and_column(sector_plan):
    bad = HEADER + (
        "Ok;Energi;TFF;2026;20;100;0;5;;;\n"
        "Fel;Energi;TFF;tjugo;20;100;0;5;;;\n"
        "Fel2;Energi;TFF;2026;20;100;0;5;9;;\n"
    )
    with pytest.raises(SourceError) as err:
        import_measures(sector_plan, bad.encode(), "plan.csv", check_access=False)
    text = str(err.value)
    assert "plan.csv, rad 3, kolumn start_year: 'tjugo' är inte ett heltal" in text
    assert "plan.csv, rad 4, kolumn reduction_low_t_per_year" in text
    assert Measure.objects.filter(plan=sector_plan).count() == 0


def test_missing_column_and_unknown_department(sector_plan):
    with pytest.raises(SourceError, match="kolumner saknas: capex_sek"):
        import_measures(
            sector_plan,
            b"name;sector;department;start_year;lifetime_years;opex_change_sek_per_year;"
            b"reduction_t_per_year\nA;Energi;TFF;2025;5;0;1\n",
            "x.csv",
            check_access=False,
        )
    with pytest.raises(SourceError, match=r"x\.csv, rad 2, kolumn department: 'Okänd'"):
        import_measures(
            sector_plan,
            (HEADER + "A;Energi;Okänd;2025;5;0;0;1;;;\n").encode(),
            "x.csv",
            check_access=False,
        )
    assert not Measure.objects.filter(plan=sector_plan).exists()


def test_xlsx_import(sector_plan):
    wb = Workbook()
    ws = wb.active
    ws.append(["name", "sector", "department", "start_year", "lifetime_years", "capex_sek",
               "opex_change_sek_per_year", "reduction_t_per_year"])  # fmt: skip
    ws.append(["LED", "Fastighetsenergi", "TFF", 2025, 15, 600000, -90000, 8.5])
    buf = io.BytesIO()
    wb.save(buf)
    assert import_measures(sector_plan, buf.getvalue(), "m.xlsx", check_access=False).created == 1
    assert float(Measure.objects.get(name="LED").reduction_t_per_year) == 8.5


def test_import_needs_editor(sector_plan, viewer, outsider):
    from django.core.exceptions import PermissionDenied

    for user in (None, viewer, outsider):
        with pytest.raises(PermissionDenied):
            import_measures(sector_plan, GOOD.encode(), "a.csv", user=user)


def test_the_csv_download_reads_back_in(client, editor, sector_plan, investment_plan_factory):
    # The measures' CSV download is for Swedish Excel and is the import's format, so an
    # edited download can be taken in again.
    import_measures(sector_plan, GOOD.encode(), "a.csv", check_access=False)
    sector_plan.is_published = True
    sector_plan.save()
    url = reverse("investments:export", args=["1780", sector_plan.pk])
    body = client.get(url, {"format": "csv"}).content
    other = give_sectors(
        investment_plan_factory(municipality=sector_plan.municipality, name="Kopia")
    )
    assert import_measures(other, body, "atgarder.csv", check_access=False).created == 2
    pump = Measure.objects.get(plan=other, name="Värmepumpar i förskolor")
    assert float(pump.opex_change_sek_per_year) == -120_000.5


def test_a_sector_the_plan_does_not_have_is_refused_with_its_row(sector_plan):
    bad = HEADER + "Ok;Energi;TFF;2026;20;100;0;5;;;\nFel;Transporter;TFF;2026;20;100;0;5;;;\n"
    with pytest.raises(SourceError) as err:
        import_measures(sector_plan, bad.encode(), "plan.csv", check_access=False)
    (problem,) = err.value.problems
    assert (problem.row, problem.column) == (3, "sector")
    assert "”Transporter” är inte en sektor i den här planen" in problem.message
    assert "Energi, Fastighetsenergi, Resor" in problem.message
    assert not Measure.objects.filter(plan=sector_plan).exists()


def test_a_plan_without_sectors_refuses_the_file_once(empty_plan):
    with pytest.raises(SourceError) as err:
        import_measures(empty_plan, GOOD.encode(), "a.csv", check_access=False)
    (problem,) = err.value.problems
    assert problem.column == "sector" and "Planen har inga sektorer ännu" in problem.message
