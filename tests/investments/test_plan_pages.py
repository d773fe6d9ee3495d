import io
import json

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from klimatkontrakt.investments.models import Measure


def url(name, plan, *extra):
    return reverse(f"investments:{name}", args=[plan.municipality.code, plan.pk, *extra])


@pytest.mark.parametrize("name", ["overview", "measures", "funding", "optimum"])
def test_public_pages_of_published_plan(client, demo_plan, name):
    response = client.get(url(name, demo_plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert demo_plan.name in html
    assert "Exempelsiffror" in html or "Example figures" in html


def test_overview_shows_budget_status_probability_and_charts(client, demo_plan):
    html = client.get(url("overview", demo_plan)).content.decode()
    assert "Sannolikhet" in html or "Probability" in html
    assert html.count("<svg") >= 2  # pathway with band, and the MACC
    assert "investeringsplan.xlsx" in html and "investeringsplan.docx" in html


def test_plan_list(client, demo_plan, empty_plan):
    html = client.get(reverse("investments:plans", args=["1780"])).content.decode()
    assert demo_plan.name in html
    assert "Tom plan" not in html  # unpublished


def test_unpublished_plan_hidden_from_public_and_other_municipality(
    client, empty_plan, outsider, viewer
):
    assert client.get(url("overview", empty_plan)).status_code == 404
    client.force_login(outsider)
    assert client.get(url("overview", empty_plan)).status_code == 404
    client.force_login(viewer)
    response = client.get(url("overview", empty_plan))
    assert response.status_code == 200
    assert "baseline" in response.content.decode() or "BAU" in response.content.decode()


@pytest.mark.parametrize(
    "table", ["utslappsbana", "macc", "atgarder", "finansiering", "kapitalbehov", "optimum"]
)
def test_chart_tables_download_as_csv_and_xlsx(client, demo_plan, table):
    csv = client.get(url("table", demo_plan, table) + "?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) >= 2
    xlsx = client.get(url("table", demo_plan, table) + "?format=xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.max_row >= 2


def test_macc_download_sorted_by_cost(client, demo_plan):
    ws = load_workbook(
        io.BytesIO(client.get(url("table", demo_plan, "macc") + "?format=xlsx").content)
    ).active
    costs = [
        row[1]
        for row in ws.iter_rows(min_row=2, values_only=True)
        if isinstance(row[1], (int, float))
    ]
    assert costs == sorted(costs) and len(costs) == 10


def test_measure_export_round_trips_through_import(client, demo_plan, editor):
    from klimatkontrakt.investments.models import InvestmentPlan
    from klimatkontrakt.investments.services import import_measures

    body = client.get(url("export", demo_plan) + "?format=csv").content
    target = InvestmentPlan.objects.create(
        municipality=demo_plan.municipality, name="Kopia", scope="group", base_year=2025
    )
    for b in demo_plan.baseline.all():  # the same sectors, so its pathway can use the measures
        target.baseline.create(sector=b.sector, base_t=b.base_t)
    result = import_measures(target, body, "export.csv", user=editor)
    assert result.created == demo_plan.measures.count()
    a = {m.name: float(m.capex_sek) for m in demo_plan.measures.all()}
    b = {m.name: float(m.capex_sek) for m in target.measures.all()}
    assert a == b


def test_ccc_workbook_has_cost_and_capital_sheets(client, demo_plan):
    wb = load_workbook(io.BytesIO(client.get(url("ccc_xlsx", demo_plan)).content))
    assert len(wb.sheetnames) == 6
    cost = wb.worksheets[1]
    header = [c.value for c in cost[1]]
    # Cost per tonne column, in whichever language the request used.
    assert any(("SEK" in str(h) or "kr" in str(h)) and "CO2e" in str(h) for h in header)
    names = {row[0] for row in cost.iter_rows(min_row=2, values_only=True)}
    assert "Solceller på kommunala tak" in names


def test_plan_docx(client, demo_plan):
    response = client.get(url("docx", demo_plan))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert demo_plan.name in text
    assert len(doc.tables) >= 3
    assert len(doc.inline_shapes) >= 2  # pathway and MACC charts


def test_edit_measure_needs_editor(client, demo_plan, viewer, editor):
    m = demo_plan.measures.get(name="Solceller på kommunala tak")
    edit = url("measure_edit", demo_plan, m.pk)
    assert client.get(edit).status_code in (302, 403)
    client.force_login(viewer)
    assert client.get(edit).status_code == 403
    client.force_login(editor)
    assert client.get(edit).status_code == 200


def cobenefit_forms(*rows):
    data = {
        "cobenefits-TOTAL_FORMS": str(len(rows)),
        "cobenefits-INITIAL_FORMS": "0",
        "cobenefits-MIN_NUM_FORMS": "0",
        "cobenefits-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"cobenefits-{i}-{k}": v for k, v in row.items()})
    return data


def test_editor_adds_measure_derived_from_activity(client, demo_plan, editor):
    client.force_login(editor)
    tff = demo_plan.department
    response = client.post(
        url("measure_new", demo_plan),
        {
            "name": "Elcyklar för hemtjänsten",
            "sector": "petrol",
            "department": tff.pk,
            "kind": "investment",
            "status": "proposed",
            "start_year": 2026,
            "ramp_up_years": 0,
            "lifetime_years": 6,
            "capex_sek": "400000",
            "opex_change_sek_per_year": "-30000",
            "reduction_t_per_year": "0",
            "activity_units": "20",
            "activity_per_unit": "3000",
            "activity_unit": "km",
            "factor_before_kg": "0.15",
            "factor_after_kg": "0",
            **cobenefit_forms(
                {
                    "kind": "safety",
                    "description": "Färre olyckor",
                    "quantity_per_year": "0.1",
                    "valuation_key": "cycling_single_accident_severe_injury",
                }
            ),
        },
    )
    assert response.status_code == 302
    m = Measure.objects.get(plan=demo_plan, name="Elcyklar för hemtjänsten")
    assert float(m.reduction_t_per_year) == pytest.approx(9.0)  # 20 × 3 000 × 0.15 / 1000
    from klimatkontrakt.investments import selectors

    (row,) = [r for r in selectors.plan_summary(demo_plan, runs=10).measures if r.measure == m]
    # 0.1 avoided severe accidents × 3 700 000 SEK (ASEK 7.0) = 370 000 SEK a year
    assert row.cobenefits_sek_per_year == pytest.approx(370_000)
    assert row.cost_after_cobenefits_sek_per_t == pytest.approx(
        row.abatement_cost_sek_per_t - 370_000 / 9.0
    )


def test_invalid_measure_shows_errors(client, demo_plan, editor):
    client.force_login(editor)
    response = client.post(url("measure_new", demo_plan), {"name": "", **cobenefit_forms()})
    assert response.status_code == 200
    assert not Measure.objects.filter(plan=demo_plan, name="").exists()


def test_import_page_reports_errors_and_changes_nothing(client, demo_plan, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    before = demo_plan.measures.count()
    upload = SimpleUploadedFile("fel.csv", b"name;sector\nA;B\n", content_type="text/csv")
    response = client.post(url("import", demo_plan), {"file": upload}, follow=True)
    assert "fel.csv, rad 1: kolumner saknas" in response.content.decode()
    assert demo_plan.measures.count() == before


def test_scale_up_from_page(client, demo_plan, editor):
    client.force_login(editor)
    response = client.post(url("scale_up", demo_plan), {"name": "Koncernplan", "scope": "group"})
    assert response.status_code == 302
    wider = demo_plan.scaled_up_plans.get()
    assert wider.measures.count() == demo_plan.measures.count()


def test_api_plan_matches_command(client, demo_plan):
    from klimatkontrakt.investments import selectors

    plans = client.get("/api/investments/1780/plans/").json()
    assert [p["name"] for p in plans] == [demo_plan.name]
    data = client.get(f"/api/investments/1780/plans/{demo_plan.pk}/").json()
    expected = json.loads(json.dumps(selectors.summary_json(selectors.plan_summary(demo_plan))))
    assert data["cumulative_t"] == pytest.approx(expected["cumulative_t"])
    assert data["probability_within_budget"] == expected["probability_within_budget"]
    assert data["measures"][0].keys() >= {
        "name",
        "abatement_cost_sek_per_t",
        "reduction_t_per_year",
    }


def test_api_hides_unpublished(client, empty_plan):
    assert client.get("/api/investments/1780/plans/").json() == []
    assert client.get(f"/api/investments/1780/plans/{empty_plan.pk}/").status_code == 404


def test_editor_adds_funding_and_share_changes(client, demo_plan, editor):
    from klimatkontrakt.investments import selectors
    from klimatkontrakt.investments.models import FundingSource

    before = selectors.plan_summary(demo_plan, runs=10).funding
    eu = FundingSource.objects.create(municipality=demo_plan.municipality, kind="eu", name="LIFE")
    measure = demo_plan.measures.get(name="Trästomme i nya skolor och förskolor")
    client.force_login(editor)
    response = client.post(
        url("funding", demo_plan),
        {"measure": measure.pk, "source": eu.pk, "amount_sek": "2000000", "year": 2026,
         "state": "applied"},
    )  # fmt: skip
    assert response.status_code == 302
    after = selectors.plan_summary(demo_plan, runs=10).funding
    assert after.external_sek == before.external_sek + 2_000_000
    assert after.municipal_share < before.municipal_share


def test_funding_post_needs_editor(client, demo_plan, viewer):
    client.force_login(viewer)
    assert client.post(url("funding", demo_plan), {}).status_code == 403


def test_editor_adds_funding_source_and_duplicate_is_refused(client, demo_plan, editor):
    from klimatkontrakt.investments.models import FundingSource

    client.force_login(editor)
    data = {
        "source-kind": "eu",
        "source-name": "Interreg Sverige–Norge",
        "source-total_sek": "5000000",
    }
    assert client.post(url("funding", demo_plan), data).status_code == 302
    source = FundingSource.objects.get(
        municipality=demo_plan.municipality, name="Interreg Sverige–Norge"
    )
    assert source.kind == "eu" and not source.is_municipal
    again = client.post(url("funding", demo_plan), data)
    assert again.status_code == 200
    assert FundingSource.objects.filter(name="Interreg Sverige–Norge").count() == 1
