"""An agency's page of the cities' measures and actions naming its funding or programmes: the
links are set in the investment and action-plan forms and API, and the page shows what the
reader may see of every city's plans, filtered by city, with CSV/XLSX downloads."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from klimatkontrakt.investments import services as investments
from klimatkontrakt.investments.models import FundingSource
from klimatkontrakt.national.agency_selectors import agency_funding
from klimatkontrakt.organisations.access import SYSTEM
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action

pytestmark = pytest.mark.django_db

PAGE = "/nationellt/organisation/formas/finansiering/"


def _source(municipality, name, funder, kind="eu"):
    return investments.add_funding_source(
        SYSTEM, FundingSource(municipality=municipality, kind=kind, name=name, funder=funder)
    )


def _fund(measure, source, amount, year, state):
    return investments.add_funding(SYSTEM, measure, source, Decimal(amount), year, state)


@pytest.fixture
def funded(karlstad, other_municipality, formas, vinnova, measure_factory):
    """Karlstad: a published plan's measure with two Formas fundings (and one from Vinnova);
    Stockholm: a private draft plan's measure with Formas funding."""
    solar = measure_factory(
        plan__municipality=karlstad, plan__is_published=True, plan__name="Klimatinvesteringar",
        name="Solceller på skolor",
    )  # fmt: skip
    forskning = _source(karlstad, "Formas forskningsmedel", formas)
    _fund(solar, forskning, "300000", 2025, "granted")
    _fund(solar, forskning, "200000", 2026, "applied")
    _fund(solar, _source(karlstad, "Vinnova-bidrag", vinnova), "999000", 2025, "paid")
    secret = measure_factory(
        plan__municipality=other_municipality, plan__is_published=False,
        name="Hemlig vätgasbuss",
    )  # fmt: skip
    _fund(secret, _source(other_municipality, "Formas utlysning", formas), "700000", 2025, "paid")
    return {"solar": solar, "secret": secret}


@pytest.fixture
def actions(karlstad, other_municipality, formas, editor, outsider):
    """Karlstad's published plan with an action naming Formas and one naming nobody;
    Stockholm's private plan with an action naming Formas."""
    public_plan = plans.create_plan(
        editor, karlstad, kind="energy_climate", title="Energi- och klimatplan",
        owner_name="Samordnare", is_published=True,
    )  # fmt: skip
    lab = plans.create_action(
        editor, public_plan, plans.ActionInput("E1", "Policylabb för mobilitet", funders=[formas])
    )
    plans.create_action(editor, public_plan, plans.ActionInput("E2", "Utan finansiär"))
    private_plan = plans.create_plan(
        outsider, other_municipality, kind="waste", title="Avfallsplan",
        owner_name="Samordnare",
    )  # fmt: skip
    hidden = plans.create_action(
        outsider,
        private_plan,
        plans.ActionInput("A1", "Hemlig återbruksaktivitet", funders=[formas]),
    )
    return {"lab": lab, "hidden": hidden}


def test_public_page_shows_published_measures_with_funding_by_year_and_state(
    client, funded, formas
):
    html = client.get(PAGE).content.decode()
    assert "Solceller på skolor" in html and "Klimatinvesteringar" in html and "Karlstad" in html
    assert "Formas forskningsmedel" in html
    assert "Hemlig vätgasbuss" not in html and "Formas utlysning" not in html
    assert "Vinnova-bidrag" not in html
    result = agency_funding(Client().get("/").wsgi_request.user, formas)
    [m] = result.measures
    assert [(line.year, line.state, line.amount_sek) for line in m.lines] == [
        (2025, "granted", Decimal("300000")),
        (2026, "applied", Decimal("200000")),
    ]
    assert m.total_sek == Decimal("500000")
    # Rows are years, columns the states planned, applied, granted, paid.
    assert [(r["year"], r["states"], r["total"]) for r in result.totals()] == [
        (2025, [0, 0, Decimal("300000"), 0], Decimal("300000")),
        (2026, [0, Decimal("200000"), 0, 0], Decimal("200000")),
    ]


def test_a_private_draft_is_shown_only_to_its_own_city(
    client, funded, actions, editor, outsider, formas_editor, programme_editor
):
    for reader in (editor, formas_editor, programme_editor):
        client.force_login(reader)
        html = client.get(PAGE).content.decode()
        assert "Hemlig vätgasbuss" not in html and "Hemlig återbruksaktivitet" not in html
        assert "Solceller på skolor" in html and "Policylabb för mobilitet" in html
        csv = client.get(PAGE + "measures/", {"format": "csv"}).content.decode("utf-8-sig")
        assert "Hemlig" not in csv and "Solceller på skolor" in csv
        csv = client.get(PAGE + "actions/", {"format": "csv"}).content.decode("utf-8-sig")
        assert "Hemlig" not in csv and "Policylabb för mobilitet" in csv
    client.force_login(outsider)
    html = client.get(PAGE).content.decode()
    assert "Hemlig vätgasbuss" in html and "Hemlig återbruksaktivitet" in html


def test_actions_show_city_plan_and_status_and_link_to_the_action(client, actions):
    html = client.get(PAGE).content.decode()
    lab = actions["lab"]
    assert "Policylabb för mobilitet" in html and "Energi- och klimatplan" in html
    assert "Utan finansiär" not in html
    assert f"/kommun/1780/handlingsplaner/{lab.plan_id}/{lab.pk}/" in html
    assert lab.status.name_sv in html


def test_city_filter_keeps_one_city(client, funded, actions, outsider, other_municipality):
    client.force_login(outsider)
    html = client.get(PAGE, {"city": other_municipality.code}).content.decode()
    assert "Hemlig vätgasbuss" in html and "Solceller på skolor" not in html
    assert "Policylabb för mobilitet" not in html
    html = client.get(PAGE, {"city": "1780"}).content.decode()
    assert "Hemlig vätgasbuss" not in html and "Solceller på skolor" in html
    # Both cities are choices of the filter whatever the choice.
    assert f'<option value="{other_municipality.code}"' in html
    assert '<option value="1780" selected>' in html


def test_downloads_hold_the_shown_rows(client, funded):
    r = client.get(PAGE + "measures/", {"format": "csv", "city": "1780"})
    assert r.status_code == 200 and r["Content-Disposition"].endswith('measures.csv"')
    lines = r.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3  # heading and two fundings
    assert lines[1].split(";")[-3:] == ["2025", "Beviljad", "300000,00"]
    r = client.get(PAGE + "measures/", {"format": "xlsx"})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[2]][3] == "Solceller på skolor"
    assert ws.max_row == 5  # heading, two rows, an empty row and the source
    assert client.get(PAGE + "measures/", {"format": "pdf"}).status_code == 400
    assert client.get(PAGE + "budget/", {"format": "csv"}).status_code == 404


def test_unknown_or_municipal_organisation_is_404(client, karlstad):
    assert client.get("/nationellt/organisation/finns-inte/finansiering/").status_code == 404
    slug = karlstad.organisation.slug
    assert client.get(f"/nationellt/organisation/{slug}/finansiering/").status_code == 404


def test_empty_page_says_so_and_pages_link_to_it(client, formas):
    html = client.get(PAGE).content.decode()
    assert "Ingen åtgärd som du får se" in html and "Ingen aktivitet som du får se" in html
    assert PAGE in client.get("/nationellt/").content.decode()
    assert PAGE in client.get("/nationellt/organisation/formas/").content.decode()


def test_editor_names_the_funder_of_a_source_in_the_form(client, karlstad, editor, formas, funded):
    plan = funded["solar"].plan
    client.force_login(editor)
    url = f"/kommun/1780/investeringsplan/{plan.pk}/finansiering/"
    data = {"source-kind": "klimatklivet", "source-name": "Klimatklivet 2025"}
    r = client.post(url, {**data, "source-funder": formas.pk})
    assert r.status_code == 302
    assert FundingSource.objects.get(name="Klimatklivet 2025").funder == formas
    # A municipality is no funder: the form refuses it.
    r = client.post(url, {**data, "source-name": "Fel", "source-funder": karlstad.organisation_id})
    assert r.status_code == 200 and not FundingSource.objects.filter(name="Fel").exists()
    html = client.get(url).content.decode()
    assert PAGE in html  # the source names Formas with a link to its page
    summary = client.get(f"/api/investments/1780/plans/{plan.pk}/").json()
    sources = {s["name"]: s["funder"] for s in summary["funding"]["sources"]}
    assert sources["Klimatklivet 2025"] == "formas" and sources["Vinnova-bidrag"] == "vinnova"


def test_model_refuses_a_municipality_as_funder(karlstad):
    with pytest.raises(Exception, match="funder"):
        _source(karlstad, "Eget", karlstad.organisation)


def test_editor_names_funders_of_an_action_in_the_form(editor_client, actions, formas, vinnova):
    lab = actions["lab"]
    url = f"/kommun/1780/handlingsplaner/{lab.plan_id}/{lab.pk}/"
    r = editor_client.post(
        url + "redigera/", {"identifier": "E1", "title": "Policylabb", "funders": [vinnova.pk]}
    )
    assert r.status_code == 302
    assert list(Action.objects.get(pk=lab.pk).funders.all()) == [vinnova]
    html = editor_client.get(url).content.decode()
    assert "/nationellt/organisation/vinnova/finansiering/" in html


def test_api_sets_and_shows_funders(client, editor, actions, formas, vinnova, karlstad):
    lab = actions["lab"]
    url = f"/api/action-plans/{lab.plan_id}/actions/{lab.pk}/links?municipality=1780"
    client.force_login(editor)
    r = client.put(url, {"funders": ["vinnova", "formas"]}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert sorted(f["slug"] for f in r.json()["links"]["funders"]) == ["formas", "vinnova"]
    # Links set without naming funders leave them as they are.
    r = client.put(url, {"measure_ids": []}, content_type="application/json")
    assert len(r.json()["links"]["funders"]) == 2
    for bad in (["finns-inte"], [karlstad.organisation.slug], ["x" * 101]):
        r = client.put(url, {"funders": bad}, content_type="application/json")
        assert r.status_code == 422, bad
    public = Client().get(f"/api/action-plans/{lab.plan_id}/", {"municipality": "1780"}).json()
    out = next(a for a in public["actions"] if a["id"] == lab.pk)
    assert sorted(f["slug"] for f in out["links"]["funders"]) == ["formas", "vinnova"]


def test_service_refuses_a_municipality_as_funder(editor, actions, karlstad):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        plans.update_action(
            editor,
            actions["lab"],
            plans.ActionInput("E1", "Policylabb", funders=[karlstad.organisation]),
        )
    assert "funders" in err.value.message_dict


def test_demo_names_the_agencies_of_klimatklivet_and_stadsmiljoavtal(client, karlstad, formas):
    from klimatkontrakt.national.agency_demo import name_funders
    from tests.organisations.factories import OrganisationFactory

    nv = OrganisationFactory(kind="agency", name="Naturvårdsverket", slug="naturvardsverket")
    OrganisationFactory(kind="agency", name="Trafikverket", slug="trafikverket")
    klivet = _source(karlstad, "Klimatklivet", None, kind="klimatklivet")
    chosen = _source(karlstad, "Klimatklivet via Formas", formas, kind="klimatklivet")
    city = _source(karlstad, "Stadsmiljöavtal", None, kind="stadsmiljoavtal")
    own = _source(karlstad, "Gröna lån", None, kind="green_loan")
    assert name_funders() == 2
    for s in (klivet, chosen, city, own):
        s.refresh_from_db()
    assert klivet.funder == nv and city.funder.slug == "trafikverket"
    assert chosen.funder == formas and own.funder is None
    assert name_funders() == 0


def test_swedish_page_shows_no_code_and_no_english(client, funded, actions):
    from tests.web.swedish_crawl import findings

    pages = {PAGE: client.get(PAGE).content.decode()}
    pages[PAGE + "?city=1780"] = client.get(PAGE, {"city": "1780"}).content.decode()
    assert findings(pages) == {}
