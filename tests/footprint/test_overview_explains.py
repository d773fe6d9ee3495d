"""The footprint page names the years of every total, names categories as a reader does and
says why a category measured by activity data has no spend."""

from __future__ import annotations

import pytest

from klimatkontrakt.footprint import services
from tests.sources.ledger_files import write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor, karlstad, tmp_path):  # type: ignore[no-untyped-def]
    ledger = services.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        "year,activity,quantity,unit,department,replaces_category,source\n"
        "2024,district_heating,100000,kWh,Teknik- och fastighetsförvaltningen,"
        "heating_purchases,Mätare\n",
        encoding="utf-8",
    )
    services.import_activity(editor, karlstad, activity, scope=ledger.scope)
    return services.set_published(editor, ledger, True)


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_every_total_names_its_years(client, published):
    html = client.get("/kommun/1780/inkop/").content.decode()
    totals = _section(html, "totals-h")
    assert "Summor för 2024" in totals
    assert "ton CO2e 2024" in totals and "kr i reskontran, 2024" in totals
    assert "ton från aktivitetsdata, 2024" in totals
    for heading in ("dep-h", "cat-h", "sup-h"):
        assert ", 2024</h2>" in _section(html, heading)


def test_categories_by_label_and_activity_without_spend_explained(client, published):
    html = client.get("/kommun/1780/inkop/").content.decode()
    categories = _section(html, "cat-h")
    row = next(r for r in categories.split("<tr>") if "Fjärrvärme" in r)
    assert '<td class="num">–</td>' in row  # no spend of its own, not "0"
    assert "Aktivitetsdata" in row
    assert (
        "Uppmätta mängder (aktivitetsdata) för 2024, inte fakturor, så inget eget inköpsbelopp; de "
        "ersätter den kostnadsbaserade uppskattningen för Uppvärmning (inköpt)."
    ) in row
    assert "Transporter och frakt" not in categories  # an account text, not a category
    for code in ("district_heating", "heating_purchases", ">spend<", ">activity<"):
        assert code not in categories.replace("?category=", "")
    activity = _section(html, "act-h")
    assert "<td>Fjärrvärme</td>" in activity and "<td>Uppvärmning (inköpt)</td>" in activity
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _section(client.get("/kommun/1780/inkop/").content.decode(), "cat-h")
    assert "District heating" in english and "Largest categories, 2024" in english
