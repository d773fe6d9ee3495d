"""Response headers and the client's address (see docs/deployment.md, "Security headers" and
"Login throttling").

- `client_address`: the address login throttling counts failures by. REMOTE_ADDR, unless the
  operator names the header the TLS proxy writes (`KLIMATKONTRAKT_TRUSTED_PROXY_HEADER`, with
  `KLIMATKONTRAKT_TRUSTED_PROXY_COUNT` proxies in front): then the entry that the outermost trusted
  proxy appended. Entries further left were sent by the client and are never believed.
- `PermissionsPolicyMiddleware`: the Permissions-Policy header on every response.
- `allow_own_styles`: the Content-Security-Policy of a stand-alone document (the print pages)
  that carries its own <style> block, allowing exactly that block by its SHA-256 hash.
"""

import base64
import hashlib
import ipaddress
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP


def _meta_key(header: str) -> str:
    """`X-Forwarded-For` (or `HTTP_X_FORWARDED_FOR`) as a request.META key."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") else f"HTTP_{key}"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    value = request.META.get(_meta_key(header), "")
    entries = [e.strip() for e in value.split(",") if e.strip()]
    count = max(1, int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)))
    if not entries:
        # Not through the proxy (a health check from the same host): the peer itself.
        return remote
    # The outermost trusted proxy appended the address it saw; what stands left of it came from
    # the client and may be anything.
    chosen = entries[-count] if len(entries) >= count else entries[0]
    return _valid(chosen) or remote


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def allow_own_styles(response: HttpResponse) -> HttpResponse:
    """Allow the <style> blocks of this response, and nothing else inline, by their hashes."""
    body = response.content.decode(response.charset or "utf-8", errors="replace")
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in STYLE_BLOCK.findall(body)
    ]
    if hashes:
        base: dict[str, list[str]] = getattr(settings, "SECURE_CSP", {})
        policy = {k: list(v) for k, v in base.items()}
        policy["style-src"] = [CSP.SELF, *hashes]
        response._csp_config = policy  # type: ignore[attr-defined]  # read by Django's middleware
    return response
