"""The national report's gathered data as the page's body, print HTML, DOCX, PDF and XLSX, in
Swedish or English (numbers and dates in the language's format). Everything renders from the
gathered data alone, so an approved report looks the same whatever changes later."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook

from klimatkontrakt.contracts.structure import default_status_label, heading_of
from klimatkontrakt.documents.docx import (
    add_contents,
    add_page_numbers,
    add_table,
    add_watermark,
    new_document,
    to_bytes,
)
from klimatkontrakt.documents.tables import Table, add_sheet
from klimatkontrakt.emissions import methods
from klimatkontrakt.national import followup_table
from klimatkontrakt.national.followup import CityFollowUp
from klimatkontrakt.reports import render as report_render
from klimatkontrakt.web.templatetags.kk import day, num

STATUS_KEYS = ("planned", "in_progress", "done", "postponed", "cancelled")


def title(data: dict[str, Any]) -> str:
    return _("National follow-up of Klimatkontrakt 2030, %(year)s") % {"year": data["year"]}


def city_rows(data: dict[str, Any]) -> list[CityFollowUp]:
    """The stored rows as `followup` rows again, so the table shows them as the page does."""
    names = [f.name for f in fields(CityFollowUp)]
    return [CityFollowUp(**{n: row.get(n) for n in names}) for row in data["cities"]]


def _party(c: dict[str, Any]) -> str:
    if c["joint"]:
        return _("The agencies jointly (lead: %(owner)s)") % {"owner": c["owner"]}
    return str(c["owner"])


def _commitment_rows(commitments: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    return [
        {
            **c,
            "section_label": f"{c['section_number']} "
            + heading_of(c["section"], c["section_title"]),
            "party": _party(c),
            "status_label": default_status_label(c["status"], language),
        }
        for c in commitments
    ]


def _count_rows(counts: dict[str, int], language: str) -> list[tuple[str, int]]:
    ordered = [k for k in STATUS_KEYS if k in counts] + sorted(set(counts) - set(STATUS_KEYS))
    return [(default_status_label(k, language), counts[k]) for k in ordered]


def context(data: dict[str, Any], language: str, *, state: str = "approved") -> dict[str, Any]:
    """Labels for the templates, in the active language, from the data alone."""
    year = data["year"]
    rows = city_rows(data)
    common = data["common_part"]
    common_rows = _commitment_rows(common["commitments"], language) if common else []
    counts: dict[str, int] = {}
    for c in common_rows:
        counts[c["status"]] = counts.get(c["status"], 0) + 1
    e = data["emissions"]
    return {
        "data": data,
        "year": year,
        "state": state,
        "language": language,
        "title": title(data),
        "columns": followup_table.COLUMNS,
        "table": [{"row": r, "cells": followup_table.cells(r, year)} for r in rows],
        "common": common,
        "common_rows": common_rows,
        "common_counts": _count_rows(counts, language),
        "agencies": [
            {
                **a,
                "rows": _commitment_rows(a["commitments"], language),
                "count_rows": _count_rows(a["status_counts"], language),
            }
            for a in data["agencies"]
        ],
        "emissions": e,
        "emission_rows": [
            {**c, "method_label": c["budget_adopted"] or methods.label(c["budget_method"])}
            for c in e["cities"]
        ],
        "summaries": data["summaries"],
        "city_pages": [
            {"summary": s, "heading": city_heading(s), "id": f"city-{s['municipality']}"}
            for s in data["summaries"]
        ],
        "public_note": public_note(data),
        "emission_sentences": emissions_sentences(e),
        "no_common": no_common_text(year),
    }


def body_html(data: dict[str, Any], language: str, *, state: str = "approved") -> str:
    with translation.override(language):
        return render_to_string("national/_report_body.html", context(data, language, state=state))


def print_html(data: dict[str, Any], language: str, *, state: str = "approved") -> str:
    """The print page: the title and how the report was gathered, the contents (with page
    numbers in the PDF), the sections and one page per city; a draft has a watermark."""
    with translation.override(language):
        ctx = context(data, language, state=state)
        body = render_to_string("national/_report_body.html", ctx)
        return render_to_string(
            "national/report_print.html",
            {
                **ctx,
                "body": mark_safe(body),  # noqa: S308 - our own template's output
                "contents": report_render.contents(body),
            },
        )


def frozen_body(html: str) -> str | None:
    """The body of a stored print HTML, for the report page; None if its markers are gone."""
    return report_render.frozen_body(html)


def pdf(html: str) -> bytes:
    return report_render.pdf(html)


# ---- DOCX -------------------------------------------------------------------------------------


def docx(data: dict[str, Any], language: str, *, state: str = "approved") -> bytes:
    with translation.override(language):
        ctx = context(data, language, state=state)
        subtitle = _("Viable Cities' basis for the annual follow-up")
        if state != "approved":
            subtitle += f" ({_('draft')})"
        doc = new_document(title(data), subtitle=subtitle, language=language)
        if state != "approved":
            add_watermark(doc, _("DRAFT"))
        add_page_numbers(doc, _("Page"))
        doc.add_paragraph(public_note(data))
        add_contents(
            doc,
            _("Contents"),
            _("Update the table of contents in Word (right-click it, Update field)."),
        )
        _docx_cities(doc, ctx)
        _docx_emissions(doc, ctx)
        _docx_common(doc, ctx)
        _docx_agencies(doc, ctx)
        doc.add_heading(_("The cities one by one"), level=1)
        for s in ctx["summaries"]:
            doc.add_page_break()
            blocks = report_render.summary_blocks(s, summary_heading=city_heading(s))
            for level, text in blocks:
                if level:
                    doc.add_heading(text, level=level)
                else:
                    doc.add_paragraph(text)
        return to_bytes(doc)


def public_note(data: dict[str, Any]) -> str:
    """How the report was gathered; a report built by the demo says so."""
    return _(
        "Gathered on %(date)s as the public reads it: only what each city, the programme office "
        "and the agencies have published. Publishing this report shows nothing that is not "
        "public already."
    ) % {"date": day(data["gathered_at"])} + (
        " "
        + _(
            "Example data: this report is built from the demo's data (Karlstad's examples and "
            "invented example cities), not from the programme's real follow-up."
        )
        if data.get("example_data")
        else ""
    )


def city_heading(summary: dict[str, Any]) -> str:
    return _("%(city)s: summary %(year)s") % {"city": summary["name"], "year": summary["year"]}


def _docx_cities(doc: Any, ctx: dict[str, Any]) -> None:
    doc.add_heading(_("The contract cities side by side"), level=1)
    add_table(
        doc,
        [_("Municipality"), *[str(c.label) for c in ctx["columns"]]],
        [[line["row"].name, *[cell["text"] for cell in line["cells"]]] for line in ctx["table"]],
    )


def emissions_sentences(e: dict[str, Any]) -> list[str]:
    """The aggregate's figures in words, the same on the page, in print and in Word."""
    out = []
    if e["emissions_t"] is None:
        out.append(_("No contract city has published emission figures."))
    else:
        out.append(
            _(
                "The %(n)s contract cities with figures for %(year)s emitted %(t)s %(unit)s "
                "together in %(year)s (SMHI's territorial totals)."
            )
            % {
                "n": num(e["emissions_cities"]),
                "year": e["latest_year"],
                "t": num(e["emissions_t"]),
                "unit": e["unit"],
            }
        )
    if e["budget_t"] is None:
        out.append(_("No carbon budget could be computed for the contract cities."))
    else:
        out.append(
            _(
                "Their remaining carbon budgets counted from %(year)s add up to %(t)s %(unit)s "
                "(%(n)s cities; %(adopted)s with a budget of their own, the others by the "
                "national default method)."
            )
            % {
                "year": e["budget_start_year"],
                "t": num(e["budget_t"]),
                "unit": e["unit"],
                "n": num(e["budget_cities"]),
                "adopted": num(e["adopted_budgets"]),
            }
        )
    if e["years_of_budget"] is not None:
        out.append(
            _(
                "At the emissions of %(year)s the %(n)s cities with both figures would use up "
                "their pooled budget in %(years)s years."
            )
            % {
                "year": e["latest_year"],
                "n": num(e["both_cities"]),
                "years": num(e["years_of_budget"], 1),
            }
        )
    if e["spent_budgets"]:
        out.append(
            _("Budgets already spent (they count with their overshoot, negative): %(names)s.")
            % {"names": ", ".join(e["spent_budgets"])}
        )
    if e["missing_emissions"]:
        out.append(
            _("Not in the emissions sum: %(names)s.")
            % {"names": ", ".join(missing_emission_text(m) for m in e["missing_emissions"])}
        )
    if e["missing_budget"]:
        out.append(
            _("Without a carbon budget: %(names)s.")
            % {"names": ", ".join(m["name"] for m in e["missing_budget"])}
        )
    return out


def missing_emission_text(m: dict[str, Any]) -> str:
    if m["reason"] == "older_year":
        return _("%(city)s (latest figures of %(year)s)") % {"city": m["name"], "year": m["year"]}
    return _("%(city)s (no figures)") % {"city": m["name"]}


def _docx_emissions(doc: Any, ctx: dict[str, Any]) -> None:
    e = ctx["emissions"]
    doc.add_heading(_("Emissions against the carbon budgets"), level=1)
    for sentence in emissions_sentences(e):
        doc.add_paragraph(sentence)
    add_table(
        doc,
        [_("Municipality"), _("Emissions (t)"), _("Year"), _("Remaining budget (t)"), _("Budget")],
        [
            [
                r["name"],
                num(r["emissions_t"]),
                r["emissions_year"] or "–",
                num(r["budget_t"]),
                r["method_label"] or "–",
            ]
            for r in ctx["emission_rows"]
        ]
        + [[_("Total"), num(e["emissions_t"]), e["latest_year"] or "–", num(e["budget_t"]), ""]],
    )


def _docx_common(doc: Any, ctx: dict[str, Any]) -> None:
    doc.add_heading(_("The common commitments"), level=1)
    if ctx["common"] is None:
        doc.add_paragraph(no_common_text(ctx["year"]))
        return
    add_table(doc, [_("Status"), _("Commitments")], [[k, num(n)] for k, n in ctx["common_counts"]])
    add_table(
        doc,
        [_("Section"), _("Party"), _("Commitment"), _("Status")],
        [
            [r["section_label"], r["party"], r["title"], r["status_label"]]
            for r in ctx["common_rows"]
        ],
    )


def no_common_text(year: int) -> str:
    return _(
        "The common part of %(year)s is not fixed (or not started), so it is not public: its "
        "commitments are not in the report."
    ) % {"year": year}


def _docx_agencies(doc: Any, ctx: dict[str, Any]) -> None:
    doc.add_heading(_("The agencies' commitments"), level=1)
    if not ctx["agencies"]:
        doc.add_paragraph(_("No agency is registered."))
    for a in ctx["agencies"]:
        doc.add_heading(a["name"], level=2)
        if not a["rows"]:
            doc.add_paragraph(_("No commitment in the year's common part."))
            continue
        add_table(
            doc,
            [_("Commitment"), _("Status")],
            [[r["title"], r["status_label"]] for r in a["rows"]],
        )


# ---- XLSX -------------------------------------------------------------------------------------


def xlsx(data: dict[str, Any], language: str, *, state: str = "approved") -> bytes:
    """One sheet per part: the cities' table, the emissions against the budgets, the common
    commitments, the agencies' commitments and the cities' headline figures."""
    with translation.override(language):
        ctx = context(data, language, state=state)
        wb = Workbook()
        about = wb.active
        assert about is not None
        about.title = _("About")[:31]
        about.append([title(data)])
        about.append([_("Draft") if state != "approved" else _("Approved")])
        about.append([public_note(data)])
        rows = city_rows(data)
        add_sheet(wb, followup_table.download_table(rows, data["year"]), _("Cities"))
        add_sheet(wb, _emissions_table(ctx), _("Emissions"))
        add_sheet(wb, _commitments_table(ctx["common_rows"], "common"), _("Common commitments"))
        agency_rows = [r for a in ctx["agencies"] for r in a["rows"]]
        add_sheet(wb, _commitments_table(agency_rows, "agencies"), _("Agencies"))
        add_sheet(wb, _summary_table(ctx["summaries"]), _("Summaries"))
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


def _emissions_table(ctx: dict[str, Any]) -> Table:
    e = ctx["emissions"]
    rows = [dict(r) for r in ctx["emission_rows"]]
    rows.append(
        {
            "name": _("Total"),
            "emissions_t": e["emissions_t"],
            "emissions_year": e["latest_year"],
            "budget_t": e["budget_t"],
        }
    )
    return Table(
        key="emissions",
        title=_("Emissions against the carbon budgets"),
        columns=[
            ("municipality", _("Municipality code")),
            ("name", _("Municipality")),
            ("emissions_t", _("Emissions (t)")),
            ("emissions_year", _("Year")),
            ("budget_t", _("Remaining budget (t)")),
            ("method_label", _("Budget")),
            ("budget_runs_out", _("Carbon budget runs out")),
        ],
        rows=rows,
        source=" ".join(emissions_sentences(e)),
    )


def _commitments_table(rows: list[dict[str, Any]], key: str) -> Table:
    return Table(
        key=key,
        title=_("The common commitments"),
        columns=[
            ("section_label", _("Section")),
            ("owner", _("Owner")),
            ("party", _("Party")),
            ("title", _("Commitment")),
            ("planned_year", _("Planned year")),
            ("status_label", _("Status")),
        ],
        rows=rows,
    )


def _summary_table(summaries: list[dict[str, Any]]) -> Table:
    out = []
    for s in summaries:
        e, b, c, a, i = (
            s.get(k) or {} for k in ("emissions", "budget", "contract", "actions", "indicators")
        )
        out.append(
            {
                "municipality": s["municipality"],
                "name": s["name"],
                "emissions_t": e.get("total_t"),
                "emissions_year": e.get("year"),
                "change_1990": e.get("change_since_1990_pct"),
                "budget_t": b.get("budget_t"),
                "runs_out": b.get("runs_out"),
                "contract": c.get("year"),
                "signed": (_("yes") if c.get("signed") else _("no")) if c else None,
                "actions_on_track": a.get("on_track"),
                "actions_off_track": a.get("off_track"),
                "indicators_on_track": i.get("on_track"),
                "indicators_off_track": i.get("off_track"),
            }
        )
    return Table(
        key="summaries",
        title=_("The cities' headline figures"),
        columns=[
            ("municipality", _("Municipality code")),
            ("name", _("Municipality")),
            ("emissions_t", _("Emissions (t)")),
            ("emissions_year", _("Year")),
            ("change_1990", _("Change since 1990 (%)")),
            ("budget_t", _("Remaining budget (t)")),
            ("runs_out", _("Carbon budget runs out")),
            ("contract", _("Contract version")),
            ("signed", _("Signed")),
            ("actions_on_track", _("Actions on track")),
            ("actions_off_track", _("Actions off track")),
            ("indicators_on_track", _("Indicators on track")),
            ("indicators_off_track", _("Indicators off track")),
        ],
        rows=out,
    )
