"""Exports: the Climate City Contract investment-plan tables as XLSX, and the plan as DOCX."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from klimatkontrakt.documents.docx import add_picture_png, add_table, new_document, to_bytes
from klimatkontrakt.documents.tables import add_sheet
from klimatkontrakt.investments import charts, tables
from klimatkontrakt.investments.selectors import PlanSummary
from klimatkontrakt.web.charts import to_png


def ccc_workbook(summary: PlanSummary) -> bytes:
    """Sheets after the Climate City Contract investment plan: cost scenarios per action,
    capital planning (need, funding by source, municipality share), pathway and optimum."""
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = _("Plan")[:31]
    plan = summary.plan
    f = summary.funding
    p = summary.pathway
    within = summary.within_budget
    for label, value in [
        (_("Municipality"), plan.municipality.name),
        (_("Plan"), plan.name),
        (_("Scope"), plan.get_scope_display()),
        (_("Department"), plan.department.name if plan.department else ""),
        (_("Example figures"), _("yes") if plan.is_example else _("no")),
        (_("Discount rate"), float(plan.discount_rate)),
        (_("Carbon budget for the period (t CO2e)"), p.budget_total_t if p else None),
        (_("Cumulative emissions with the plan (t CO2e)"), p.total_cumulative_t if p else None),
        (_("Within budget"), None if within is None else (_("yes") if within else _("no"))),
        (_("Probability within budget"), summary.probability_within_budget),
        (_("Total capex (SEK)"), f.total_capex_sek),
        (_("External funding (SEK)"), f.external_sek),
        (_("Share carried by the municipality"), f.municipal_share),
    ]:  # fmt: skip
        info.append([label, value])
    for cell in info["A"]:
        cell.font = Font(bold=True)
    add_sheet(wb, tables.measures_table(summary), _("Cost scenarios"))
    add_sheet(wb, tables.capital_table(summary), _("Capital planning"))
    add_sheet(wb, tables.funding_table(summary), _("Funding sources"))
    add_sheet(wb, tables.pathway_table(summary), _("Pathway"))
    add_sheet(wb, tables.optimum_table(summary), _("Optimum"))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", "\u00a0")
    return "" if value is None else str(value)


def plan_document(summary: PlanSummary, *, language: str = "sv") -> bytes:
    plan = summary.plan
    doc = new_document(
        plan.name,
        subtitle=f"{plan.municipality.display_name} · {plan.get_scope_display()}",
        language=language,
    )
    if plan.is_example:
        doc.add_paragraph(_("The figures in this plan are examples, not decisions."))
    if plan.description:
        doc.add_paragraph(plan.description)
    doc.add_heading(_("Budget status"), level=1)
    p = summary.pathway
    if p is None:
        doc.add_paragraph(summary.reasons.get("pathway", ""))
    else:
        lines = [
            _("Cumulative emissions %(y0)s–%(y1)s with the plan: %(t)s t CO2e.")
            % {"y0": p.years[0], "y1": p.years[-1], "t": _fmt(p.total_cumulative_t)},
        ]
        if p.budget_total_t is not None:
            lines.append(_("Carbon budget: %(b)s t CO2e.") % {"b": _fmt(p.budget_total_t)})
        if summary.probability_within_budget is not None:
            lines.append(
                _("Probability of staying within the budget: %(p)s %%.")
                % {"p": round(100 * summary.probability_within_budget)}
            )
        doc.add_paragraph(" ".join(lines))
        pathway = tables.pathway_table(summary)
        add_picture_png(doc, to_png(charts.pathway_chart(summary, pathway), language=language))
    macc = tables.macc_table(summary)
    if macc.rows:
        doc.add_heading(macc.title, level=1)
        add_picture_png(doc, to_png(charts.macc_chart(summary, macc), language=language))
    for table in (
        tables.measures_table(summary),
        tables.capital_table(summary),
        tables.funding_table(summary),
        tables.optimum_table(summary),
    ):
        doc.add_heading(table.title, level=1)
        keys = [k for k, _ in table.columns][:8]
        add_table(
            doc,
            [label for k, label in table.columns if k in keys],
            [[_fmt(r.get(k)) for k in keys] for r in table.rows],
        )
        doc.add_paragraph(table.source)
    return to_bytes(doc)
