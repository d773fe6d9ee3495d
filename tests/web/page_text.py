"""What a person reads on a page, and where a crawl of the site goes next.

Shared by the tests that render the demo in Swedish and in English: the visible text of a page
(text nodes, the title, and the attributes a screen reader or a tooltip shows; not what an
element marks as another language with `lang`, such as the language switch), and the same-site
links to follow."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

# Elements whose content a person never reads as text.
HIDDEN = {"script", "style", "template", "svg"}
# Attributes shown to a person: tooltips, screen-reader names, placeholders, image text.
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "aria-description")
# Downloads are not pages: not fetched by the crawl.
DOWNLOAD = re.compile(r"\.(docx|xlsx|pdf|csv|json|png|svg|zip)$|/export/|/data/", re.I)
# A page's own table as a file: `?format=csv` (csv-intl, xlsx, json) on the page's address.
DOWNLOAD_QUERY = re.compile(r"(^|&)format=")


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.code_parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._code = 0
        self._other_language: list[str] = []  # open elements marked with another lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in HIDDEN:
            self._hidden += 1
        if tag in ("code", "kbd", "samp"):
            self._code += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if values.get("lang") and tag != "html":
            self._other_language.append(tag)
        if self._hidden or self._other_language:
            return
        for name in SHOWN_ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._other_language and self._other_language[-1] == tag:
            self._other_language.pop()
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in ("code", "kbd", "samp") and self._code:
            self._code -= 1

    def handle_data(self, data: str) -> None:
        if self._hidden or self._other_language or not data.strip():
            return
        text = " ".join(data.split())
        (self.code_parts if self._code else self.parts).append(text)


def read_page(html: str) -> tuple[list[str], list[str], list[str]]:
    """(visible text pieces outside <code>, pieces inside <code>/<kbd>/<samp>, link targets)."""
    parser = _PageText()
    parser.feed(html)
    return parser.parts, parser.code_parts, parser.links


def same_site_path(href: str, current: str) -> str | None:
    """The path (with query) of a same-site page link, None for other sites and downloads."""
    href, _fragment = urldefrag(href)
    if not href or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if not path.startswith("/"):
        path = current.rsplit("/", 1)[0] + "/" + path
    if DOWNLOAD.search(path) or DOWNLOAD_QUERY.search(parts.query):
        return None
    return path + (f"?{parts.query}" if parts.query else "")
