"""A measure's sector is one of its plan's sectors, chosen from a list; one the pathway cannot
use is refused with the reason, in the form, the API and the service."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from klimatkontrakt.investments import services
from klimatkontrakt.investments.models import Measure

FIELDS = {
    "name": "Elcyklar för hemtjänsten",
    "kind": "investment",
    "status": "proposed",
    "start_year": 2026,
    "ramp_up_years": 0,
    "lifetime_years": 6,
    "capex_sek": "400000",
    "opex_change_sek_per_year": "-30000",
    "reduction_t_per_year": "9",
    "cobenefits-TOTAL_FORMS": "0",
    "cobenefits-INITIAL_FORMS": "0",
}


def test_the_form_offers_the_plans_sectors_by_label(client, demo_plan, editor):
    client.force_login(editor)
    html = client.get(reverse("investments:measure_new", args=["1780", demo_plan.pk])).content
    html = html.decode()
    select = html.split('<select name="sector"')[1].split("</select>")[0]
    assert '<option value="petrol">Bensin</option>' in select
    assert '<option value="district_heating">Fjärrvärme</option>' in select
    assert '<input type="text" name="sector"' not in html


def test_the_form_refuses_a_sector_the_plan_lacks(client, demo_plan, editor):
    client.force_login(editor)
    page = client.post(
        reverse("investments:measure_new", args=["1780", demo_plan.pk]),
        {**FIELDS, "sector": "Transporter"},
    )
    assert page.status_code == 200
    assert "”Transporter” är inte en sektor i den här planen" in page.content.decode()
    assert not Measure.objects.filter(name=FIELDS["name"]).exists()
    ok = client.post(
        reverse("investments:measure_new", args=["1780", demo_plan.pk]),
        {**FIELDS, "sector": "petrol"},
    )
    assert ok.status_code == 302
    assert Measure.objects.get(plan=demo_plan, name=FIELDS["name"]).sector == "petrol"


def test_the_service_refuses_a_measure_on_a_plan_without_sectors(empty_plan, editor):
    m = Measure(plan=empty_plan, name="A", sector="Energi", start_year=2026, lifetime_years=5,
                capex_sek=1, opex_change_sek_per_year=0, reduction_t_per_year=1)  # fmt: skip
    with pytest.raises(ValidationError) as err:
        services.save_measure(editor, m)
    assert "sector" in err.value.message_dict
    assert not Measure.objects.filter(plan=empty_plan).exists()


def test_the_api_lists_sectors_and_refuses_another_with_422(client, demo_plan, editor):
    sectors = client.get(f"/api/investments/1780/plans/{demo_plan.pk}/sectors/").json()
    assert {"key": "petrol", "label": "Bensin"} in sectors
    url = f"/api/investments/1780/plans/{demo_plan.pk}/measures/"
    body = {"name": "Cykelpool", "start_year": 2026, "lifetime_years": 5, "capex_sek": "150000",
            "opex_change_sek_per_year": "0", "reduction_t_per_year": "12"}  # fmt: skip
    assert (
        client.post(url, {**body, "sector": "petrol"}, content_type="application/json").status_code
        == 401
    )
    client.force_login(editor)
    refused = client.post(url, {**body, "sector": "Transporter"}, content_type="application/json")
    assert refused.status_code == 422
    assert (
        "”Transporter” är inte en sektor i den här planen" in refused.json()["errors"]["sector"][0]
    )
    created = client.post(url, {**body, "sector": "petrol"}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["sector_label"] == "Bensin"
    assert Measure.objects.get(plan=demo_plan, name="Cykelpool").sector == "petrol"


def test_the_measure_list_names_sectors_by_label(client, demo_plan):
    html = client.get(reverse("investments:measures", args=["1780", demo_plan.pk])).content
    html = html.decode()
    assert "<td>Bensin / personbilar</td>" in html and "<td>petrol" not in html
