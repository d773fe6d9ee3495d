"""The municipality's emissions page and its chart downloads. Figures come from selectors and
tables; this module only picks the release and method from the query string and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.calc.budgets import METHODS
from klimatkontrakt.documents.tables import Table, download
from klimatkontrakt.emissions import charts, methods, selectors, services, tables, tasks
from klimatkontrakt.emissions.forms import AdoptedBudgetForm, GoalForm, SmhiImportForm
from klimatkontrakt.emissions.models import Release
from klimatkontrakt.jobs import services as jobs_services
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.organisations.access import require_edit, require_site_admin
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.charts import table_chart
from klimatkontrakt.web.pages import municipality_context


def _choices(request: HttpRequest) -> tuple[Release | None, str, int | None, list[str]]:
    gases = sorted(selectors.available_gases())
    gas = request.GET.get("gas", "").upper() or ("CO2" if "CO2" in gases else "")
    if not gas and gases:
        gas = gases[0]
    release = None
    if gas:
        try:
            release = selectors.current_release(gas)
        except selectors.NoRelease as exc:
            raise Http404(str(exc)) from exc
    method = request.GET.get("method", selectors.DEFAULT_METHOD)
    if method not in METHODS:
        raise Http404(f"unknown method {method}")
    year = request.GET.get("year", "")
    return release, method, int(year) if year.isdigit() else None, gases


def _download_url(muni: Municipality, key: str, release: Release, method: str) -> str:
    from django.urls import reverse

    return reverse("emissions:data", args=[muni.code, key]) + f"?gas={release.gas}&method={method}"


def page(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    release, method, year, gases = _choices(request)
    ctx = municipality_context(
        request,
        muni,
        "emissions",
        gases=gases,
        methods=[(key, methods.label(key)) for key in METHODS],
        method=method,
        release=release,
    )
    content = cached_html(
        request,
        muni,
        "emissions:page",
        lambda: _content(request, muni, ctx, release, method, year),
        release.pk if release else None,
        method,
        year,
    )
    return render(request, "emissions/page.html", {**ctx, "content": content})


def _content(
    request: HttpRequest,
    muni: Municipality,
    ctx: dict[str, Any],
    release: Release | None,
    method: str,
    year: int | None,
) -> str:
    """The page's content below the navigation: charts, figures and tables (cached)."""
    ctx = dict(ctx)
    if release is None:
        return render_to_string("emissions/page.html#content", ctx, request)
    language = get_language() or "sv"
    history = tables.history(release, muni)
    try:
        budget_table, figures = tables.budget(release, muni, request.user, method, year)
    except ValueError as exc:  # e.g. "fixed" without an adopted budget
        budget_table, figures = None, None
        ctx["budget_error"] = str(exc)
    totals = selectors.territorial_totals(release, muni)
    latest_year = max(totals, default=None)
    gap_table = tables.gap(release, muni, request.user)
    comparison = tables.comparison(release, muni)

    def chart(table: Table, spec: Any) -> Any:
        return table_chart(
            spec,
            table,
            download_url=_download_url(muni, table.key, release, method),
            language=language,
        )

    ctx.update(
        figures=figures,
        latest_year=latest_year,
        latest_t=totals.get(latest_year) if latest_year else None,
        method_rows=[
            (key, methods.label(key), methods.assumption(key), found, error)
            for key, found, error in selectors.budgets_by_method(
                muni, gas=release.gas, current_year=year, user=request.user
            )
        ],
        why_methods_differ=methods.WHY_THEY_DIFFER,
        history_chart=chart(history, charts.history(history)),
        budget_chart=chart(budget_table, charts.budget(budget_table, figures))
        if budget_table
        else None,
        gap_chart=chart(gap_table, charts.gap(gap_table)) if gap_table else None,
        gap_note=gap_table.note if gap_table else "",
        comparison_chart=chart(comparison, charts.lines(comparison, "index", "area")),
        comparison_note=comparison.note,
        goal=selectors.first_goal(request.user, muni, release.gas),
        all_goals=list(selectors.goals(request.user, muni)),
        adopted=selectors.adopted_budget(request.user, muni, release.gas),
        discrepancy_count=len(release.discrepancies),
    )
    return render_to_string("emissions/page.html#content", ctx, request)


def chart_data(request: HttpRequest, code: str, chart: str) -> HttpResponse:
    muni = municipality_by_code(code)
    release, method, year, _gases = _choices(request)
    if release is None:
        raise Http404("no emissions imported")
    try:
        table = tables.table(chart, release, muni, request.user, method, year)
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if table is None:
        raise Http404(f"no chart {chart}")
    return download(
        table,
        request.GET.get("format", "csv"),
        filename=f"{muni.code}-{chart}-{release.gas}-{release.release_date:%Y-%m-%d}",
    )


def goal_new(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = GoalForm(request.POST or None, initial={"scope": "territorial", "gas": "GGT"})
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.save_goal(request.user, muni, **form.to_goal())
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The goal “%(name)s” was saved.") % {"name": goal.name})
            return redirect(f"{reverse('emissions:page', args=[muni.code])}?gas={goal.gas}")
    return render(
        request,
        "emissions/goal_form.html",
        municipality_context(request, muni, "emissions", form=form),
    )


def budget_new(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = AdoptedBudgetForm(request.POST or None, initial={"gas": "CO2", "trend_from": 2015})
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.save_carbon_budget(request.user, muni, **form.to_budget())
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The adopted budget “%(name)s” was saved.") % {"name": budget.name}
            )
            page_url = reverse("emissions:page", args=[muni.code])
            return redirect(f"{page_url}?gas={budget.gas}&method=fixed")
    return render(
        request,
        "emissions/budget_form.html",
        municipality_context(request, muni, "emissions", form=form),
    )


def smhi_import(request: HttpRequest) -> HttpResponse:
    """A site administrator uploads SMHI's national report; the worker imports it."""
    require_site_admin(request.user)
    form = SmhiImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        folder, files = jobs_services.stage_uploads([form.cleaned_data["report"]])
        job = jobs_services.start_national(request.user, Job.Kind.SMHI, files_total=1)
        name, path = files[0]
        result = tasks.import_smhi.enqueue(job.pk, str(folder), name, str(path))
        jobs_services.set_task(job, str(result.id))
        return redirect(job)
    releases = Release.objects.order_by("gas", "-release_date")
    return render(request, "emissions/smhi_import.html", {"form": form, "releases": releases})
