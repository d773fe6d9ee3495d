"""Every page a visitor reaches from the home page and the municipalities' start pages, rendered
in Swedish, shows no internal code and no English (the crawl: tests/web/swedish_crawl.py)."""

import pytest
from django.utils import translation

from klimatkontrakt.organisations.models import Municipality
from tests.web.swedish_crawl import crawl, findings

# The crawl checks rendered text, which does not depend on the database: CI runs it once, on
# SQLite (see .ci/run).
pytestmark = [pytest.mark.rendering, pytest.mark.slow]


@pytest.mark.django_db
def test_no_code_and_no_english_on_any_page_for_a_visitor(client, demo):
    seeds = ["/"] + [f"/kommun/{c}/" for c in Municipality.objects.values_list("code", flat=True)]
    with translation.override("sv"):
        pages = crawl(client, seeds)
    assert len(pages) > 300
    assert findings(pages) == {}
