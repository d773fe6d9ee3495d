"""One set of headline figures: the start page, the emissions page, the yearly report and the API
show the same numbers, from `reports.selectors.headline_summary` and the selectors under it."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.indicators.selectors import summarise
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.reports import builder, render
from klimatkontrakt.reports.selectors import headline_summary, summary_json
from klimatkontrakt.web.templatetags.kk import num

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def karlstad_demo(demo):  # type: ignore[no-untyped-def]
    return Municipality.objects.get(code="1780")


def _text(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def _sv(value: float) -> str:
    with translation.override("sv"):
        return num(value)


def test_2024_report_and_indicator_page_show_one_value_and_one_gap(karlstad_demo, client):
    """The 2024 report named 2024's emissions twice with two values (SMHI's total, and a typed
    copy in the indicator) and gave a goal gap (read in 2050, not the target year) that the
    indicator page did not show."""
    data = builder.gather(karlstad_demo, 2024)
    report = _text(render.body_html(data, "sv", state="draft"))
    e = data["emissions"]
    assert e["latest_year"] == 2024
    smhi = next(i for i in data["indicators"] if i["unit"] == "t CO2e")
    assert smhi["latest_year"] == 2024
    assert smhi["latest_value"] == e["latest_t"]
    assert f"{_sv(smhi['latest_value'])} (2024)" in report
    assert f"2024: {_sv(e['latest_t'])} t CO2e" in report

    indicator = Indicator.objects.get(municipality=karlstad_demo, source_kind="smhi")
    page = _text(client.get(f"/kommun/1780/indikatorer/{indicator.pk}/").content.decode())
    [goal] = [g for g in e["goals"] if g["target_year"] == 2030]
    shortfall = summarise(indicator).assessment.shortfall
    # the goal's 2030 level and the indicator's typed target differ by rounding only
    assert goal["gap_at_target_t"] == pytest.approx(shortfall, abs=1)
    assert f"{_sv(shortfall)} t CO2e" in page
    assert f"{_sv(goal['gap_at_target_t'])}" in report
    assert _sv(goal["gap_at_target_t"]) == _sv(shortfall)


def test_summary_is_the_same_in_the_api_on_the_start_page_and_in_the_report(karlstad_demo, client):
    summary = summary_json(headline_summary(karlstad_demo, AnonymousUser()))
    api = client.get("/api/municipalities/1780/summary").json()
    assert api == summary

    e, f = summary["emissions"], summary["footprint"]
    assert (e["gas"], e["unit"], e["year"]) == ("GGT", "t CO2e", 2024)
    start = _text(client.get("/kommun/1780/").content.decode())
    assert f"{_sv(e['total_t'])} t CO2e" in start
    assert f"{_sv(-e['change_since_1990_pct']).rstrip()}" in start
    assert f"{_sv(f['total_t'])} t CO2e" in start
    assert f["department"] in start
    assert e["provenance"]["url"] in client.get("/kommun/1780/").content.decode()

    # The report of the same year freezes the same figures (counted from its year).
    report = builder.gather(karlstad_demo, 2024)
    frozen = report["summary"]
    assert frozen["emissions"]["total_t"] == e["total_t"]
    assert frozen["emissions"]["change_since_2015_pct"] == e["change_since_2015_pct"]
    assert frozen["footprint"] == f
    assert frozen["budget"]["budget_t"] == report["emissions"]["budget"]["budget_t"]
    body = _text(render.body_html(report, "sv", state="draft"))
    assert body.index("Sammanfattning 2024") < body.index("Utsläpp mot effektmålen")
    assert f"{_sv(frozen['budget']['budget_t'])} t CO2e" in body


def test_emissions_page_shows_the_summary_figures(karlstad_demo, client):
    summary = summary_json(headline_summary(karlstad_demo, AnonymousUser()))
    page = client.get("/kommun/1780/utslapp/?gas=GGT").content.decode()
    assert re.search(rf'id="latest-total">{_sv(summary["emissions"]["total_t"])} t CO2e<', page)
    b = summary["budget"]
    assert b["method"] == "cemus-2023" and b["adopted_name"] == ""
    # Counted from this year, the demo's budget is spent: said in words, never shown bare.
    assert b["state"] == "spent" and b["budget_t"] < 0
    assert f"{_sv(-b['budget_t'])} t CO2e" in _text(page)
    assert f"{_sv(b['budget_t'])} t" not in _text(page)
    assert "Budgeten är förbrukad" in _text(page)
    start = _text(client.get("/kommun/1780/").content.decode())
    assert f"{_sv(b['budget_t'])} t" not in start
    assert "Budgeten är förbrukad" in start
    # The report's year: the page and the report count the same budget from 2024.
    frozen = builder.gather(karlstad_demo, 2024)["summary"]["budget"]
    assert frozen["state"] == "ran_out"
    page_2024 = client.get("/kommun/1780/utslapp/?gas=GGT&year=2024").content.decode()
    assert re.search(rf'id="remaining-budget">{_sv(frozen["budget_t"])} t CO2e<', page_2024)


def test_every_budget_method_is_explained_on_the_emissions_page(karlstad_demo, client):
    page = _text(client.get("/kommun/1780/utslapp/?gas=GGT").content.decode())
    for sentence in ("1,5 °C", "11,72 %", "antagit"):
        assert sentence in page
    assert "Metoderna ger olika siffror" in page


def test_the_footprint_is_one_complete_year_not_a_sum(karlstad_demo):
    from klimatkontrakt.footprint import selectors as footprint

    f = summary_json(headline_summary(karlstad_demo, AnonymousUser()))["footprint"]
    result = footprint.footprint(footprint.current_ledger(AnonymousUser(), karlstad_demo))
    assert f["total_t"] == result["by_year"][str(f["year"])]["t"]
    assert f["total_t"] < result["total_t"]
    assert f["department_t"] <= f["total_t"]


def test_anonymous_users_see_published_figures_only(karlstad_demo, client):
    hidden = Indicator.objects.filter(municipality=karlstad_demo, is_published=True).first()
    hidden.is_published = False
    hidden.save()
    public = client.get("/api/municipalities/1780/summary").json()["indicators"]
    member = summary_json(headline_summary(karlstad_demo, _editor(karlstad_demo)))["indicators"]
    counted = ("on_track", "at_risk", "off_track", "not_assessed")
    assert sum(public[k] for k in counted) + 1 == sum(member[k] for k in counted)


def _editor(muni):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="karlstad-redaktor")


def test_unknown_municipality_is_404(karlstad_demo, client):
    assert client.get("/api/municipalities/0000/summary").status_code == 404


def test_start_page_marks_itself_current_in_the_navigation(karlstad_demo, client):
    html = client.get("/kommun/1780/").content.decode()
    assert re.search(r'<a class="muni" href="/kommun/1780/" aria-current="page">', html)


def test_an_adopted_budget_heads_the_summary_for_those_who_may_see_it(karlstad_demo, client):
    from klimatkontrakt.emissions.services import save_carbon_budget

    editor = _editor(karlstad_demo)
    save_carbon_budget(
        editor,
        karlstad_demo,
        name="Karlstads antagna budget (test)",
        method="fixed",
        gas="GGT",
        parameters={"budget_t": 2_000_000, "start_year": 2024},
        is_published=False,
    )
    public = client.get("/api/municipalities/1780/summary").json()["budget"]
    assert (public["method"], public["adopted_name"]) == ("cemus-2023", "")
    own = summary_json(headline_summary(karlstad_demo, editor))["budget"]
    assert (own["method"], own["adopted_name"]) == ("fixed", "Karlstads antagna budget (test)")
    assert own["state"] == "remains" and own["budget_t"] > 0
    client.force_login(editor)
    page = _text(client.get("/kommun/1780/").content.decode())
    assert "Kommunens antagna budget ”Karlstads antagna budget (test)”" in page
    assert f"{_sv(own['budget_t'])} t CO2e kvar från {own['start_year']}" in page
