"""Every page the demo editor reaches, with each editor form (also sent empty) and the pages of
imported tables, rendered in Swedish, shows no internal code and no English (the crawl:
tests/web/swedish_crawl.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests.web.swedish_crawl import crawl, editor_forms, findings, import_tables

# The crawl checks rendered text, which does not depend on the database: CI runs it once, on
# SQLite (see .ci/run).
pytestmark = [pytest.mark.rendering, pytest.mark.slow]


@pytest.mark.django_db
def test_no_code_and_no_english_on_any_page_for_the_editor(client, demo):
    from klimatkontrakt.organisations.demo import DEMO_EDITOR

    client.force_login(get_user_model().objects.get(username=DEMO_EDITOR))
    forms = editor_forms("1780")
    import_tables("1780", client)
    with translation.override("sv"):
        pages = crawl(client, ["/", "/kommun/1780/", "/kommun/0180/", *forms])
        # Each form sent empty: the page with its validation messages.
        for path in forms:
            if not path.endswith(("/ta-bort/", "/import/")):
                response = client.post(path, {})
                pages[f"POST {path}"] = response.content.decode()
    assert set(forms) <= set(pages)
    assert any("field-error" in html for path, html in pages.items() if path.startswith("POST"))
    assert findings(pages) == {}
