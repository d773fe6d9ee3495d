from collections.abc import Callable
from urllib.parse import unquote_plus

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


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


class NulCharacterMiddleware:
    """Refuse a request whose path, query string or JSON body holds a NUL character.

    PostgreSQL cannot store or even compare text with NUL (0x00) in it and answers with an error,
    so such a value would reach the database as a 500. No real input needs it: the API answers
    422 in its `Error` shape, a page 400. Form fields already refuse NUL (Django's
    ProhibitNullCharactersValidator); multipart uploads are files and are not read here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = self._nul_in(request)
        if where is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = f"The {where} contains a NUL character, which no field accepts."
            return JsonResponse(
                {"detail": "Invalid input", "errors": {where: [message]}}, status=422
            )
        raise BadRequest(f"NUL character in the {where}")

    @staticmethod
    def _nul_in(request: HttpRequest) -> str | None:
        if "\x00" in request.path:
            return "path"
        if "\x00" in unquote_plus(request.META.get("QUERY_STRING", "")):
            return "query"
        if request.content_type == "application/json" and request.method in WRITES:
            body = request.body
            if b"\x00" in body or b"\\u0000" in body:
                return "body"
        return None
