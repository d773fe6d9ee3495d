"""“Experiences to share”: each city's section 7.2 text of a year on one page, searchable
without JavaScript, filtered by city, each text linking to its contract version; only the
versions the reader may see."""

import pytest

from klimatkontrakt.contracts import services
from klimatkontrakt.national.experience_selectors import experiences, experiences_part
from klimatkontrakt.organisations.access import SYSTEM

pytestmark = pytest.mark.django_db

PAGE = "/nationellt/erfarenheter/2024/"

KARLSTAD_TEXT = (
    "7.1 Viktigaste uppdateringar för kommunen\n"
    "Beslut om energi- och klimatplan.\n\n"
    "7.2 Mest angelägna erfarenheter att dela för kommunen\n"
    "Klimatarbetet kräver nya arbetssätt och samarbeten mellan kommuner.\n"
    "Kommunen är facilitator för samverkan.\n\n"
    "7.3 Viktigaste uppdateringar för Viable Cities\n"
    "Programmet har förberett en ny fas."
)


def _version(factory, municipality, year, text, *, publish):
    version = factory(municipality=municipality, year=year, commitments=0)
    section = version.sections.get(key="joint_follow_up")
    services.update_section_text(SYSTEM, section, text)
    if publish:
        services.set_published(SYSTEM, version, True)
    return version


@pytest.fixture
def texts(contract_version_factory, karlstad, other_municipality, municipality_factory):
    """Karlstad 2024 published (7.2 under its heading), Stockholm 2024 a private draft, Umeå
    2024 published without numbered headings, Karlstad 2023 published."""
    umea = municipality_factory(code="2480", name="Umeå")
    return {
        "karlstad": _version(
            contract_version_factory, karlstad, 2024, KARLSTAD_TEXT, publish=True
        ),
        "stockholm": _version(
            contract_version_factory, other_municipality, 2024,
            "7.2 Erfarenheter\nHemlig erfarenhet om samarbeten i utkastet.", publish=False,
        ),
        "umea": _version(
            contract_version_factory, umea, 2024,
            "Vi delar gärna hur lokala klimatkontrakt med företag byggs upp.", publish=True,
        ),
        "karlstad_2023": _version(
            contract_version_factory, karlstad, 2023,
            "7.2 Erfarenheter\nFörra årets lärdomar.", publish=True,
        ),
    }  # fmt: skip


def test_the_72_part_is_taken_from_the_own_text():
    text, whole = experiences_part(KARLSTAD_TEXT)
    assert not whole
    assert text == (
        "Klimatarbetet kräver nya arbetssätt och samarbeten mellan kommuner.\n"
        "Kommunen är facilitator för samverkan."
    )
    assert experiences_part("Bara en text.\n7.20 inte en rubrik") == (
        "Bara en text.\n7.20 inte en rubrik",
        True,
    )
    assert experiences_part("7.2. Erfarenheter\nA\n8. Kontraktet\nB") == ("A", False)


def test_public_page_gathers_the_years_published_texts(client, texts):
    html = client.get(PAGE).content.decode()
    assert "Klimatarbetet kräver nya arbetssätt" in html
    assert "Beslut om energi- och klimatplan" not in html  # 7.1 is not shared experience
    assert "Programmet har förberett" not in html
    assert "lokala klimatkontrakt med företag" in html
    assert "Förra årets lärdomar" not in html and "Hemlig erfarenhet" not in html
    assert "2 texter." in html
    assert 'href="/kommun/1780/kontrakt/2024/"' in html
    assert 'href="/kommun/2480/kontrakt/2024/"' in html
    html_2023 = client.get("/nationellt/erfarenheter/2023/").content.decode()
    assert "Förra årets lärdomar" in html_2023 and "Klimatarbetet" not in html_2023


def test_a_private_draft_is_shown_only_to_its_own_city(
    client, texts, editor, formas_editor, programme_editor, outsider
):
    for reader in (editor, formas_editor, programme_editor):
        client.force_login(reader)
        html = client.get(PAGE).content.decode()
        assert "Hemlig erfarenhet" not in html and "Stockholm" not in html
        searched = client.get(PAGE, {"q": "Hemlig"}).content.decode()
        assert "0 texter innehåller" in searched and "<mark>" not in searched
    client.force_login(outsider)
    html = client.get(PAGE).content.decode()
    assert "Hemlig erfarenhet" in html and "Utkast, inte publicerad" in html


def test_search_keeps_matching_texts_and_marks_every_match(client, texts):
    html = client.get(PAGE, {"q": "samarbeten kommuner"}).content.decode()
    assert "1 text innehåller ”samarbeten kommuner”." in html
    assert "<mark>samarbeten</mark> mellan <mark>kommun</mark>er" not in html
    assert "<mark>samarbeten</mark> mellan <mark>kommuner</mark>" in html
    assert "lokala klimatkontrakt" not in html
    # Case-insensitive; the text keeps its own case inside the mark.
    html = client.get(PAGE, {"q": "KLIMATKONTRAKT"}).content.decode()
    assert "<mark>klimatkontrakt</mark>" in html and "Klimatarbetet" not in html
    html = client.get(PAGE, {"q": "finns-inte-någonstans"}).content.decode()
    assert "0 texter innehåller" in html and "Ingen text matchar sökningen." in html


def test_search_input_is_escaped(client, texts):
    html = client.get(PAGE, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_city_filter(client, texts):
    html = client.get(PAGE, {"city": "2480"}).content.decode()
    assert "lokala klimatkontrakt" in html and "Klimatarbetet" not in html
    assert '<option value="2480" selected>' in html and '<option value="1780"' in html
    assert "Ingen text" in client.get(PAGE, {"city": "9999"}).content.decode()


def test_selector_marks_whole_texts(texts):
    found = experiences(SYSTEM, 2024)
    assert [(e.municipality.code, e.whole_section) for e in found.items] == [
        ("1780", False),
        ("0180", False),
        ("2480", True),
    ]


def test_out_of_range_year_is_404_and_index_links_the_page(client):
    assert client.get("/nationellt/erfarenheter/1800/").status_code == 404
    assert "/nationellt/erfarenheter/" in client.get("/nationellt/").content.decode()


def test_swedish_page_shows_no_code_and_no_english(client, texts):
    from tests.web.swedish_crawl import findings

    pages = {PAGE: client.get(PAGE).content.decode()}
    pages[PAGE + "?q=samarbeten"] = client.get(PAGE, {"q": "samarbeten"}).content.decode()
    assert findings(pages) == {}
