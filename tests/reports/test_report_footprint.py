"""The footprint section reads the footprint app when it is installed, and says so when not."""

import pytest

from klimatkontrakt.footprint import services as footprint
from klimatkontrakt.footprint.selectors import current_ledger
from klimatkontrakt.footprint.selectors import footprint as footprint_result
from klimatkontrakt.reports import builder, selectors, services
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


def test_report_carries_the_purchase_footprint(karlstad_work, editor, karlstad, tmp_path, settings):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    ledger = footprint.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    footprint.set_published(editor, ledger, True)
    expected = footprint_result(current_ledger(editor, karlstad))
    report = services.create_draft(editor, karlstad, 2024)
    section = report.data["footprint"]
    assert section["available"] and section["ledger"] == "Leverantörsreskontra"
    assert section["total_t"] == pytest.approx(expected["total_t"])
    assert section["categories"], "the largest purchase categories are listed"
    html = selectors.output(report, "html").content.decode()
    footprint_html = html.split('id="footprint"')[1].split("</section>")[0]
    assert "Leverantörsreskontra" in footprint_html and "Största inköpskategorier" in footprint_html
    # The total is a sum over the ledger's years: the report names them, as the footprint page does.
    years = sorted(int(y) for y in expected["by_year"])
    period = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    assert section["period"] == period
    assert f"inköp {period} sammantaget" in footprint_html
    assert f"Största inköpskategorier, {period} sammantaget" in footprint_html
    docx_text = selectors.output(report, "docx").content
    assert docx_text[:2] == b"PK"


def test_report_says_plainly_when_the_footprint_app_is_missing(
    karlstad_work, editor, karlstad, monkeypatch
):
    monkeypatch.setattr(builder.apps, "is_installed", lambda name: name != builder.FOOTPRINT_APP)
    report = services.create_draft(editor, karlstad, 2024)
    assert report.data["footprint"] == {"available": False}
    html = selectors.output(report, "html").content.decode()
    assert "Inköpens klimatavtryck är inte tillgängligt i den här installationen." in html
