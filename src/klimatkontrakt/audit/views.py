"""The municipality's change log, for its administrators."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from klimatkontrakt.audit import selectors
from klimatkontrakt.audit.forms import LogFilter
from klimatkontrakt.organisations.access import can_admin
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.pages import municipality_context

PER_PAGE = 50


@login_required
def change_log(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    if not can_admin(request.user, muni):
        raise PermissionDenied(_("Only the municipality's administrators can read its change log."))
    form = LogFilter(request.GET, types=selectors.object_types(), actors=selectors.actors_of(muni))
    chosen = form.cleaned_data if form.is_valid() else {}
    entries = selectors.change_log(
        muni,
        since=chosen.get("fran"),
        until=chosen.get("till"),
        object_type=chosen.get("typ") or "",
        actor=chosen.get("konto"),
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("sida"))
    rows = [
        (e, selectors.type_name(e.object_type), selectors.changes_of(e))
        for e in selectors.with_actor_names(page.object_list)
    ]
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "audit/change_log.html",
        municipality_context(
            request, muni, "change_log", form=form, page=page, rows=rows, query=query.urlencode()
        ),
    )
