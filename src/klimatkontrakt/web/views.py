from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.comparison.overview import municipality_ranks
from klimatkontrakt.comparison.selectors import comparison_rows
from klimatkontrakt.contracts import selectors as contract_selectors
from klimatkontrakt.organisations import selectors, sharing
from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.reports.selectors import headline_summary, summary_json
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.modules import modules_with_shared, municipality_modules
from klimatkontrakt.web.pages import municipality_context, write_and_tell


def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    found = None
    if query:
        found = selectors.municipalities().filter(Q(name__icontains=query) | Q(code=query))[:50]
    return render(
        request,
        "web/home.html",
        {
            "contract_municipalities": selectors.contract_municipalities(),
            "query": query,
            "found": found,
        },
    )


def municipality(request: HttpRequest, code: str) -> HttpResponse:
    muni = selectors.municipality_by_code(code)
    ctx = municipality_context(request, muni, "start")

    def content() -> str:
        versions = list(contract_selectors.visible_versions(request.user, muni))
        return render_to_string(
            "web/municipality.html#content",
            {
                **ctx,
                "summary": summary_json(headline_summary(muni, request.user)),
                "versions": versions,
                "latest": versions[-1] if versions else None,
                "modules": municipality_modules(muni, request.user),
                "shared_modules": modules_with_shared(muni, request.user),
                "is_member": can_view_unpublished(request.user, muni),
                "departments": muni.departments.all(),
                "ranks": municipality_ranks(comparison_rows(), muni.code),
            },
            request,
        )

    html = cached_html(request, muni, "web:municipality", content)
    return render(request, "web/municipality.html", {**ctx, "content": html})


@require_POST
def visibility(request: HttpRequest, code: str, kind: str, pk: int) -> HttpResponse:
    """An editor sets an item's visibility (private, shared, public) and goes back."""
    muni = selectors.municipality_by_code(code)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("web:municipality", args=[muni.code])
    chosen = request.POST.get("visibility", "")
    write_and_tell(
        request,
        lambda: sharing.set_visibility(request.user, muni, kind, pk, chosen),
        success=_("The visibility has been saved."),
        refused=(sharing.SharingRefused, ValidationError),
    )
    return redirect(back)
