"""`python -m klimatkontrakt.healthcheck`: exit 0 when this container's web server answers
`/healthz` with 200, else 1 (the Dockerfile's HEALTHCHECK). Imports no Django, so a check every
half minute costs next to nothing.

It asks as the proxy would: the first of KLIMATKONTRAKT_ALLOWED_HOSTS as Host and
`X-Forwarded-Proto: https`, so neither the host check nor the https redirect turns it away.
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    port = os.environ.get("KLIMATKONTRAKT_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    # A leading dot allows every subdomain: the domain itself is one of them.
    first = os.environ.get("KLIMATKONTRAKT_ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
    host = first if first and first != "*" else "localhost"
    request = urllib.request.Request(  # noqa: S310 - a fixed http URL on the loopback address
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            body = response.read().decode()
            print(body)
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"health check failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
