"""A form or view that refuses an anonymous visitor does so before it reads the input.

On the demo, every form an editor is shown (its action, with real ids) and every URL pattern
gets a POST of garbage from an anonymous visitor: the answer is the way to the login page or
401/403/404/405, never the form again with errors, a validation error (400/422) or a server
error. A page that only reads may answer 200, but then without any form error. Every API write
operation answers 401 before looking at its body.
"""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from klimatkontrakt.organisations.demo import DEMO_EDITOR
from tests.security.test_isolation import (
    SKIP_PREFIXES,
    _api_operations,
    _fill,
    _routes,
    _snapshot,
)

GARBAGE = {
    "title": "x" * 5000,
    "name": "",
    "planned_year": "-99999999999999999999",
    "year": "nan",
    "amount": "1e308",
    "file": "not a file",
    "status": "<script>",
    "edit_version": "banana",
    "body": "\x00",
}
REFUSED = (401, 403, 404, 405)
# Forms the public sends without an account (proposals, the local climate contract's sign-up):
# they read the input by design, must answer a visitor's garbage with the form and its errors,
# and store nothing (the snapshot below checks that).
PUBLIC_FORMS = ("/forslag/lamna/", "/forslag/lamna/elev/", "/lokalt-klimatkontrakt/anmalan/")
PUBLIC_API_WRITES = ("/api/v1/proposals/1780/submit",)
FORM_ERRORS = ("error-summary", "errorlist")
START = "/kommun/1780/"
MAX_PAGES = 120


def _links(html: str) -> tuple[set[str], set[str]]:
    """(links, post targets) of a page: <a href>, <form method=post action>, hx-post."""
    links = {unescape(m) for m in re.findall(r'<a\b[^>]*\bhref="([^"#]+)"', html)}
    posts = set()
    for form in re.findall(r"<form\b[^>]*>", html):
        if re.search(r'method="post"', form, re.I):
            action = re.search(r'action="([^"]*)"', form)
            posts.add(unescape(action.group(1)) if action else "")
    posts |= {unescape(m) for m in re.findall(r'hx-post="([^"]+)"', html)}
    return links, posts


def _editor_forms(client: Client) -> set[str]:
    """Every POST target an editor of Karlstad meets on Karlstad's pages (bounded walk)."""
    seen: set[str] = set()
    todo = [START]
    targets: set[str] = set()
    while todo and len(seen) < MAX_PAGES:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        links, posts = _links(response.content.decode())
        for post in posts:
            target = urlsplit(urljoin(path, post)).path
            if target.startswith(START):
                targets.add(target)
        for link in links:
            parts = urlsplit(urljoin(path, link))
            if parts.netloc or not parts.path.startswith(START) or parts.query:
                continue
            if not parts.path.endswith("/"):  # downloads
                continue
            todo.append(parts.path)
    return targets


def _errors(response) -> int:
    text = response.content.decode(errors="replace")
    return sum(text.count(marker) for marker in FORM_ERRORS)


def _judge(client: Client, url: str) -> str | None:
    response = client.post(url, GARBAGE)
    status = response.status_code
    if status == 302 and response["Location"].startswith("/konto/logga-in/"):
        return None
    if status in REFUSED:
        return None
    if status in (200, 302) and response.get("Location") != url:
        # A page that only reads answers a POST as it answers a GET (the same page, or the same
        # redirect to where the page lives): no error about the garbage sent.
        again = client.get(url)
        same = again.status_code == status and _errors(again) == _errors(response)
        if same and (status == 200 or again["Location"] == response["Location"]):
            return None
    return f"POST {url} -> {status} {response.get('Location', '')}"


@pytest.mark.django_db
def test_every_form_and_page_refuses_an_anonymous_post_before_reading_it(demo):
    from django.contrib.auth import get_user_model

    editor = Client()
    editor.force_login(get_user_model().objects.get(username=DEMO_EDITOR))
    targets = _editor_forms(editor)
    # The walk must reach the write forms of the modules, not only a handful.
    assert len(targets) >= 30, sorted(targets)
    routes = {
        _fill(r, {"code": "1780", "year": "2024"})
        for r in _routes()
        if not r.startswith(SKIP_PREFIXES)
    }
    anonymous = Client()
    before = _snapshot()
    public = {url for url in targets | routes if url.endswith(PUBLIC_FORMS)}
    assert {f for f in PUBLIC_FORMS if any(u.endswith(f) for u in public)} == set(PUBLIC_FORMS)
    wrong = [
        problem
        for url in sorted((targets | routes) - public)
        if (problem := _judge(anonymous, url))
    ]
    for url in public:
        assert anonymous.post(url, GARBAGE).status_code in (200, 404, 429), url
    assert wrong == [], "\n".join(wrong)
    assert _snapshot() == before


@pytest.mark.django_db
def test_every_api_write_refuses_an_anonymous_caller_before_its_body(demo):
    anonymous = Client()
    wrong = []
    for method, path, _ in _api_operations(anonymous):
        if method == "get":
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: {"code": "1780", "year": "2024"}.get(m[1], "1"), path)
        if url in PUBLIC_API_WRITES:
            continue
        response = getattr(anonymous, method)(url, "{not json", content_type="application/json")
        if response.status_code not in (401, 403, 405):
            wrong.append(f"{method.upper()} {url} -> {response.status_code}")
    assert wrong == [], "\n".join(wrong)
