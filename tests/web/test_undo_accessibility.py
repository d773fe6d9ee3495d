"""The pages that remove an import, the change log beside the imports, and a draft report with
its box of unpublished sources pass axe-core's WCAG 2.1 A/AA rules, in both languages and
390 px wide."""

import pytest

from tests.a11y import assert_accessible, session_cookie
from tests.reports.conftest import indicator, karlstad_work  # noqa: F401

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_removal_pages(
    browser,
    live_server,
    client,
    editor,
    karlstad,
    tmp_path,
    settings,
    investment_plan_factory,
    department_factory,
):
    from klimatkontrakt.footprint import services as footprint
    from klimatkontrakt.investments.services import import_measures
    from klimatkontrakt.plans.demo import load_demo_plans
    from klimatkontrakt.plans.workbook import export_actions, import_actions
    from tests.investments.conftest import give_sectors
    from tests.investments.test_measure_import import GOOD
    from tests.sources.ledger_files import write_csv

    settings.LEDGER_DIR = tmp_path / "ledgers"
    first = footprint.import_ledger(editor, karlstad, [("a.csv", write_csv(tmp_path / "a.csv"))])
    footprint.import_ledger(
        editor, karlstad, [("b.csv", write_csv(tmp_path / "b.csv", newline="\r\n"))]
    )
    footprint.delete_import(editor, first.imported[0])  # a change log entry to show
    item = first.ledger.imports.get()
    rules = tmp_path / "regler.csv"
    rules.write_text("field,pattern,category\naccount,4610,construction_buildings\n")
    rule_set = footprint.import_rules(editor, karlstad, "Egna regler", rules)
    factors = tmp_path / "faktorer.csv"
    factors.write_text(
        "category,value,unit,year,currency,source,licence\n"
        "construction_buildings,0.01,kg CO2e/SEK,2024,SEK,Lokal (test),-\n"
    )
    factor_set = footprint.import_factors(editor, karlstad, "Egna faktorer", factors)
    activity = tmp_path / "aktivitet.csv"
    activity.write_text("year,department,activity,quantity,unit\n2024,,diesel,100,l\n")
    footprint.import_activity(editor, karlstad, activity, scope="Kommunkoncernen")
    project, _ = load_demo_plans()
    import_actions(project, export_actions(project), "aktiviteter.xlsx", user=editor)
    action_import = project.imports.get()
    for name, short in (
        ("Teknik- och fastighetsförvaltningen", "TFF"),
        ("Miljöförvaltningen", "MF"),
    ):
        if not karlstad.departments.filter(name=name).exists():
            department_factory(municipality=karlstad, name=name, short_name=short)
    plan = give_sectors(investment_plan_factory(municipality=karlstad, name="Testplan"))
    measure_import = import_measures(plan, GOOD.encode(), "atgarder.csv", user=editor)
    assert not measure_import.already_imported
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    pages = [
        "/kommun/1780/inkop/importera/",
        "/kommun/1780/inkop/data/",
        f"/kommun/1780/inkop/import/{item.pk}/ta-bort/",
        f"/kommun/1780/inkop/regler/{rule_set.pk}/ta-bort/",
        f"/kommun/1780/inkop/faktorer/{factor_set.pk}/ta-bort/",
        "/kommun/1780/inkop/aktivitet/2024/ta-bort/?omfattning=Kommunkoncernen",
        f"/kommun/1780/handlingsplaner/{project.pk}/import/",
        f"/kommun/1780/handlingsplaner/{project.pk}/import/{action_import.pk}/ta-bort/",
        f"/kommun/1780/investeringsplan/{plan.pk}/atgarder/",
        f"/kommun/1780/investeringsplan/{plan.pk}/atgarder/import/{plan.imports.get().pk}/ta-bort/",
    ]
    for path in pages:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, cookies=cookies, language=language)
    for path in pages[:3]:
        assert_accessible(browser, live_server.url + path, cookies=cookies, width=390)


def test_draft_report_with_unpublished_sources(
    browser,
    live_server,
    client,
    editor,
    karlstad,
    karlstad_work,  # noqa: F811
):
    from klimatkontrakt.plans import services as plans
    from klimatkontrakt.plans.models import ActionPlan
    from klimatkontrakt.reports import services

    test_plan = plans.create_plan(editor, karlstad, kind="waste", title="Testplan", owner_name="T")
    ActionPlan.objects.filter(pk=test_plan.pk).update(include_in_report=True)
    services.create_draft(editor, karlstad, 2024)
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in ["/kommun/1780/uppfoljning/2024/", "/kommun/1780/uppfoljning/2024/rapport.html"]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, cookies=cookies, language=language)
        assert_accessible(browser, live_server.url + path, cookies=cookies, width=390)
