from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from klimatkontrakt.documents.tables import download
from klimatkontrakt.indicators import selectors, tables, tasks
from klimatkontrakt.indicators.charts import indicator_chart
from klimatkontrakt.jobs import services as jobs
from klimatkontrakt.jobs.models import Job
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.charts import page_chart
from klimatkontrakt.web.pages import municipality_context


def indicator_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    summaries = [selectors.summarise(i) for i in selectors.visible_indicators(request.user, muni)]
    fmt = request.GET.get("format")
    if fmt:
        return download(tables.list_table(muni, summaries), fmt)
    return render(
        request,
        "indicators/indicator_list.html",
        municipality_context(request, muni, "indicators", summaries=summaries),
    )


def indicator_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    indicator = selectors.indicator_for(request.user, muni, pk)
    fmt = request.GET.get("format")
    if fmt:
        return download(tables.values_table(selectors.summarise(indicator)), fmt)
    ctx = municipality_context(request, muni, "indicators", indicator=indicator)

    def content() -> str:
        summary = selectors.summarise(indicator)
        chart = page_chart(
            indicator_chart(summary),
            id=f"indicator-{indicator.pk}",
            title=indicator.name,
            source=tables.sources_text(summary),
            columns=tables.chart_columns(indicator.unit),
            rows=tables.chart_rows(summary),
            download_url=reverse("indicators:detail", args=[muni.code, indicator.pk]),
            language=get_language() or "sv",
            decimals=summary.decimals,
        )
        return render_to_string(
            "indicators/indicator_detail.html#content",
            {
                **ctx,
                "summary": summary,
                "chart": chart,
                "status": tables.assessment_label(summary.assessment.status),
            },
            request,
        )

    html = cached_html(request, muni, "indicators:detail", content, indicator.pk)
    return render(request, "indicators/indicator_detail.html", {**ctx, "content": html})


@require_POST
def kolada_refresh(request: HttpRequest, code: str) -> HttpResponse:
    """Fetch the municipality's Kolada indicators in the task worker; the job page follows it."""
    muni = municipality_by_code(code)
    job = jobs.start(request.user, muni, Job.Kind.KOLADA)
    jobs.set_task(job, str(tasks.refresh_kolada.enqueue(job.pk).id))
    return redirect("jobs:detail", code, job.pk)
