"""Under the Content-Security-Policy the demo's pages load in Chromium without one violation or
script error, for a visitor and for an editor, and htmx still swaps a commitment in place."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from klimatkontrakt.organisations.demo import DEMO_EDITOR
from tests.a11y import session_cookie
from tests.demo_snapshot import copy_ledgers, load_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Violations reach the page as events; script errors and refused resources as console errors.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""
START = "/kommun/1780/"
VISITOR_PAGES = [
    "/",
    START,
    "/kommun/1780/kontrakt/2023/utskrift/",
    "/kommun/1780/uppfoljning/2024/rapport.html",
    "/konto/logga-in/",
    "/api/docs",
    "/admin/login/",
]
MAX_PAGES = 45


@pytest.fixture
def demo_site(settings, tmp_path, demo_snapshot):
    """The demo, as `klimatkontrakt demo` loads it (tests/demo_snapshot.py), committed."""
    settings.LEDGER_DIR = copy_ledgers(demo_snapshot, tmp_path / "ledgers")
    load_committed(demo_snapshot)
    from klimatkontrakt.footprint import selectors

    yield
    selectors._CACHE.clear()


def _walk(browser, base: str, first: list[str], cookies=None) -> tuple[int, list[str]]:
    context = browser.new_context(locale="sv-SE", bypass_csp=False)
    if cookies:
        context.add_cookies(cookies)
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in m.location.get("url", "")
            # A 404 page's own status is not an error of the page.
            and "status of 404" not in m.text
            and errors.append(f"console: {m.text}")
        ),
    )
    problems: list[str] = []
    seen: set[str] = set()
    todo = list(first)
    try:
        while todo and len(seen) < MAX_PAGES:
            path = todo.pop(0)
            if path in seen:
                continue
            seen.add(path)
            errors.clear()
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.status == 200, (path, response)
            found = page.evaluate("() => new Promise(r => setTimeout(() => r(window.__csp), 0))")
            problems += [f"{path}: {v}" for v in found + errors]
            if not path.startswith(START):
                continue
            for href in page.eval_on_selector_all("a[href]", "a => a.map(e => e.href)"):
                parts = urlsplit(urljoin(base + path, href))
                ours = parts.netloc == urlsplit(base).netloc and parts.path.startswith(START)
                page_link = not parts.query and parts.path.endswith("/")
                if ours and page_link and "ta-bort" not in parts.path:
                    todo.append(parts.path)
    finally:
        context.close()
    return len(seen), problems


def test_no_violation_for_a_visitor(browser, live_server, demo_site):
    visited, problems = _walk(browser, live_server.url, VISITOR_PAGES)
    assert visited >= 30
    assert problems == []


def test_no_violation_for_an_editor_and_htmx_swaps_in_place(browser, live_server, demo_site):
    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_EDITOR))
    cookies = session_cookie(client, live_server.url)
    visited, problems = _walk(browser, live_server.url, [START], cookies=cookies)
    assert visited >= 30
    assert problems == []

    # The demo's versions are signed: a draft of next year's has the quick status forms.
    from klimatkontrakt.contracts import services
    from klimatkontrakt.contracts.models import ContractVersion

    editor = get_user_model().objects.get(username=DEMO_EDITOR)
    signed = ContractVersion.objects.get(contract__municipality__code="1780", year=2024)
    draft = services.start_next_version(editor, signed)

    context = browser.new_context(locale="sv-SE", bypass_csp=False)
    context.add_cookies(cookies)
    context.add_init_script(LISTEN)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/kommun/1780/kontrakt/{draft.year}/", wait_until="load")
        form = page.locator("form.quick-status").first
        article = form.locator("xpath=ancestor::article")
        article_id = article.get_attribute("id")
        select = form.locator("select")
        current = select.input_value()
        other = select.locator("option").evaluate_all("o => o.map(e => e.value)")
        other.remove(current)
        select.select_option(other[0])
        page.evaluate("() => { window.__notReloaded = true; }")
        with page.expect_response(lambda r: "/status/" in r.url) as answer:
            form.locator("button").click()
        assert answer.value.request.headers.get("hx-request") == "true"
        page.wait_for_function(
            "([id, value]) => document.querySelector(`#${id} select`)?.value === value"
            " && !document.querySelector(`#${id}`).classList.contains('htmx-swapping')",
            arg=[article_id, other[0]],
        )
        # Swapped in place: the page was not reloaded, and nothing was refused on the way.
        assert page.evaluate("() => window.__notReloaded") is True
        assert page.evaluate("() => window.__csp") == []
    finally:
        context.close()
