"""Pages, exports and the API: figures from the same function, unpublished stays private."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from klimatkontrakt.footprint import selectors, services
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(editor, karlstad, tmp_path):  # type: ignore[no-untyped-def]
    return services.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger


def _no_footprint(client) -> bool:  # type: ignore[no-untyped-def]
    page = client.get("/kommun/1780/inkop/")
    return page.status_code == 200 and "construction_buildings" not in page.content.decode()


def test_unpublished_footprint_is_only_for_members(client, ledger, viewer, outsider):
    assert _no_footprint(client)
    assert client.get("/api/footprint/1780/").status_code == 404
    assert client.get("/kommun/1780/inkop/rader/").status_code == 404
    client.force_login(outsider)
    assert _no_footprint(client)
    assert client.get("/api/footprint/1780/lines/").status_code == 404
    client.force_login(viewer)
    page = client.get("/kommun/1780/inkop/")
    assert page.status_code == 200 and 'class="badge draft"' in page.content.decode()


def test_publishing_opens_it_to_everyone(client, editor, ledger):
    client.force_login(editor)
    response = client.post(f"/kommun/1780/inkop/{ledger.pk}/publicera/", {"published": "1"})
    assert response.status_code == 302
    client.logout()
    assert not _no_footprint(client)


def test_only_editors_publish(client, viewer, ledger):
    client.force_login(viewer)
    assert (
        client.post(f"/kommun/1780/inkop/{ledger.pk}/publicera/", {"published": "1"}).status_code
        == 403
    )
    ledger.refresh_from_db()
    assert not ledger.published


def test_page_api_and_export_show_the_same_figures(client, editor, ledger):
    services.set_published(editor, ledger, True)
    figures = selectors.footprint(ledger)
    api = client.get("/api/footprint/1780/").json()
    assert api["total_t"] == figures["total_t"] and api["by_category"] == figures["by_category"]
    page = client.get("/kommun/1780/inkop/").content.decode()
    assert "construction_buildings" in page and "<svg" in page
    body = client.get("/kommun/1780/inkop/export/?table=categories&format=xlsx").content
    sheet = load_workbook(io.BytesIO(body)).active
    rows = {r[-1]: (r[0], r[1]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["construction_buildings"][0] == "Byggentreprenader"  # the label, then the code
    assert rows["construction_buildings"][1] == pytest.approx(
        figures["by_category"]["construction_buildings"]["t"]
    )
    csv = client.get("/kommun/1780/inkop/export/?table=breakdown&format=csv").content.decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[0].startswith("År;Förvaltning;Kategori")


def test_drill_down_page_api_and_csv(client, editor, ledger):
    services.set_published(editor, ledger, True)
    page = client.get("/kommun/1780/inkop/rader/?category=construction_buildings")
    text = page.content.decode()
    assert page.status_code == 200 and "Bygg &amp; Betong AB" in text and "lev.csv, 5" in text
    api = client.get("/api/footprint/1780/lines/?category=construction_buildings").json()
    assert [(r["row_no"], r["supplier_name"]) for r in api] == [(5, "Bygg & Betong AB")]
    assert api[0]["rule"].startswith("#") and api[0]["kg_per_sek"] > 0
    csv = client.get("/kommun/1780/inkop/rader/?status=spend&format=csv").content.decode(
        "utf-8-sig"
    )
    assert len(csv.strip().splitlines()) == 1 + 4  # header + the four purchase lines


def test_upload_form_imports_and_refuses(client, editor, karlstad, tmp_path):
    client.force_login(editor)
    assert client.get("/kommun/1780/inkop/importera/").status_code == 200
    good = write_csv(tmp_path / "lev.csv")
    with good.open("rb") as handle:
        response = client.post(
            "/kommun/1780/inkop/importera/",
            {"ledger": "Reskontra 2024", "ledger_files": handle, "threshold": "1"},
        )
    assert response.status_code == 302
    bad = tmp_path / "trasig.csv"
    bad.write_text("konto_nr;belopp;datum\n4010;x;2024-01-01\n", encoding="utf-8")
    with bad.open("rb") as handle:
        response = client.post(
            "/kommun/1780/inkop/importera/",
            {"ledger": "Reskontra 2024", "ledger_files": handle, "threshold": "1"},
        )
    # The worker's job page says why nothing was imported.
    assert response.status_code == 302
    assert "trasig.csv, rad 2, kolumn belopp" in client.get(response["Location"]).content.decode()


def test_upload_needs_edit_role(client, viewer):
    client.force_login(viewer)
    assert client.get("/kommun/1780/inkop/importera/").status_code == 403


def test_drill_down_links_keep_the_filter_encoded(client, editor, ledger):
    services.set_published(editor, ledger, True)
    page = client.get(
        "/kommun/1780/inkop/rader/", {"department": "Teknik- och fastighetsförvaltningen"}
    ).content.decode()
    assert "department=Teknik-+och+fastighetsf%C3%B6rvaltningen" in page
    assert "Bygg &amp; Betong AB" in page and "Mejeri Öst AB" not in page


def test_column_mapping_page_saves_a_mapping_the_upload_uses(client, editor, karlstad, tmp_path):
    client.force_login(editor)
    assert client.get("/kommun/1780/inkop/kolumner/").status_code == 200
    response = client.post(
        "/kommun/1780/inkop/kolumner/",
        {
            "name": "Ekonomisystemet",
            "delimiter": ";",
            "encoding": "",
            "date_format": "%d/%m/%Y",
            "col_account": "Kto",
            "col_amount": "Summa",
            "col_date": "Dag",
            "col_supplier_name": "Lev",
        },
    )
    assert response.status_code == 302
    path = tmp_path / "annan.csv"
    path.write_text("Lev;Kto;Summa;Dag\nMejeri Öst AB;4012;99,50;05/03/2024\n", encoding="utf-8")
    with path.open("rb") as handle:
        response = client.post(
            "/kommun/1780/inkop/importera/",
            {
                "ledger": "Annan",
                "ledger_files": handle,
                "threshold": "1",
                "mapping": "Ekonomisystemet",
            },
        )
    assert response.status_code == 302
    figures = selectors.footprint(selectors.current_ledger(editor, karlstad))
    assert figures["spend_sek"] == pytest.approx(99.5) and figures["by_year"] == {
        "2024": {"spend_sek": 99.5, "t": figures["total_t"]}
    }


def test_column_mapping_rejects_a_date_format_without_codes(client, editor, karlstad):
    client.force_login(editor)
    response = client.post("/kommun/1780/inkop/kolumner/", {"name": "x", "date_format": "dd/mm"})
    assert response.status_code == 200 and "strftime" in response.content.decode()


def test_tables_page_swaps_in_factors_and_refuses_bad_rules(client, editor, ledger):
    client.force_login(editor)
    before = selectors.footprint(ledger)["by_category"]["construction_buildings"]["t"]
    assert client.get("/kommun/1780/inkop/data/").status_code == 200
    factors = io.BytesIO(
        b"category,value,unit,year,currency,source,licence\n"
        b"construction_buildings,0.002,kg CO2e/SEK,2024,SEK,Egen (test),-\n"
    )
    factors.name = "egna_faktorer.csv"
    assert client.post("/kommun/1780/inkop/data/", {"factors": factors}).status_code == 302
    ledger.refresh_from_db()
    after = selectors.footprint(ledger)["by_category"]["construction_buildings"]["t"]
    assert after == pytest.approx(1_000_000 * 0.002 / 1000) and after != before
    rules = io.BytesIO(b"field,pattern,category\nkonto,4,x\n")
    rules.name = "regler.csv"
    response = client.post("/kommun/1780/inkop/data/", {"rules": rules})
    assert response.status_code == 200
    assert "regler.csv, rad 2, kolumn field" in response.content.decode()
    ledger.refresh_from_db()
    assert ledger.rule_set is None or ledger.rule_set.name != "regler"


def test_tables_page_needs_edit_role(client, viewer):
    client.force_login(viewer)
    assert client.get("/kommun/1780/inkop/data/").status_code == 403
