"""The pages that explain themselves (contract diff and version, footprint, measure form,
optimum) pass axe-core's WCAG 2.1 A/AA rules in both languages, also 390 px wide."""

from decimal import Decimal

import pytest

from klimatkontrakt.contracts import services as contracts
from klimatkontrakt.footprint import services as footprint
from klimatkontrakt.investments.demo import load_demo_investments
from klimatkontrakt.investments.models import BaselineSector
from tests.a11y import assert_accessible, session_cookie
from tests.sources.ledger_files import write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(version_2023, editor, karlstad, tmp_path, settings, investment_plan_factory):
    settings.LEDGER_DIR = tmp_path / "ledgers"
    contracts.sign_version(editor, version_2023)
    v2024 = contracts.start_next_version(editor, version_2023)
    contracts.delete_commitment(editor, v2024.commitments.first())
    contracts.update_section_text(
        editor, v2024.sections.get(key="purpose"), "Öka takten kraftigt i klimatomställningen."
    )
    contracts.sign_version(editor, v2024)
    ledger = footprint.import_ledger(
        editor, karlstad, [("lev.csv", write_csv(tmp_path / "l.csv"))]
    ).ledger
    activity = tmp_path / "aktivitet.csv"
    activity.write_text(
        "year,activity,quantity,unit,replaces_category\n"
        "2024,district_heating,100000,kWh,heating_purchases\n",
        encoding="utf-8",
    )
    footprint.import_activity(editor, karlstad, activity)
    footprint.set_published(editor, ledger, True)
    plan = load_demo_investments()
    small = investment_plan_factory(
        municipality=karlstad, name="Maskinparken", budget_total_t=Decimal("500"),
        is_published=True,
    )  # fmt: skip
    BaselineSector.objects.create(plan=small, sector="diesel", base_t=Decimal("100"))
    return [
        "/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024",
        "/kommun/1780/kontrakt/2024/",
        "/kommun/1780/inkop/",
        f"/kommun/1780/investeringsplan/{plan.pk}/optimum/",
        f"/kommun/1780/investeringsplan/{plan.pk}/atgarder/ny/",
        f"/kommun/1780/investeringsplan/{small.pk}/optimum/",
    ]


@pytest.mark.parametrize("language", [None, "en-GB"])
@pytest.mark.parametrize("width", [None, 390])
def test_pages_pass_axe(browser, live_server, client, editor, pages, language, width):
    client.force_login(editor)
    cookies = session_cookie(client, live_server.url)
    for path in pages:
        assert_accessible(
            browser, live_server.url + path, cookies=cookies, language=language, width=width
        )
