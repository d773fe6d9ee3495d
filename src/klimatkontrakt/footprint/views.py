"""Pages under /kommun/<code>/inkop/: results, drill-down to invoice lines, exports, import."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.audit.selectors import entries_for
from klimatkontrakt.documents.tables import download
from klimatkontrakt.footprint import charts, selectors, services, tasks
from klimatkontrakt.footprint import tables as footprint_tables
from klimatkontrakt.footprint.forms import ColumnMappingForm, ImportForm, TablesForm
from klimatkontrakt.footprint.models import (
    DEFAULT_SCOPE,
    ActivityRecord,
    FactorSet,
    Ledger,
    LedgerImport,
    RuleSet,
)
from klimatkontrakt.footprint.models import ColumnMapping as StoredMapping
from klimatkontrakt.jobs import services as jobs_services
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.sources.ledger import ColumnMapping
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.pages import confirm_delete, municipality_context

PAGE = 100
FOOTPRINT_CHANGES = (
    "footprint.ledgerimport",
    "footprint.ruleset",
    "footprint.factorset",
    "footprint.activityrecord",
)


def _ledger(request: HttpRequest, code: str) -> tuple[Any, Ledger | None]:
    muni = municipality_by_code(code)
    pk = request.GET.get("reskontra")
    ledger = selectors.current_ledger(request.user, muni, int(pk) if pk and pk.isdigit() else None)
    return muni, ledger


def overview(request: HttpRequest, code: str) -> HttpResponse:
    muni, ledger = _ledger(request, code)
    if ledger is None:
        return render(
            request, "footprint/none.html", municipality_context(request, muni, "footprint")
        )
    ctx = municipality_context(request, muni, "footprint", ledger=ledger)

    def content() -> str:
        result = selectors.footprint(ledger)
        export_url = reverse("footprint:export", args=[code])
        return render_to_string(
            "footprint/overview.html#content",
            {
                **ctx,
                "result": result,
                "ledgers": selectors.visible_ledgers(request.user, muni),
                "charts": charts.overview_charts(result, export_url, get_language() or "sv"),
                "categories": footprint_tables.category_rows(result)[:10],
                "departments": footprint_tables.department_rows(result)[:10],
                "periods": footprint_tables.periods(result),
                "lines_url": reverse("footprint:lines", args=[code]),
            },
            request,
        )

    html = cached_html(request, muni, "footprint:overview", content, ledger.pk)
    return render(request, "footprint/overview.html", {**ctx, "content": html})


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET[k] for k in selectors.LINE_FILTERS if request.GET.get(k)}


def lines(request: HttpRequest, code: str) -> HttpResponse:
    muni, ledger = _ledger(request, code)
    if ledger is None:
        raise Http404(_("No footprint is published for this municipality."))
    filters = _filters(request)
    fmt = request.GET.get("format")
    if fmt:
        return download(
            footprint_tables.invoice_lines(ledger, filters), fmt, filename=f"fakturarader-{code}"
        )
    page = (
        max(1, int(request.GET.get("sida", "1") or 1))
        if request.GET.get("sida", "1").isdigit()
        else 1
    )
    rows = selectors.invoice_lines(ledger, filters, limit=PAGE + 1, offset=(page - 1) * PAGE)
    query = urlencode(filters)
    return render(
        request,
        "footprint/lines.html",
        municipality_context(
            request,
            muni,
            "footprint",
            ledger=ledger,
            rows=rows[:PAGE],
            filters=filters,
            page=page,
            has_next=len(rows) > PAGE,
            query=query,
        ),
    )


def export(request: HttpRequest, code: str) -> HttpResponse:
    muni, ledger = _ledger(request, code)
    if ledger is None:
        raise Http404(_("No footprint is published for this municipality."))
    table = footprint_tables.table(ledger, request.GET.get("table", "categories"))
    if table is None:
        raise Http404(_("Unknown table."))
    fmt = request.GET.get("format", "csv")
    return download(table, fmt, filename=f"inkop-{table.key}-{code}")


@require_POST
def include_in_report(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    ledger = get_object_or_404(Ledger, municipality=muni, pk=pk)
    services.set_include_in_report(request.user, ledger, request.POST.get("include") == "1")
    return redirect("footprint:upload", code)


@require_POST
def publish(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    ledger = get_object_or_404(Ledger, municipality=muni, pk=pk)
    services.set_published(request.user, ledger, request.POST.get("published") == "1")
    return redirect(f"{reverse('footprint:overview', args=[code])}?reskontra={ledger.pk}")


def upload(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    mappings = list(StoredMapping.objects.filter(municipality=muni).values_list("name", flat=True))
    form = ImportForm(request.POST or None, request.FILES or None, mappings=mappings)
    if request.method == "POST" and form.is_valid():
        mapping = None
        if form.cleaned_data["mapping"]:
            stored = StoredMapping.objects.get(municipality=muni, name=form.cleaned_data["mapping"])
            mapping = ColumnMapping.from_dict(stored.mapping).to_dict()
        # The worker reads and stores the files; the page follows its progress.
        folder, files = jobs_services.stage_uploads(request.FILES.getlist("ledger_files"))
        job = jobs_services.start(
            request.user, muni, Job.Kind.LEDGER_IMPORT, files_total=len(files)
        )
        result = tasks.import_ledger.enqueue(
            job.pk,
            str(folder),
            [[name, str(path)] for name, path in files],
            ledger_name=form.cleaned_data["ledger"],
            scope=form.cleaned_data["scope"],
            mapping=mapping,
            threshold=form.cleaned_data["threshold"] / 100,
        )
        jobs_services.set_task(job, str(result.id))
        return redirect("jobs:detail", code, job.pk)
    return render(
        request,
        "footprint/upload.html",
        municipality_context(
            request,
            muni,
            "footprint",
            form=form,
            ledgers=Ledger.objects.filter(municipality=muni)
            .prefetch_related("imports__imported_by")
            .order_by("name"),
            changes=entries_for(muni, FOOTPRINT_CHANGES),
        ),
    )


def import_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    item = get_object_or_404(LedgerImport, ledger__municipality=muni, pk=pk)
    return confirm_delete(
        request,
        muni,
        "footprint",
        delete=lambda: services.delete_import(request.user, item),
        deleted=_("The import was removed."),
        done_url=reverse("footprint:upload", args=[code]),
        heading=_("Remove the import of %(file)s?") % {"file": item.filename},
        explanation=_(
            "The %(rows)s invoice lines this file brought into the ledger %(ledger)s are removed, "
            "and the ledger too when it holds no other file. The change log keeps who removed "
            "it and when."
        )
        % {"rows": number_format(item.rows), "ledger": item.ledger.name},
        cancel_url=reverse("footprint:upload", args=[code]),
    )


def _own_set_delete(
    request: HttpRequest, code: str, obj: RuleSet | FactorSet, delete: Any, kind: str
) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    return confirm_delete(
        request,
        muni,
        "footprint",
        delete=lambda: delete(request.user, obj),
        deleted=_("%(name)s was removed.") % {"name": obj.name},
        done_url=reverse("footprint:tables", args=[code]),
        heading=_("Remove %(name)s?") % {"name": obj.name},
        explanation=kind,
        cancel_url=reverse("footprint:tables", args=[code]),
    )


def rule_set_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(RuleSet, municipality__code=code, pk=pk)
    return _own_set_delete(
        request,
        code,
        rule_set,
        services.delete_rule_set,
        _(
            "The municipality's own rules are removed; its ledgers are classified with the "
            "shipped rules again. The change log keeps who removed them and when."
        ),
    )


def factor_set_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    factor_set = get_object_or_404(FactorSet, municipality__code=code, pk=pk)
    return _own_set_delete(
        request,
        code,
        factor_set,
        services.delete_factor_set,
        _(
            "The municipality's own emission factors are removed; its ledgers use the shipped "
            "factors again. The change log keeps who removed them and when."
        ),
    )


def activity_delete(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    scope = request.GET.get("omfattning", "")
    count = ActivityRecord.objects.filter(municipality=muni, scope=scope, year=year).count()
    if not count:
        raise Http404(_("No activity data for that scope and year."))
    return confirm_delete(
        request,
        muni,
        "footprint",
        delete=lambda: services.delete_activity(request.user, muni, scope, year),
        deleted=_("The activity data was removed."),
        done_url=reverse("footprint:tables", args=[code]),
        heading=_("Remove the activity data of %(scope)s for %(year)s?")
        % {"scope": scope, "year": year},
        explanation=_(
            "The %(n)s measured records are removed; the footprint of ledgers of this scope "
            "uses the spend for that year again. The change log keeps who removed them and when."
        )
        % {"n": number_format(count)},
        cancel_url=reverse("footprint:tables", args=[code]),
    )


def mapping(request: HttpRequest, code: str) -> HttpResponse:
    """Save how the municipality's own ledger layout maps to the ledger fields."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = ColumnMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_column_mapping(
            request.user,
            muni,
            form.cleaned_data["name"],
            ColumnMapping(
                columns=form.columns(),
                delimiter=form.cleaned_data["delimiter"] or None,
                encoding=form.cleaned_data["encoding"] or None,
                date_format=form.cleaned_data["date_format"] or None,
            ),
        )
        messages.success(request, _("The column mapping was saved."))
        return redirect("footprint:upload", code)
    saved = StoredMapping.objects.filter(municipality=muni).order_by("name")
    return render(
        request,
        "footprint/mapping.html",
        municipality_context(request, muni, "footprint", form=form, saved=saved),
    )


def tables(request: HttpRequest, code: str) -> HttpResponse:
    """Swap in the municipality's own rules, factors or activity data (each all or nothing)."""
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    ledger = selectors.current_ledger(request.user, muni)
    form = TablesForm(
        request.POST or None,
        request.FILES or None,
        scopes=selectors.scopes(muni) or [DEFAULT_SCOPE],
        initial={"scope": ledger.scope if ledger else DEFAULT_SCOPE},
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as tmp:
            for key, service in (
                ("rules", services.import_rules),
                ("factors", services.import_factors),
                ("activity", None),
            ):
                upload_file = form.cleaned_data.get(key)
                if not upload_file:
                    continue
                name = Path(upload_file.name or f"{key}.csv").name
                target = Path(tmp) / name
                target.write_bytes(upload_file.read())
                try:
                    if service is None:
                        services.import_activity(
                            request.user, muni, target, scope=form.cleaned_data["scope"]
                        )
                    else:
                        service(request.user, muni, Path(name).stem, target)
                except SourceError as exc:
                    errors.extend(exc.messages)
        if not errors:
            messages.success(request, _("Saved. The figures are recalculated with the new data."))
            return redirect("footprint:overview", code)
    return render(
        request,
        "footprint/tables.html",
        municipality_context(
            request,
            muni,
            "footprint",
            form=form,
            errors=errors,
            ledger=ledger,
            activity_count=ActivityRecord.objects.filter(municipality=muni).count(),
            rule_sets=RuleSet.objects.filter(municipality=muni).order_by("name"),
            factor_sets=FactorSet.objects.filter(municipality=muni).order_by("name"),
            activity_groups=selectors.activity_groups(muni),
            changes=entries_for(muni, FOOTPRINT_CHANGES),
        ),
    )
