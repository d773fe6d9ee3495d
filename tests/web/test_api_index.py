"""`/api/` says where the schema, the docs and the endpoint groups are; the docs need no CDN."""

import re

from django.contrib.staticfiles import finders


def test_api_root_lists_schema_docs_and_endpoint_groups(client):
    body = client.get("/api/").json()
    # The canonical, versioned addresses (docs/api.md, "Versions").
    assert body["schema"] == "/api/v1/openapi.json" and body["docs"] == "/api/v1/docs"
    assert body["api_version"] == "v1" and body["versions"] == {"v1": "/api/v1/"}
    assert "/api/v1/contracts/" in body["endpoints"] and "/api/v1/footprint/" in body["endpoints"]
    paths = client.get(body["schema"]).json()["paths"]
    for group in body["endpoints"]:
        assert any(path.startswith(group) for path in paths), group


def test_api_docs_load_their_scripts_and_styles_from_this_site(client):
    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert assets and all(a.startswith("/static/") for a in assets)
    assert "cdn" not in html.lower()
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
