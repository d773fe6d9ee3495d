from typing import Any

from django.http import HttpRequest

from klimatkontrakt import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {"site_version": __version__}
