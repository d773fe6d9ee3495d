"""The demo's three example contract cities (national/demo_cities.py): signed contracts for 2023
and 2024 with the common part, own commitments, a 7.2 text, follow-up, all labelled as example
data; the other contract cities show their public figures and an empty follow-up. The demo is
loaded once for the module (tests/demo_snapshot.py); each test's writes are rolled back."""

import io
from dataclasses import asdict

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from klimatkontrakt.contracts.models import Commitment, ContractVersion
from klimatkontrakt.contracts.structure import is_locked_for_city
from klimatkontrakt.indicators.models import Indicator
from klimatkontrakt.investments.models import InvestmentPlan
from klimatkontrakt.national import demo_cities
from klimatkontrakt.national.followup import followup
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.plans.models import Action, ActionPlan

EXAMPLES = set(demo_cities.CODES)
KARLSTAD = "1780"
URL = "/nationellt/uppfoljning/2024/"

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, object]:
    return {r.municipality: r for r in followup(2024, AnonymousUser())}


def test_three_cities_of_different_size_have_signed_contracts_with_the_common_part(demo):
    assert len(EXAMPLES) == 3 and KARLSTAD not in EXAMPLES
    cities = Municipality.objects.filter(code__in=EXAMPLES)
    assert all(m.in_climate_contract for m in cities)
    for muni in cities:
        versions = ContractVersion.objects.filter(contract__municipality=muni).order_by("year")
        assert [(v.year, v.is_signed, v.is_published) for v in versions] == [
            (2023, True, True),
            (2024, True, True),
        ]
        v2023, v2024 = versions
        assert v2024.common_part is not None and v2024.common_part.year == 2024
        assert v2024.common_part.is_fixed and v2023.common_part is None
        own = Commitment.objects.filter(version=v2024)
        assert 5 <= own.count() <= 8
        assert {c.status.key for c in own} >= {"done", "in_progress", "planned"}
        assert own.filter(carried_over_from__isnull=False).exists()  # started from 2023


def test_every_invented_text_says_it_is_example_data(demo):
    for muni in Municipality.objects.filter(code__in=EXAMPLES):
        versions = ContractVersion.objects.filter(contract__municipality=muni)
        for c in Commitment.objects.filter(version__in=versions):
            assert c.title.endswith("(exempel)") and c.description.startswith("Exempeldata")
        v2024 = versions.get(year=2024)
        own_texts = [
            s.body for s in v2024.sections.all() if s.body and not is_locked_for_city(s.key)
        ]
        assert own_texts and all(t.startswith("Exempeldata (demo)") for t in own_texts)
        experiences = v2024.sections.get(key="joint_follow_up").body
        assert "Exempeldata" in experiences and "Erfarenheter att dela" in experiences
        plans = ActionPlan.objects.filter(municipality=muni)
        assert [p.title for p in plans] == [demo_cities.PLAN_TITLE]
        actions = Action.objects.filter(plan__in=plans)
        assert 6 <= actions.count() <= 10
        assert all("(exempel)" in a.title and "Exempeldata" in a.description for a in actions)
        indicators = Indicator.objects.filter(municipality=muni, is_published=True)
        invented = indicators.filter(is_example=True)
        assert 3 <= invented.count() <= 5
        assert all(i.name.endswith("(exempel)") for i in invented)
        # No invented territorial emissions: none of their indicators is SMHI's.
        assert not indicators.filter(source_kind=Indicator.SourceKind.SMHI).exists()
        [plan] = InvestmentPlan.objects.filter(municipality=muni)
        assert plan.is_example and plan.is_published and "(exempel)" in plan.name
        assert plan.measures.count() >= 3
        assert all(m.fundings.exists() and "(exempel)" in m.name for m in plan.measures.all())


def test_followup_shows_the_four_cities_with_data_and_nothing_invented_for_the_others(demo):
    rows = _rows()
    assert len(rows) == 23
    for code in EXAMPLES:
        r = rows[code]
        assert r.contract_status == "signed"
        assert 5 <= sum(r.commitments.values()) <= 8
        assert r.actions_overdue is not None and r.actions_overdue >= 2
        assert r.indicators is not None and sum(r.indicators.values()) >= 3
        assert r.completeness["action_plan"] and r.completeness["investment_plan"]
        assert r.completeness["indicators"] and r.completeness["emissions"]
        assert r.local_contracts["signatories"] > 0 and r.proposals["total"] > 0
    assert rows[KARLSTAD].contract_status == "signed"
    for code, r in rows.items():
        if code in EXAMPLES or code == KARLSTAD:
            continue
        assert r.contract_status == "none" and r.commitments == {}
        assert r.actions_overdue is None and r.indicators is None
        assert r.local_contracts["signatories"] == 0 and r.proposals["total"] == 0
        assert r.completeness == {
            "contract": False,
            "action_plan": False,
            "indicators": False,
            "emissions": True,  # SMHI's public figures
            "investment_plan": False,
            "report": False,
        }
        assert r.emissions_latest_t is not None


def test_one_example_city_has_a_published_report_of_the_previous_year(demo):
    rows = _rows()
    with_report = [c for c in EXAMPLES if rows[c].completeness["report"]]
    assert len(with_report) == 1
    assert rows[with_report[0]].completeness_pct == 100


def test_the_page_says_no_data_shared_yet_for_the_nineteen_others(demo, client):
    page = client.get(URL).content.decode()
    assert page.count("Inga uppgifter delade ännu") == 19
    assert page.count("inga uppgifter delade ännu") == 2 * 19  # for signatories and proposals
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    for row in table.split("<tr>")[1:]:
        code = row.split('href="/kommun/')[1][:4]
        empty = "Inga uppgifter delade ännu" in row
        assert empty == (code not in EXAMPLES | {KARLSTAD})
        if empty:  # no count of zero that reads like the city's figure
            assert '">0</a>' not in row and ">0<" not in row
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(URL).content.decode()
    assert english.count("No data shared yet") == 19
    assert english.count("no data shared yet") == 2 * 19


def test_running_the_loader_again_changes_nothing(demo):
    models = [m for m in apps.get_models() if m._meta.app_label not in ("sessions", "axes")]
    before = {m._meta.label: m.objects.count() for m in models}
    rows = [asdict(r) for r in followup(2024, AnonymousUser())]
    demo_cities.load(io.StringIO())
    assert {m._meta.label: m.objects.count() for m in models} == before
    assert [asdict(r) for r in followup(2024, AnonymousUser())] == rows


def test_umeas_shared_draft_is_marked_for_the_programme_and_hidden_from_the_public(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from klimatkontrakt.national.demo import PROGRAMME_EDITOR

    code, name = demo_cities.SHARED_DRAFT[:2]
    draft = Indicator.objects.get(municipality__code=code, name=name)
    assert draft.shared_with_programme and not draft.is_published and draft.is_example
    assert "Exempeldata" in draft.description
    item = reverse("indicators:detail", args=[code, draft.pk])
    start = reverse("web:municipality", args=[code])
    listed = reverse("indicators:list", args=[code])

    public = client.get(URL).content.decode()
    assert "delad, ej publicerad" not in public
    assert client.get(item).status_code in (403, 404)
    for url in (start, listed):
        page = client.get(url).content.decode()
        assert name not in page and "Delad, ej publicerad" not in page

    client.force_login(get_user_model().objects.get(username=PROGRAMME_EDITOR))
    page = client.get(URL).content.decode()
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    marked = [r for r in table.split("<tr>")[1:] if "delad, ej publicerad" in r]
    assert [r.split('href="/kommun/')[1][:4] for r in marked] == [code]
    detail = client.get(item)
    assert detail.status_code == 200
    assert name in detail.content.decode() and "Delad, ej publicerad" in detail.content.decode()
    for url in (start, listed):
        assert "Delad, ej publicerad" in client.get(url).content.decode()
    assert name in client.get(listed).content.decode()
