"""Pages of the climate investment plan. Every figure comes from selectors.plan_summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.audit.selectors import entries_for
from klimatkontrakt.documents.tables import Table, attachment, download
from klimatkontrakt.investments import charts, exports, selectors, services, tables
from klimatkontrakt.investments.forms import (
    BaselineFormSet,
    CoBenefitFormSet,
    FundingForm,
    FundingSourceForm,
    ImportForm,
    MeasureForm,
    PlanForm,
    ScaleUpForm,
)
from klimatkontrakt.investments.models import InvestmentPlan, Measure, MeasureImport
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.charts import PageChart, table_chart
from klimatkontrakt.web.pages import (
    add_validation_errors,
    confirm_delete,
    municipality_context,
    refusal_text,
)


def _lang() -> str:
    return get_language() or "sv"


def _chart(plan: InvestmentPlan, table: Table, chart: object) -> PageChart:
    url = reverse("investments:table", args=[plan.municipality.code, plan.pk, table.key])
    return table_chart(chart, table, download_url=url, language=_lang())  # type: ignore[arg-type]


def plans(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    visible = list(selectors.visible_plans(request.user, muni))
    return render(
        request,
        "investments/plans.html",
        municipality_context(request, muni, "investments", plans=visible),
    )


def plan_edit(request: HttpRequest, code: str, plan_id: int | None = None) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    plan = selectors.plan_for(request.user, muni, plan_id) if plan_id else None
    form = PlanForm(request.POST or None, instance=plan, municipality=muni)
    baseline = BaselineFormSet(request.POST or None, instance=plan or InvestmentPlan())
    if request.method == "POST" and form.is_valid() and baseline.is_valid():
        saved = services.save_plan_settings(request.user, form, baseline)
        messages.success(request, _("The plan %(name)s was saved.") % {"name": saved.name})
        return redirect("investments:overview", code, saved.pk)
    return render(
        request,
        "investments/plan_form.html",
        municipality_context(request, muni, "investments", plan=plan, form=form, baseline=baseline),
    )


def overview(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    ctx = municipality_context(request, muni, "investments", plan=plan)

    def content() -> str:
        summary = selectors.plan_summary(plan)
        signatories = tables.signatories_beside(summary)
        pathway = tables.pathway_table(summary, signatories)
        macc = tables.macc_table(summary)
        return render_to_string(
            "investments/overview.html#content",
            {
                **ctx,
                "summary": summary,
                "pathway_chart": _chart(plan, pathway, charts.pathway_chart(summary, pathway))
                if pathway.rows
                else None,
                "macc_chart": _chart(plan, macc, charts.macc_chart(summary, macc))
                if macc.rows
                else None,
                "scale_form": ScaleUpForm(),
                "signatories": signatories,
            },
            request,
        )

    html = cached_html(request, muni, "investments:overview", content, plan.pk)
    return render(request, "investments/overview.html", {**ctx, "content": html})


def measure_list(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    summary = selectors.plan_summary(plan, runs=200)
    return render(
        request,
        "investments/measures.html",
        municipality_context(
            request,
            muni,
            "investments",
            plan=plan,
            summary=summary,
            table=tables.measures_table(summary),
            import_form=ImportForm(),
            cancelled=plan.measures.filter(status=Measure.Status.CANCELLED),
            imports=plan.imports.select_related("imported_by").order_by("-imported_at"),
            changes=entries_for(muni, ("investments.measureimport",)),
        ),
    )


def measure_import_delete(request: HttpRequest, code: str, plan_id: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    require_edit(request.user, muni)
    record = get_object_or_404(MeasureImport, plan=plan, pk=pk)
    measures_url = reverse("investments:measures", args=[code, plan.pk])
    return confirm_delete(
        request,
        muni,
        "investments",
        delete=lambda: services.delete_import(request.user, record),
        deleted=_("The import was removed."),
        done_url=measures_url,
        heading=_("Remove the import of %(file)s?") % {"file": record.filename},
        explanation=_(
            "The %(n)s measures this file added to the plan are removed; measures it only "
            "updated keep their current values. The change log keeps who removed it and when."
        )
        % {"n": record.created_measures.count()},
        cancel_url=measures_url,
    )


def measure_edit(
    request: HttpRequest, code: str, plan_id: int, pk: int | None = None
) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    require_edit(request.user, muni)
    measure = get_object_or_404(Measure, plan=plan, pk=pk) if pk else None
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    cobenefits = CoBenefitFormSet(request.POST or None, instance=measure or Measure())
    if request.method == "POST" and form.is_valid() and cobenefits.is_valid():
        try:
            saved = services.save_measure(request.user, form.save(commit=False), cobenefits)
            form.save_m2m()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The measure %(name)s was saved.") % {"name": saved.name})
            return redirect("investments:measures", code, plan.pk)
    return render(
        request,
        "investments/measure_form.html",
        municipality_context(
            request,
            muni,
            "investments",
            plan=plan,
            form=form,
            cobenefits=cobenefits,
            measure=measure,
        ),
    )


@require_POST
def measure_import(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    require_edit(request.user, muni)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_measures(plan, upload.read(), upload.name, user=request.user)
        except SourceError as exc:
            for problem in exc.problems[:50]:
                messages.error(request, str(problem))
        else:
            if result.already_imported:
                messages.info(
                    request,
                    _("%(f)s was already imported; nothing changed.") % {"f": result.filename},
                )
            else:
                messages.success(
                    request,
                    _("%(f)s: %(c)d measures added, %(u)d updated.")
                    % {"f": result.filename, "c": result.created, "u": result.updated},
                )
    elif request.FILES.get("file"):
        for error in form.errors["file"]:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose a file to import."))
    return redirect("investments:measures", code, plan.pk)


def measure_export(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    return download(tables.measure_export(plan), request.GET.get("format", "csv"))


def funding(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    adding_source = request.method == "POST" and "source-name" in request.POST
    form = FundingForm(
        request.POST if request.method == "POST" and not adding_source else None, plan=plan
    )
    source_form = FundingSourceForm(request.POST if adding_source else None, municipality=muni)
    if adding_source:
        require_edit(request.user, muni)
        if source_form.is_valid():
            try:
                services.add_funding_source(request.user, source_form.save(commit=False))
            except ValidationError as exc:
                source_form.add_error(None, exc)
            else:
                messages.success(request, _("The funding source was added."))
                return redirect("investments:funding", code, plan.pk)
    elif request.method == "POST":
        require_edit(request.user, muni)
        if form.is_valid():
            d = form.cleaned_data
            services.add_funding(
                request.user, d["measure"], d["source"], d["amount_sek"], d["year"], d["state"]
            )
            messages.success(request, _("The funding was added."))
            return redirect("investments:funding", code, plan.pk)
    summary = selectors.plan_summary(plan, runs=200)
    by_source = tables.funding_table(summary)
    return render(
        request,
        "investments/funding.html",
        municipality_context(
            request,
            muni,
            "investments",
            plan=plan,
            summary=summary,
            funding_chart=_chart(plan, by_source, charts.funding_chart(by_source))
            if by_source.rows
            else None,
            capital=tables.capital_table(summary),
            fundings=selectors.fundings(plan),
            form=form,
            source_form=source_form,
        ),
    )


def optimum(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    summary = selectors.plan_summary(plan, runs=200)
    return render(
        request,
        "investments/optimum.html",
        municipality_context(
            request,
            muni,
            "investments",
            plan=plan,
            summary=summary,
            table=tables.optimum_table(summary),
        ),
    )


@require_POST
def scale_up(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    # Refuse a visitor before reading the form: no error message about a name to someone who
    # may not copy the plan at all.
    require_edit(request.user, muni)
    form = ScaleUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the wider plan a name and a scope."))
        return redirect("investments:overview", code, plan.pk)
    try:
        wider = services.scale_up_plan(
            request.user, plan, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
        )
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
        return redirect("investments:overview", code, plan.pk)
    messages.success(request, _("The plan was copied into %(name)s.") % {"name": wider.name})
    return redirect("investments:overview", code, wider.pk)


def table_download(request: HttpRequest, code: str, plan_id: int, table: str) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    found = tables.table(selectors.plan_summary(plan), table)
    if found is None:
        raise Http404("No such table")
    return download(found, request.GET.get("format", "csv"))


def ccc_xlsx(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    return attachment(
        exports.ccc_workbook(selectors.plan_summary(plan)), "klimatinvesteringsplan.xlsx"
    )


def plan_docx(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_id)
    body = exports.plan_document(selectors.plan_summary(plan), language=_lang())
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = 'attachment; filename="klimatinvesteringsplan.docx"'
    return response
