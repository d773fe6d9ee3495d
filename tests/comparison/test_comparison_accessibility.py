"""The comparison page and its map pass axe-core's WCAG 2.1 A/AA rules in both languages and on
a 390 px wide screen, as tests/web/test_accessibility.py checks the other pages."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.a11y import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comparison_page_and_map(browser, live_server, shared_data: Path):
    from klimatkontrakt.emissions.demo import load_demo_emissions
    from klimatkontrakt.organisations.models import Municipality
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities

    folder = shared_data / "kpis"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found: the comparison page's test needs the national files")
    import_municipalities(BUNDLED_CODE_LIST)
    Municipality.objects.filter(code="1780").update(in_climate_contract=True)
    load_demo_emissions()
    call_command("import_kpis", str(folder), stdout=io.StringIO())
    for path in [
        "/jamforelse/?county=17&sort=evs_per_charge_point&order=desc",
        "/jamforelse/?figure=historical_change_pct&size=city",
    ]:
        for language in (None, "en-GB"):
            for width in (None, 390):
                assert_accessible(browser, live_server.url + path, language=language, width=width)
    assert_accessible(browser, live_server.url + "/kommun/1780/", width=390)
