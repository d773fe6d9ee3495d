"""axe-core on the municipality start page with its headline summary and on the emissions page
with the budget methods side by side: both languages, and 390 px wide."""

import pytest

from tests.a11y import AXE, WCAG_TAGS, assert_accessible

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/kommun/1780/", "/kommun/1780/utslapp/?gas=GGT"]


@pytest.fixture
def karlstad_figures():  # type: ignore[no-untyped-def]
    from klimatkontrakt.emissions.demo import load_demo_emissions
    from klimatkontrakt.indicators.demo import load_demo_indicators
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities
    from klimatkontrakt.plans.demo import load_demo_plans

    import_municipalities(BUNDLED_CODE_LIST)
    load_demo_emissions()
    load_demo_indicators()
    load_demo_plans()


@pytest.mark.parametrize("language", [None, "en-GB"])
def test_start_and_emissions_pages(browser, live_server, karlstad_figures, language):
    for path in PAGES:
        assert_accessible(browser, live_server.url + path, language=language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_start_and_emissions_pages_at_390_px(browser, live_server, karlstad_figures, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    try:
        for path in PAGES:
            page.goto(live_server.url + path, wait_until="load")
            assert page.locator(".headline-summary, #methods").count() >= 1
            # nothing wider than the screen outside the boxes that scroll on their own
            wide = page.evaluate(
                "() => document.documentElement.scrollWidth > window.innerWidth + 1"
            )
            assert not wide, f"{path} scrolls sideways at 390 px"
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async (t) => await axe.run(document, {runOnly: {type: 'tag', values: t}})",
                WCAG_TAGS,
            )
            assert result["violations"] == [], (path, result["violations"])
    finally:
        context.close()
