"""A 390 px phone: no page is wider than the screen, the sections' navigation folds behind a
button that works with keyboard and screen reader, tables scroll in their own box, status and
progress stay in view, and chart text is at least 11 px. Headless Chromium, like the axe tests."""

from __future__ import annotations

from typing import Any

import pytest

from klimatkontrakt.organisations.models import Municipality
from tests.a11y import assert_accessible, session_cookie
from tests.demo_snapshot import copy_ledgers, load_committed
from tests.organisations.factories import UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The page's width, and what sticks out to its right (outside a box that scrolls or clips).
OVERFLOW_JS = """() => {
  const w = document.documentElement.clientWidth, out = [];
  const boxed = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right <= w + 0.5 || boxed(e)) continue;
    if (r.width && r.right > w + 0.5) out.push(e.tagName + '.' + e.className + ' ' + r.right);
  }
  return {scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 5)};
}"""

# The smallest text in the charts as drawn: font size times the SVG's scale on the screen.
CHART_TEXT_JS = """() => {
  const sizes = [];
  for (const t of document.querySelectorAll('.chart-svg svg text')) {
    if (!t.textContent.trim()) continue;
    const m = t.getScreenCTM();
    sizes.push(parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
  }
  const svgs = [...document.querySelectorAll('.chart-svg svg')];
  return {
    count: sizes.length,
    min: Math.min(...sizes),
    widths: svgs.map(s => [s.getBoundingClientRect().width, s.parentElement.clientWidth]),
  };
}"""


def _pages(plan_id: int, project_id: int, indicator_id: int) -> list[str]:
    return [
        "/",
        "/kommun/1780/",
        "/kommun/1780/kontrakt/2024/",
        "/kommun/1780/kontrakt/jamfor/?fran=2023&till=2024",
        "/kommun/1780/utslapp/?gas=GGT",
        "/kommun/1780/inkop/",
        f"/kommun/1780/investeringsplan/{plan_id}/",
        f"/kommun/1780/investeringsplan/{plan_id}/atgarder/",
        "/kommun/1780/indikatorer/",
        f"/kommun/1780/indikatorer/{indicator_id}/",
        "/kommun/1780/handlingsplaner/",
        f"/kommun/1780/handlingsplaner/{project_id}/",
        "/kommun/1780/mal/",
        "/kommun/1780/utbildningar/",
        "/kommun/1780/uppfoljning/",
        "/kommun/1780/uppfoljning/2024/",
        "/konto/logga-in/",
    ]


def _widths(browser: Any, base: str, paths: list[str], **context: Any) -> dict[str, Any]:
    ctx = browser.new_context(viewport=PHONE, **context)
    page = ctx.new_page()
    wide = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        result = page.evaluate(OVERFLOW_JS)
        if result["scrollWidth"] > PHONE["width"] or result["out"]:
            wide[path] = result
    ctx.close()
    return wide


def test_no_page_is_wider_than_a_390_px_screen(
    browser, live_server, client, settings, tmp_path, demo_snapshot
):
    # The demo, as `klimatkontrakt demo` loads it (tests/demo_snapshot.py).
    settings.LEDGER_DIR = copy_ledgers(demo_snapshot, tmp_path / "ledgers")
    load_committed(demo_snapshot)
    admin_user = UserFactory(
        username="kommunadmin",
        member_of=Municipality.objects.get(code="1780"),
        member_of__role="admin",
    )
    from klimatkontrakt.indicators.models import Indicator
    from klimatkontrakt.investments.models import InvestmentPlan
    from klimatkontrakt.plans.models import ActionPlan

    paths = _pages(
        InvestmentPlan.objects.filter(municipality__code="1780").first().pk,
        ActionPlan.objects.filter(municipality__code="1780", kind="project").first().pk,
        Indicator.objects.filter(municipality__code="1780").first().pk,
    )
    assert _widths(browser, live_server.url, paths) == {}
    # An editor's header and pages (longer header, edit columns in the tables).
    client.force_login(admin_user)
    cookies = session_cookie(client, live_server.url)
    editor_paths = [*paths[1:-1], "/kommun/1780/kontrakt/statusar/", "/konto/mina-uppgifter/"]
    context = browser.new_context()
    context.add_cookies(cookies)
    state = context.storage_state()
    context.close()
    assert _widths(browser, live_server.url, editor_paths, storage_state=state) == {}
    # Without the page's script, tables still scroll by themselves rather than widen the page.
    assert _widths(browser, live_server.url, paths, java_script_enabled=False) == {}

    # Status and progress of each action stay in view beside its name, not only in columns
    # scrolled out of sight.
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(live_server.url + paths[11])
    first = page.locator("main table tbody tr th[scope=row]").first
    status = first.locator(".narrow-only")
    assert status.is_visible()
    box = status.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert "%" in status.inner_text()
    ctx.close()

    # The page types stay accessible at 390 px (menu folded), in both languages.
    for path in [paths[1], paths[4], paths[11], paths[13], paths[3]]:
        for language in (None, "en-GB"):
            assert_accessible(browser, live_server.url + path, language=language, width=390)


def test_chart_text_is_at_least_11_px_on_a_390_px_screen(browser, live_server):
    from klimatkontrakt.emissions.demo import load_demo_emissions
    from klimatkontrakt.organisations.services import BUNDLED_CODE_LIST, import_municipalities

    import_municipalities(BUNDLED_CODE_LIST)
    load_demo_emissions()
    for width in (390, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        page.goto(live_server.url + "/kommun/1780/utslapp/?gas=GGT")
        result = page.evaluate(CHART_TEXT_JS)
        ctx.close()
        assert result["count"] > 50
        # Each chart fills its box (at most 36rem), whatever the screen.
        for svg_width, box in result["widths"]:
            assert svg_width == pytest.approx(min(box, 576), abs=1)
        if width == 390:
            assert result["min"] >= 11, result


def test_sections_fold_behind_a_button_on_a_phone(browser, live_server, karlstad):
    url = live_server.url + "/kommun/1780/"
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    page.goto(url)
    button = page.get_by_role("button", name="Avsnitt")
    link = page.locator("#subnav-sections a").first
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "subnav-sections"
    assert not link.is_visible()
    # Keyboard: Tab to the button, Enter opens, Escape in the list closes and returns focus.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('nav-toggle')"):
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#subnav-sections') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not link.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    button.click()
    assert link.is_visible()
    ctx.close()
    # Wide screens and browsers without the script show every section, and no button.
    for context in ({"viewport": {"width": 1280, "height": 800}}, {"java_script_enabled": False}):
        ctx = browser.new_context(**({"viewport": PHONE} | context))
        page = ctx.new_page()
        page.goto(url)
        assert page.locator("#subnav-sections a").first.is_visible()
        assert not page.locator("button.nav-toggle").is_visible()
        ctx.close()
