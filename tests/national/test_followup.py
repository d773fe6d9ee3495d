"""The cross-city follow-up: one row per contract city from `national.followup`, the same in
the command `klimatkontrakt national followup`, the API, the page and its downloads."""

import json
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils import translation

from klimatkontrakt.audit.context import acting_as
from klimatkontrakt.audit.selectors import latest_change
from klimatkontrakt.contracts import services as contract_services
from klimatkontrakt.contracts.models import ContractVersion
from klimatkontrakt.emissions import services as emission_services
from klimatkontrakt.national.followup import PARTS, followup, followup_json
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
from klimatkontrakt.web.templatetags.kk import num
from tests.contracts.factories import ContractVersionFactory
from tests.indicators.factories import IndicatorFactory
from tests.investments.factories import InvestmentPlanFactory
from tests.plans.factories import ActionFactory, ActionPlanFactory

URL = "/nationellt/uppfoljning/2024/"


@pytest.fixture
def cities(db, shared_data):
    """Karlstad with a signed 2024 contract, an unpublished 2025 draft, a published plan with
    one overdue action (and an unpublished plan with another), a published indicator with
    values in 2023 and 2024, a published investment plan and SMHI's emissions; Stockholm a
    contract city with nothing."""
    import_municipalities(BUNDLED_CODE_LIST)
    emission_services.import_report(shared_data / "df_municipalities_2022.xlsx")
    Municipality.objects.filter(code__in=["1780", "0180"]).update(in_climate_contract=True)
    karlstad = Municipality.objects.get(code="1780")
    version = ContractVersionFactory(municipality=karlstad, year=2024, commitments=3)
    with acting_as(SYSTEM):
        contract_services.sign_version(SYSTEM, version)
    with acting_as(SYSTEM):
        draft = ContractVersionFactory(
            municipality=karlstad, year=2025, contract=version.contract, commitments=2
        )
    assert latest_change(karlstad, [draft]) is not None
    overdue = date(2024, 3, 1)
    ActionFactory(plan=ActionPlanFactory(municipality=karlstad, is_published=True), end_date=None)
    ActionFactory(
        plan=ActionPlanFactory(municipality=karlstad, is_published=True),
        start_date=date(2024, 1, 1),
        end_date=overdue,
    )
    ActionFactory(
        plan=ActionPlanFactory(municipality=karlstad, is_published=False),
        start_date=date(2024, 1, 1),
        end_date=overdue,
    )
    IndicatorFactory(
        municipality=karlstad, is_published=True, values={2023: 1.0, 2024: 2.0}, targets={2030: 9}
    )
    InvestmentPlanFactory(municipality=karlstad, is_published=True)
    return karlstad


def _by_code(rows):
    return {r["municipality"]: r for r in rows}


def test_figures_of_a_city_built_with_factories(cities):
    rows = {r.municipality: r for r in followup(2024, AnonymousUser())}
    assert set(rows) == {"1780", "0180"}
    k = rows["1780"]
    assert k.contract_status == "signed"
    assert sum(k.commitments.values()) == 3
    assert k.actions_overdue == 1  # the unpublished plan's action is not counted
    assert k.indicators is not None and sum(k.indicators.values()) <= 1
    assert k.emissions_latest_year is not None and k.emissions_latest_year <= 2024
    assert k.emissions_latest_t is not None and k.emissions_latest_t > 0
    assert k.completeness == {
        "contract": True,
        "action_plan": True,
        "indicators": True,
        "emissions": True,
        "investment_plan": True,
        "report": False,
    }
    assert k.completeness_pct == round(100 * 5 / len(PARTS)) == 83
    signed = latest_change(cities, [Municipality.objects.get(code="1780")])
    assert k.last_updated is not None and signed is None
    # The signing is the latest change to what is published; the later draft is not shown.
    assert (
        k.last_updated
        < latest_change(cities, list(ContractVersion.objects.filter(year=2025))).isoformat()
    )
    assert k.local_contracts == {"signatories": 0, "pledges": 0, "reported_reduction_t": 0}
    assert k.proposals == {"total": 0, "answered": 0, "overdue": 0}


def test_a_city_with_nothing_has_completeness_zero_and_dashes(cities, client):
    empty = {r.municipality: r for r in followup(2024, AnonymousUser())}["0180"]
    assert empty.contract_status == "none"
    assert empty.commitments == {}
    assert empty.actions_overdue is None and empty.indicators is None
    assert empty.emissions_latest_t is not None  # SMHI covers every municipality
    assert empty.completeness_pct == round(100 / len(PARTS))
    assert {k for k, v in empty.completeness.items() if v} == {"emissions"}
    html = client.get(URL + "?sort=completeness_pct&order=asc").content.decode()
    stockholm = html[html.index(">Stockholms kommun<") :].split("</tr>")[0]
    assert stockholm.count("–") >= 4
    assert "ingen publicerad kontraktsversion för året" in stockholm
    assert "ingen publicerad åtgärd" in stockholm


def test_a_municipality_without_smhi_figures_counts_zero(db, municipality_factory):
    municipality_factory(code="9001", name="Exempelkommun", in_climate_contract=True)
    (row,) = followup(2024, AnonymousUser())
    assert row.completeness_pct == 0
    assert row.emissions_latest_t is None and row.budget_runs_out is None


def test_an_unpublished_draft_does_not_show(cities, client, user_factory):
    anonymous = {r.municipality: r for r in followup(2025, AnonymousUser())}["1780"]
    assert anonymous.contract_status == "none" and anonymous.commitments == {}
    agency = user_factory(username="byra", member_of=Municipality.objects.get(code="0180"))
    client.force_login(agency)
    data = client.get("/api/national/followup/2025").json()
    assert _by_code(data["cities"])["1780"]["contract_status"] == "none"
    assert "1780/kontrakt/2025" not in client.get("/nationellt/uppfoljning/2025/").content.decode()
    member = user_factory(username="karlstad-redaktor", member_of=cities)
    own = {r.municipality: r for r in followup(2025, member)}["1780"]
    assert own.contract_status == "draft"  # a city's own members see their draft


def test_command_api_page_and_download_agree(cities, client, tmp_path):
    expected = followup_json(2024, AnonymousUser())
    out = StringIO()
    call_command("national", "followup", "--year", "2024", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(expected))
    target = tmp_path / "f.json"
    call_command("national", "followup", "--year", "2024", "--out", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out.getvalue())
    assert client.get("/api/national/followup/2024").json() == json.loads(out.getvalue())

    k = _by_code(expected["cities"])["1780"]
    html = client.get(URL).content.decode()
    row = html[html.index(">Karlstads kommun<") :].split("</tr>")[0]
    with translation.override("sv"):
        emissions = num(k["emissions_latest_t"])
    assert f"{emissions} ({k['emissions_latest_year']})" in row
    assert "83\u00a0%<" in row and ">Signerat<" in row
    assert "Saknas: Uppföljningsrapport för föregående år<" in row
    assert 'href="/kommun/1780/kontrakt/2024/"' in row

    csv = client.get(URL + "data/?format=csv").content.decode("utf-8-sig")
    line = next(x for x in csv.splitlines() if x.startswith("1780;"))
    assert line.split(";")[14] == "83"
    assert "Uppföljningsrapport för föregående år" in line
    xlsx = client.get(URL + "data/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_page_sorts_and_filters_on_the_server(cities, client):
    html = client.get(URL + "?sort=completeness_pct&order=desc").content.decode()
    assert html.index(">Karlstads kommun<") < html.index(">Stockholms kommun<")
    assert 'aria-sort="descending"' in html
    html = client.get(URL + "?sort=completeness_pct&order=asc").content.decode()
    assert html.index(">Stockholms kommun<") < html.index(">Karlstads kommun<")
    html = client.get(URL + "?status=signed").content.decode()
    assert ">Karlstads kommun<" in html and ">Stockholms kommun<" not in html
    html = client.get(URL + "?status=bogus&sort=bogus&order=x").content.decode()
    assert ">Karlstads kommun<" in html and ">Stockholms kommun<" in html
    swedish = client.get(URL).content.decode()
    assert "Uppföljning av kontraktsstäderna, 2024" in swedish
    assert "no published" not in swedish and "Signed" not in swedish
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(URL).content.decode()
    assert "Follow-up of the contract cities, 2024" in english and ">Signed<" in english
    assert "no published action" in english
    assert "/nationellt/uppfoljning/" in client.get("/nationellt/").content.decode()


@pytest.mark.parametrize("year", ["0", "99999", "abc", "-1"])
def test_bad_years_are_refused_without_a_500(db, client, year):
    assert client.get(f"/nationellt/uppfoljning/{year}/").status_code == 404
    assert client.get(f"/nationellt/uppfoljning/{year}/data/").status_code == 404
    assert client.get(f"/api/national/followup/{year}").status_code == 422
    with pytest.raises(CommandError, match="year"):
        call_command("national", "followup", "--year", year)


def test_a_document_format_needs_an_out_file(db):
    """The national report's formats: tests/national/test_report_command.py."""
    with pytest.raises(CommandError, match="--out"):
        call_command("national", "followup", "--year", "2024", "--format", "pdf")
