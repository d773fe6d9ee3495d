"""The JSON API: one NinjaAPI, one router per domain app. Schema at /api/openapi.json."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI

from klimatkontrakt import __version__
from klimatkontrakt.contracts.api import router as contracts_router
from klimatkontrakt.contracts.services import FrozenVersionError, StaleEditError
from klimatkontrakt.emissions.api import router as emissions_router
from klimatkontrakt.footprint.api import router as footprint_router
from klimatkontrakt.goals.api import router as goals_router
from klimatkontrakt.indicators.api import router as indicators_router
from klimatkontrakt.investments.api import router as investments_router
from klimatkontrakt.organisations.api import router as organisations_router
from klimatkontrakt.plans.api import router as plans_router
from klimatkontrakt.reports.api import router as reports_router
from klimatkontrakt.reports.api import summary_router
from klimatkontrakt.training.api import router as training_router

api = NinjaAPI(
    title="Klimatkontrakt API",
    version=__version__,
    description=(
        "Published data is open to everyone. Writes need a logged-in session (cookie + "
        "X-CSRFToken header) and the editor or admin role in the municipality."
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
}
for prefix, router in ROUTERS.items():
    api.add_router(prefix, router)


@api.get("/", include_in_schema=False)
def index(request: HttpRequest) -> dict[str, object]:
    """What `/api/` answers: where the schema and the docs are, and the endpoint groups."""
    return {
        "title": api.title,
        "version": api.version,
        "schema": reverse("api:openapi-json"),
        "docs": reverse("api:openapi-view"),
        "endpoints": [f"{reverse('api:api-root')}{prefix.strip('/')}/" for prefix in ROUTERS],
    }
