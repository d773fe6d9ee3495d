"""A visitor meets the site's own error pages, in its layout and language, never a debug page."""

import os
import subprocess
import sys

import pytest


def test_debug_is_off_unless_asked_for():
    # The settings `make run` uses: no KLIMATKONTRAKT_DEBUG, no production environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLIMATKONTRAKT_")}
    code = "import klimatkontrakt.settings as s; print(s.DEBUG)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.django_db
def test_not_found_page_is_the_sites_own_in_swedish(client):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan hittades inte" in html and 'class="site-header"' in html
    assert "URLconf" not in html and "urlpatterns" not in html


@pytest.mark.urls("tests.web.error_urls")
def test_server_error_page_is_the_sites_own_in_swedish(client):
    client.raise_request_exception = False
    response = client.get("/fel/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html and 'class="site-header"' in html
    assert "Traceback" not in html and "a bug" not in html


def test_static_files_are_served_without_collectstatic(client):
    response = client.get("/static/web/site.css")
    assert response.status_code == 200
