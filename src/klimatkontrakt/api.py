"""The JSON API: one NinjaAPI, one router per domain app. Mounted at `/api/v1/` (canonical: the
schema's paths) and at `/api/`, which serves the same current version (docs/api.md, "Versions").
Schema at /api/v1/openapi.json (and /api/openapi.json)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError as InputError
from ninja.openapi.schema import OpenAPISchema

from klimatkontrakt import __version__
from klimatkontrakt.comparison.api import router as comparison_router
from klimatkontrakt.contracts.api import router as contracts_router
from klimatkontrakt.contracts.services import FrozenVersionError, StaleEditError
from klimatkontrakt.emissions.api import router as emissions_router
from klimatkontrakt.engagement.api import local_contracts_router, proposals_router
from klimatkontrakt.footprint.api import router as footprint_router
from klimatkontrakt.funding.api import calls_router, grants_router
from klimatkontrakt.goals.api import router as goals_router
from klimatkontrakt.indicators.api import router as indicators_router
from klimatkontrakt.investments.api import router as investments_router
from klimatkontrakt.national.api import router as national_router
from klimatkontrakt.organisations.api import router as organisations_router
from klimatkontrakt.plans.api import router as plans_router
from klimatkontrakt.reports.api import router as reports_router
from klimatkontrakt.reports.api import summary_router
from klimatkontrakt.training.api import router as training_router
from klimatkontrakt.web.api_schemas import Error

API_VERSION = "v1"  # the current version: docs/api.md, "Change log"
ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_ANSWERS = {
    400: "The body is not JSON",
    401: "Not logged in (no session, or it expired), or an unknown, expired or revoked API token",
    403: (
        "Logged in without the editor or admin role here, the CSRF token is missing (session), "
        "or a write with a read-only API token"
    ),
    404: "No such record, or not visible to you",
    409: "Conflicts with the record's state (signed, approved, or edited since you read it)",
    422: "Invalid input: `errors` names each field (docs/api.md, Input rules)",
    429: "Too many requests: wait `Retry-After` seconds (docs/api.md, Rate limits)",
}
WRITES = {"post", "put", "patch", "delete"}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers each operation can give, with their real body (`Error`): 401 and
    403 where it needs a login; 404 and 422 where it takes input; 400 where it takes a body; 409
    for writes that declare it. A response a view already declares keeps its own description."""
    for methods in schema["paths"].values():  # and 429 (rate limits) everywhere
        for method, op in methods.items():
            codes = {429}
            if op.get("security"):
                codes |= {401, 403}
            if op.get("parameters") or op.get("requestBody"):
                codes |= {404, 422}
            if op.get("requestBody"):
                codes.add(400)
            answers = op["responses"]  # keyed by int, as django-ninja builds it
            for code in sorted(codes):
                answers.setdefault(
                    code,
                    {
                        "description": ERROR_ANSWERS[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
            if method in WRITES and 409 in answers:
                answers[409]["description"] = ERROR_ANSWERS[409]
    schema["components"].setdefault("schemas", {})["Error"] = Error.model_json_schema()
    return schema


BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": (
        "A personal API token (page My data, or `klimatkontrakt create-token`): "
        "`Authorization: Bearer <token>`. It acts with its user's roles; scope read or write."
    ),
}


def document_bearer(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation that takes a session also takes an API token: the token middleware signs
    the request in as the token's user before the view runs, so the same check applies. The
    schema says so, so that clients generated from it send the token."""
    schemes = schema["components"].setdefault("securitySchemes", {})
    schemes["BearerAuth"] = BEARER
    for methods in schema["paths"].values():
        for op in methods.values():
            security = op.get("security")
            if security and {"BearerAuth": []} not in security:
                security.append({"BearerAuth": []})
    return schema


class Api(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        document_bearer(schema)
        return schema


api = Api(
    title="Klimatkontrakt API",
    version=__version__,
    description=(
        "Published data is open to everyone. Writes need a logged-in session (cookie + "
        "X-CSRFToken header) or an API token (`Authorization: Bearer <token>`, scope write; "
        "created on the page My data), and the editor or admin role in the municipality. "
        "A token acts with its user's roles: it also reads what the user's organisation "
        "may read."
    ),
    urls_namespace="api",
    auth=None,
)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Permission denied"}, status=403)


@api.exception_handler(FrozenVersionError)
def _frozen(request: HttpRequest, exc: FrozenVersionError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(StaleEditError)
def _stale(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Invalid input", "errors": errors}, status=422)


@api.exception_handler(InputError)
def _invalid_input(request: HttpRequest, exc: InputError) -> HttpResponse:
    """Input that fails its type or range: 422 in the same `Error` shape as every other answer,
    one list of messages per field (`year`, `limit`, `target_year`, `tags.3`, ...)."""
    errors: dict[str, list[str]] = {}
    for e in exc.errors:
        # ["path", "year"], ["query", "limit"], ["body", "payload", "target_year"]: the field
        loc = [str(part) for part in e.get("loc", ())]
        loc = (loc[2:] or loc[1:]) if loc[:1] == ["body"] else loc[1:]
        errors.setdefault(".".join(loc) or "__all__", []).append(str(e.get("msg", "Invalid")))
    return api.create_response(request, {"detail": "Invalid input", "errors": errors}, status=422)


ROUTERS = {
    "/organisations/": organisations_router,
    "/contracts/": contracts_router,
    "/emissions/": emissions_router,
    "/investments/": investments_router,
    "/indicators/": indicators_router,
    "/action-plans/": plans_router,
    "/trainings/": training_router,
    "/goals/": goals_router,
    "/footprint/": footprint_router,
    "/reports/": reports_router,
    "/municipalities/": summary_router,
    "/comparison/": comparison_router,
    "/national/": national_router,
    "/local-contracts/": local_contracts_router,
    "/proposals/": proposals_router,
    "/grants/": grants_router,
    "/calls/": calls_router,
}
for prefix, router in ROUTERS.items():
    api.add_router(prefix, router)


@api.get("/", include_in_schema=False)
def index(request: HttpRequest) -> dict[str, object]:
    """What `/api/` answers: where the schema and the docs are, and the endpoint groups."""
    return {
        "title": api.title,
        "version": api.version,
        "api_version": API_VERSION,
        "versions": {API_VERSION: reverse("api:api-root")},
        "schema": reverse("api:openapi-json"),
        "docs": reverse("api:openapi-view"),
        "endpoints": [f"{reverse('api:api-root')}{prefix.strip('/')}/" for prefix in ROUTERS],
    }


def current_version_urls() -> tuple[list[Any], str, str]:
    """The same API under `/api/` (namespace `api-current`): answers there are the current
    version's. `reverse("api:...")` and the schema's paths name the canonical `/api/v1/`."""
    patterns, app_name, _namespace = api.urls
    return patterns, app_name, "api-current"
