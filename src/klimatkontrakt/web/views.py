from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from klimatkontrakt.comparison.overview import municipality_ranks
from klimatkontrakt.comparison.selectors import comparison_rows
from klimatkontrakt.contracts import selectors as contract_selectors
from klimatkontrakt.organisations import selectors
from klimatkontrakt.organisations.access import can_view_unpublished
from klimatkontrakt.reports.selectors import headline_summary, summary_json
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.modules import municipality_modules
from klimatkontrakt.web.pages import municipality_context


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
                "is_member": can_view_unpublished(request.user, muni),
                "departments": muni.departments.all(),
                "ranks": municipality_ranks(comparison_rows(), muni.code),
            },
            request,
        )

    html = cached_html(request, muni, "web:municipality", content)
    return render(request, "web/municipality.html", {**ctx, "content": html})
