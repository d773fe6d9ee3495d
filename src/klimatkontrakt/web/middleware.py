from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class SwedishFirstMiddleware:
    """Swedish unless the visitor chose another language with the switch (the language cookie).

    The browser's Accept-Language is ignored on purpose: a Swedish municipality's pages are in
    Swedish first, whatever language the visitor's browser happens to be set to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
