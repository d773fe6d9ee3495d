"""A `Table` as a CSV or XLSX download: the format every page's download shares."""

import csv
import io

from openpyxl import Workbook, load_workbook

from klimatkontrakt.documents.tables import Table, add_sheet, attachment, csv_bytes, download

TABLE = Table(
    key="utslapp",
    title="Utsläpp",
    columns=[("year", "År"), ("t", "Ton CO2e"), ("note", "Not")],
    rows=[{"year": 2023, "t": 1.5, "note": "a, b"}, {"year": 2024, "t": None}],
    source="SMHI, 2024-04-18",
)


def test_csv_is_for_swedish_excel_semicolons_decimal_comma_and_a_bom():
    body = csv_bytes(TABLE)
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines()[1] == "2023;1,5;a, b"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["År", "Ton CO2e", "Not"], ["2023", "1,5", "a, b"], ["2024", "", ""]]


def test_international_csv_has_commas_and_a_decimal_point():
    response = download(TABLE, "csv-intl", filename="1780-utslapp")
    assert response["Content-Disposition"] == 'attachment; filename="1780-utslapp-intl.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["År", "Ton CO2e", "Not"], ["2023", "1.5", "a, b"], ["2024", "", ""]]


def test_xlsx_has_bold_frozen_headings_and_the_source_under_the_data():
    response = download(TABLE, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Data" and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    values = list(sheet.iter_rows(values_only=True))
    assert values[:3] == [("År", "Ton CO2e", "Not"), (2023, 1.5, "a, b"), (2024, None, None)]
    assert values[-1][0] == "SMHI, 2024-04-18" and values[-2] == (None, None, None)


def test_download_names_the_file_and_refuses_other_formats():
    response = download(TABLE, "csv", filename="1780-utslapp")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="1780-utslapp.csv"'
    assert download(TABLE, "xlsx")["Content-Disposition"].endswith('filename="utslapp.xlsx"')
    assert download(TABLE, "pdf").status_code == 400


def test_a_workbook_of_several_tables_gets_one_sheet_each():
    wb = Workbook()
    long_title = "Utsläpp per år och sektor, hela kommunkoncernen"
    add_sheet(wb, TABLE, long_title)
    body = io.BytesIO()
    wb.save(body)
    response = attachment(body.getvalue(), "tabeller.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1] == long_title[:31]  # Excel's limit on sheet names
    assert book.worksheets[1]["A2"].value == 2023
