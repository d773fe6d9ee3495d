"""Every grant reader on the real sample and on bad files: each fault named with file, row and
column, and nothing read from a refused file."""

from decimal import Decimal

import pytest

from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.grant_records import read_template
from klimatkontrakt.sources.klimatklivet import read_klimatklivet
from klimatkontrakt.sources.swecris import read_swecris, reference_of
from tests.funding.grant_files import (
    REAL_KLIMATKLIVET_ROWS,
    klimatklivet,
    swecris,
    swecris_row,
    template_csv,
)


def test_the_real_swecris_sample_is_read_whole(shared_data):
    path = shared_data / "funding" / "swecris_export_sample.csv"
    records = read_swecris(path.read_bytes(), path.name)
    assert len(records) == 1500
    assert sum(r.amount_sek for r in records) > 0
    kau = [r for r in records if r.recipient_org_number == "202100-3120"]
    assert kau and all(r.recipient_name == "Karlstads universitet" for r in kau)
    funders = {r.funder for r in records}
    assert {"Vinnova", "Formas", "Statens energimyndighet", "Vetenskapsrådet"} <= funders
    # No person's name is kept: the researchers listed in InvolvedPeople appear nowhere.
    assert not any("Moyses" in str(r) for r in records)


def test_swecris_reference_is_the_funders_diarienummer():
    assert reference_of("2022-00096_Vinnova") == "2022-00096"
    assert reference_of("2020-05223_VR") == "2020-05223"


def test_swecris_rows_of_one_grant_recipient_and_year_are_added_up():
    data = swecris(
        swecris_row(
            "2024-1_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "100.0", "2024.0"
        ),
        swecris_row(
            "2024-1_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "50.5", "2024.0"
        ),
    )
    (record,) = read_swecris(data, "s.csv")
    assert record.amount_sek == Decimal("150.50") and record.year == 2024
    assert record.categories == "20799 Övrig naturresursteknik"


def test_a_bad_swecris_file_names_file_row_and_column():
    data = swecris(
        swecris_row(
            "2024-1_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "100.0", "2024.0"
        ),
        swecris_row(
            "2024-2_Vinnova", "212000-1851", "Karlstads kommun", "Vinnova", "100.0", "2024.0"
        ),
        swecris_row(
            "2024-3_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "mycket", "2024.0"
        ),
        swecris_row(
            "2024-4_Vinnova", "212000-1850", "Karlstads kommun", "Vinnova", "1.0", "3024.0"
        ),
    )
    with pytest.raises(SourceError) as err:
        read_swecris(data, "swecris.csv")
    messages = err.value.messages
    assert len(messages) == 3
    assert messages[0].startswith("swecris.csv, rad 3, kolumn CoordinatingOrganisationId")
    assert "kontrollsiffran" in messages[0]
    assert messages[1].startswith("swecris.csv, rad 4, kolumn FundingsSek")
    assert messages[2].startswith("swecris.csv, rad 5, kolumn FundingYear")


def test_a_swecris_file_without_a_needed_column_is_refused():
    data = b"ProjectId;ProjectTitleSv\n1;x\n"
    with pytest.raises(SourceError) as err:
        read_swecris(data, "s.csv")
    assert any("FundingsSek" in m for m in err.value.messages)


def test_a_workbook_sent_as_swecris_csv_is_refused():
    with pytest.raises(SourceError, match="Excel"):
        read_swecris(klimatklivet(REAL_KLIMATKLIVET_ROWS), "s.csv")


def test_klimatklivet_real_rows_are_read_with_county_for_charging_points():
    result = read_klimatklivet(klimatklivet(REAL_KLIMATKLIVET_ROWS), "kk.xlsx")
    by_ref = {r.reference: r for r in result.records}
    assert set(by_ref) == {"KKL-02186-2017", "NV-19-006817", "NV-05928-15", "NV-25-043146"}
    exergi = by_ref["KKL-02186-2017"]
    assert exergi.year == 2017 and exergi.start.isoformat() == "2017-12-01"  # Excel serial
    assert exergi.municipality_name == "Sigtuna" and exergi.amount_sek == Decimal("134000000")
    assert exergi.recipient_org_number == "" and exergi.programme == "Klimatklivet"
    charging = by_ref["NV-19-006817"]
    assert charging.municipality_name == "" and charging.categories == "Laddstation"
    assert by_ref["NV-25-043146"].start.isoformat() == "2025-12-18"


def test_a_klimatklivet_row_without_amount_is_left_out_and_counted():
    rows = [
        *REAL_KLIMATKLIVET_ROWS,
        [
            "NV-1",
            "X AB",
            "Y",
            "Övrigt",
            "",
            "",
            None,
            None,
            None,
            "2020-01-01",
            None,
            "Slutförd åtgärd",
            "",
        ],
    ]
    result = read_klimatklivet(klimatklivet(rows), "kk.xlsx")
    assert result.without_amount == [6] and len(result.records) == 4


def test_a_bad_klimatklivet_file_names_row_and_column():
    rows = [
        ["NV-1", "", "Y", "Övrigt", "", "Karlstad", 10, None, None, "2020-01-01", None, "", ""],
        [
            "NV-2",
            "A AB",
            "Y",
            "Övrigt",
            "",
            "Karlstad",
            "tio",
            None,
            None,
            "2020-01-01",
            None,
            "",
            "",
        ],
        ["NV-2", "B AB", "Y", "Övrigt", "", "Karlstad", 5, None, None, "2020-01-01", None, "", ""],
    ]
    with pytest.raises(SourceError) as err:
        read_klimatklivet(klimatklivet(rows), "kk.xlsx")
    assert err.value.messages[0].startswith("kk.xlsx, rad 2, kolumn Organisationsnamn")
    assert err.value.messages[1].startswith(
        "kk.xlsx, rad 3, kolumn Senast tillgängligt beviljat stödbelopp (kr)"
    )
    assert err.value.messages[2].startswith("kk.xlsx, rad 4, kolumn Ärendenummer")


def test_a_csv_sent_as_klimatklivet_is_refused():
    with pytest.raises(SourceError, match="xlsx"):
        read_klimatklivet(b"a;b\n1;2\n", "kk.xlsx")


def test_the_template_reads_swedish_headings_and_checks_every_cell():
    good = template_csv(
        "Trafikverket;TRV 2023/1;Busskörfält;Karlstads kommun;212000-1850;koordinator;2024;"
        "1 500 000;Stadsmiljöavtal;Karlstad"
    )
    (record,) = read_template(good, "mall.csv")
    assert record.amount_sek == Decimal("1500000.00") and record.role == "coordinator"
    bad = template_csv(
        "Trafikverket;TRV 2023/1;Busskörfält;Karlstads kommun;212000-1850;chef;2024;1;;",
        ";TRV 2;Y;Z;;;2024;1;;",
    )
    with pytest.raises(SourceError) as err:
        read_template(bad, "mall.csv")
    assert err.value.messages == [
        "mall.csv, rad 2, kolumn roll: ”chef” är ingen roll: skriv koordinator eller partner",
        "mall.csv, rad 3, kolumn finansiär: finansiären saknas",
    ]
