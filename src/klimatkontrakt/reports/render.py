"""A report's gathered data as print HTML, DOCX and PDF; Swedish by default, English on request."""

from __future__ import annotations

import logging
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from klimatkontrakt.documents.docx import (
    add_contents,
    add_page_numbers,
    add_picture_png,
    add_table,
    add_watermark,
    new_document,
    to_bytes,
)
from klimatkontrakt.engagement.selectors.local_contracts import labelled_totals
from klimatkontrakt.indicators.tables import assessment_label
from klimatkontrakt.reports.charts import data_uri, report_charts
from klimatkontrakt.reports.templatetags.headline import method_text
from klimatkontrakt.sources.categories import category_label
from klimatkontrakt.web.templatetags.kk import num, pct

LANGUAGES = ("sv", "en")


def _status_name(status: dict[str, str], language: str) -> str:
    return status["en"] if language.startswith("en") else status["sv"]


def context(data: dict[str, Any], language: str, pngs: dict[str, bytes] | None = None) -> dict:
    """Labels and pictures for the templates, from the data alone."""
    pngs = report_charts(data, language) if pngs is None else pngs
    indicators = [
        {
            **i,
            "status_label": assessment_label(i["status"]),
            "previous_status_label": assessment_label(i.get("previous_status")),
            "chart": pngs.get(f"indicator-{i['id']}"),
        }
        for i in data["indicators"]
    ]
    plans = []
    for p in data["action_plans"]:
        names = {k: _status_name(s, language) for k, s in p["statuses"].items()}
        plans.append(
            {
                **p,
                "status_columns": list(names.items()),
                "package_rows": [
                    {**wp, "cells": [wp["counts"].get(k, 0) for k in names]}
                    for wp in p["work_packages"]
                ],
                "action_rows": [{**a, "status_label": names[a["status"]]} for a in p["actions"]],
            }
        )
    contract = dict(data["contract"])
    if contract.get("available"):
        contract["rows"] = [
            {**c, "status_label": _status_name(c["status"], language)}
            for c in contract["commitments"]
        ]
        by_key = {c["status"]["key"]: c["status"] for c in contract["commitments"]}
        contract["count_rows"] = [
            (_status_name(by_key[k], language), n) for k, n in contract["status_counts"].items()
        ]
    return {
        "data": data,
        "language": language,
        "proposals": proposal_rows(data.get("proposals"), language),
        "emissions_chart": data_uri(pngs["emissions"]) if "emissions" in pngs else None,
        "indicators": [
            {**i, "chart_uri": data_uri(i["chart"]) if i["chart"] else None} for i in indicators
        ],
        "plans": plans,
        "contract": contract,
        "local_contracts": labelled_totals(data.get("local_contracts")),
        "pngs": pngs,
    }


def source_kinds() -> dict[str, str]:
    return {
        "indicator": _("Indicator"),
        "action_plan": _("Action plan"),
        "investment_plan": _("Investment plan"),
        "goal": _("Effect goal"),
        "contract": _("Contract version"),
        "ledger": _("Purchase ledger"),
    }


def unpublished(data: dict[str, Any]) -> list[dict[str, str]]:
    """The unpublished sources the report used, each with its kind in the active language."""
    kinds = source_kinds()
    return [
        {**s, "kind_label": kinds.get(s["kind"], s["kind"])}
        for s in data.get("unpublished_sources", [])
    ]


# A section of the body: <section id="x" ...> <h2 id="h-x">Heading</h2>.
_SECTION = re.compile(r'<section id="([\w-]+)"[^>]*>\s*<h2[^>]*>(.*?)</h2>', re.S)


def contents(body: str) -> list[tuple[str, str]]:
    """(anchor, heading) of each section of a rendered body, for the table of contents."""
    return [(anchor, strip_tags(heading).strip()) for anchor, heading in _SECTION.findall(body)]


def title(data: dict[str, Any]) -> str:
    return _("Follow-up of Klimatkontrakt 2030, %(year)s") % {"year": data["year"]}


def body_html(data: dict[str, Any], language: str, *, state: str = "approved") -> str:
    with translation.override(language):
        ctx = context(data, language)
        return render_to_string("reports/_body.html", {**ctx, "state": state})


BODY_START, BODY_END = "<!--report-body-->", "<!--/report-body-->"
# The print version's table of contents sits inside the body, after the summary page.
CONTENTS = re.compile(r"<!--report-contents-->.*?<!--/report-contents-->", re.S)
SUMMARY_END = "</section>"


def frozen_body(html: str) -> str | None:
    """The sections of a stored print HTML, for the report page; None if the markers are gone."""
    start, end = html.find(BODY_START), html.find(BODY_END)
    if start < 0 or end < start:
        return None
    return CONTENTS.sub("", html[start + len(BODY_START) : end])


def split_summary(body: str) -> tuple[str, str]:
    """The body's headline summary (its first page) and the sections after it."""
    start = body.find('class="headline-summary"')
    if start < 0:
        return "", body
    end = body.find(SUMMARY_END, start) + len(SUMMARY_END)
    return body[:end], body[end:]


def print_html(data: dict[str, Any], language: str, *, state: str = "approved") -> str:
    """The print page: title, the box of unpublished sources and the summary on the first page,
    then the contents with page numbers (in the PDF) and the sections; a draft carries a
    watermark on every page."""
    with translation.override(language):
        ctx = {**context(data, language), "state": state}
        summary_html, sections_html = split_summary(render_to_string("reports/_body.html", ctx))
        return render_to_string(
            "reports/print.html",
            {
                **ctx,
                "title": title(data),
                "summary_html": mark_safe(summary_html),  # noqa: S308 - our own template's output
                "sections_html": mark_safe(sections_html),  # noqa: S308 - our own template's output
                "contents": contents(sections_html),
                "unpublished": unpublished(data),
            },
        )


def pdf(html: str) -> bytes:
    # WeasyPrint logs every layout step at INFO (some on import); keep the CLI's output readable.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def docx(data: dict[str, Any], language: str, *, state: str = "approved") -> bytes:
    with translation.override(language):
        ctx = context(data, language)
        subtitle = data["municipality"]["display_name"]
        if state != "approved":
            subtitle += f" ({_('draft')})"
        doc = new_document(title(data), subtitle=subtitle, language=language)
        if state != "approved":
            add_watermark(doc, _("DRAFT"))
        add_page_numbers(doc, _("Page"))
        _docx_unpublished(doc, unpublished(data))
        _docx_summary(doc, data)
        add_contents(
            doc,
            _("Contents"),
            _("Update the table of contents in Word (right-click it, Update field)."),
        )
        _docx_emissions(doc, data["emissions"], ctx)
        _docx_footprint(doc, data["footprint"])
        _docx_indicators(doc, ctx["indicators"])
        _docx_plans(doc, ctx["plans"])
        _docx_contract(doc, ctx["contract"])
        _docx_investments(doc, data["investments"])
        _docx_local_contracts(doc, ctx["local_contracts"])
        _docx_proposals(doc, ctx["proposals"])
        _docx_changes(doc, data, ctx["indicators"])
        return to_bytes(doc)


def _docx_unpublished(doc: Any, sources: list[dict[str, str]]) -> None:
    if not sources:
        return
    doc.add_heading(_("Sources not yet published"), level=2)
    doc.add_paragraph(
        _("This report uses these sources before their publication; their figures may change.")
    )
    for s in sources:
        doc.add_paragraph(f"{s['kind_label']}: {s['name']}", style="List Bullet")


def _docx_emissions(doc: Any, e: dict[str, Any], ctx: dict[str, Any]) -> None:
    doc.add_heading(_("Emissions against the goals and the budget"), level=1)
    if not e.get("available"):
        doc.add_paragraph(_("No emission inventory has been imported."))
        return
    doc.add_paragraph(
        _("Latest inventory year %(year)s: %(value)s %(unit)s (previous year %(previous)s).")
        % {
            "year": e["latest_year"],
            "value": num(e["latest_t"]),
            "unit": e["unit"],
            "previous": num(e["previous_t"]),
        }
    )
    if "emissions" in ctx["pngs"]:
        add_picture_png(doc, ctx["pngs"]["emissions"])
    add_table(
        doc,
        [_("Goal"), _("Target year"), _("Target level"), _("Gap at the target year")],
        [
            [g["name"], g["target_year"], num(g["target_t"]), num(g["gap_at_target_t"])]
            for g in e["goals"]
        ],
    )
    for g in e["goals"]:
        _docx_team(doc, g)
    b = e.get("budget")
    if b:
        method = method_text(b["method"])
        if b.get("state") == "spent":
            doc.add_paragraph(_("Carbon budget (%(method)s):") % {"method": method})
        else:
            doc.add_paragraph(
                _(
                    "Carbon budget (%(method)s) from %(start)s: %(budget)s %(unit)s; "
                    "required yearly reduction %(pct)s."
                )
                % {
                    "method": method,
                    "start": b["budget_start_year"],
                    "budget": num(b["budget_t"]),
                    "unit": b["unit"],
                    "pct": pct(b["required_reduction_pct"]),
                }
            )
        state = render_to_string(
            "emissions/_budget_state.html",
            {
                "state": b.get("state"),
                "budget_t": b["budget_t"],
                "unit": b["unit"],
                "start_year": b["budget_start_year"],
                "runs_out": b["budget_runs_out"],
            },
        )
        for _level, text in _html_blocks(state):
            doc.add_paragraph(text)
    doc.add_paragraph(_("Source: %(source)s") % {"source": _source(e["source"])})


def person_line(p: dict[str, Any]) -> str:
    """A team member as the report shows them: title and where they work (names: the goal page)."""
    parts = [p["title"], p["department"] or p["organisation"]]
    return ", ".join(x for x in parts if x)


def _docx_team(doc: Any, goal: dict[str, Any]) -> None:
    team = goal.get("team") or {}
    if not team.get("coordinator") and not team.get("members"):
        return
    doc.add_heading(_("Coordinator and team: %(goal)s") % {"goal": goal["name"]}, level=2)
    if team.get("coordinator"):
        line = person_line(team["coordinator"])
        doc.add_paragraph(f"{_('Coordinator')}: {line}", style="List Bullet")
    for p in team.get("members", []):
        doc.add_paragraph(f"{_('Team member')}: {person_line(p)}", style="List Bullet")


def _source(source: dict[str, Any]) -> str:
    return f"{source['publisher']}, {source['report_name']} ({source['release']})"


def _docx_footprint(doc: Any, f: dict[str, Any]) -> None:
    doc.add_heading(_("The organisation's purchase footprint"), level=1)
    if not f.get("available"):
        doc.add_paragraph(_("The purchase footprint is not available in this installation."))
    elif not f.get("ledger"):
        doc.add_paragraph(_("No ledger has been imported."))
    else:
        sentence = (
            _(
                "Ledger %(ledger)s, purchases %(period)s together: %(total)s t CO2e (range "
                "%(low)s–%(high)s) from purchases of %(spend)s SEK; %(coverage)s of the spend "
                "classified."
            )
            if f.get("period")
            else _(
                "Ledger %(ledger)s: %(total)s t CO2e (range %(low)s–%(high)s) from purchases of "
                "%(spend)s SEK; %(coverage)s of the spend classified."
            )
        )
        doc.add_paragraph(
            sentence
            % {
                "period": f.get("period", ""),
                "ledger": f["ledger"],
                "total": num(f["total_t"]),
                "low": num(f["low_t"]),
                "high": num(f["high_t"]),
                "spend": num(f["spend_sek"]),
                "coverage": pct(f["coverage_pct"]),
            }
        )
        add_table(
            doc,
            [_("Category"), _("Spend (SEK)"), "t CO2e"],
            [
                [category_label(c["category"]), num(c["spend_sek"]), num(c["t"], 1)]
                for c in f["categories"]
            ],
        )


def _docx_indicators(doc: Any, indicators: list[dict[str, Any]]) -> None:
    doc.add_heading(_("Indicators"), level=1)
    add_table(
        doc,
        [
            _("Indicator"),
            _("Unit"),
            _("Value"),
            _("Target"),
            _("Expected by the trend"),
            _("Status"),
        ],
        [
            [
                i["name"],
                i["unit"],
                num(i["latest_value"], i["decimals"]),
                f"{num(i['target_value'], i['decimals'])} ({i['target_year'] or '–'})",
                num(i["expected_value"], i["decimals"]),
                i["status_label"],
            ]
            for i in indicators
        ],
    )
    for i in indicators:
        if i["chart"]:
            doc.add_heading(i["name"], level=2)
            add_picture_png(doc, i["chart"], width_cm=14)


def _docx_plans(doc: Any, plans: list[dict[str, Any]]) -> None:
    doc.add_heading(_("Action plans"), level=1)
    if not plans:
        doc.add_paragraph(_("No action plans."))
    for p in plans:
        doc.add_heading(p["title"], level=2)
        add_table(
            doc,
            [_("Work package"), *[name for _k, name in p["status_columns"]]],
            [[wp["code"] or _("Outside work packages"), *wp["cells"]] for wp in p["package_rows"]],
        )
        add_table(
            doc,
            [_("Action"), _("Title"), _("Status"), _("Progress") + " (%)"],
            [
                [a["identifier"], a["title"], a["status_label"], a["progress"]]
                for a in p["action_rows"]
            ],
        )


def _docx_contract(doc: Any, c: dict[str, Any]) -> None:
    doc.add_heading(_("Commitments of the contract"), level=1)
    if not c.get("available"):
        doc.add_paragraph(_("No contract version for this year."))
        return
    add_table(doc, [_("Status"), _("Commitments")], c["count_rows"])
    add_table(
        doc,
        [_("Section"), _("Party"), _("Commitment"), _("Status")],
        [[r["section"], r["party"], r["title"], r["status_label"]] for r in c["rows"]],
    )


def _docx_investments(doc: Any, plans: list[dict[str, Any]]) -> None:
    doc.add_heading(_("The climate investment plan"), level=1)
    if not plans:
        doc.add_paragraph(_("No investment plan."))
        return
    add_table(
        doc,
        [
            _("Plan"),
            _("Measures"),
            _("Reduction (t/year)"),
            _("Investment (SEK)"),
            _("External funding (SEK)"),
            _("Within budget"),
        ],
        [
            [
                p["plan"],
                p["measures"],
                num(p["reduction_t_per_year"]),
                num(p["total_capex_sek"]),
                num(p["external_sek"]),
                _yes_no(p["within_budget"]),
            ]
            for p in plans
        ],
    )


def proposal_rows(p: dict[str, Any] | None, language: str) -> dict[str, Any] | None:
    """The proposals section's figures and its table rows (group, value, count); None for a
    report gathered before the section existed."""
    if p is None:
        return None
    from klimatkontrakt.engagement.models import Answer, Channel

    states = p.get("state_names", {})
    rows = [(_("Channel"), str(Channel(k).label), n) for k, n in p["by_channel"].items()]
    rows += [
        (_("State"), _status_name(states[k], language) if k in states else k, n)
        for k, n in p["by_state"].items()
    ]
    rows += [(_("Department"), k, n) for k, n in p["by_department"].items()]
    rows += [(_("Decision"), str(Answer.Decision(k).label), n) for k, n in p["by_decision"].items()]
    share = p["answered_share"]
    return {**p, "rows": rows, "answered_pct": None if share is None else 100 * share}


def _docx_proposals(doc: Any, p: dict[str, Any] | None) -> None:
    if p is None:
        return
    doc.add_heading(_("Proposals from pupils and citizens"), level=1)
    median = p["median_days_to_answer"]
    doc.add_paragraph(
        _(
            "%(total)s published proposals, %(selected)s selected, %(answered)s answered, "
            "%(overdue)s overdue; median days from selection to answer: %(median)s."
        )
        % {
            "total": num(p["total"]),
            "selected": num(p["selected"]),
            "answered": num(p["answered"]),
            "overdue": num(p["overdue"]),
            "median": num(median, 1),
        }
    )
    add_table(
        doc, [_("Group"), _("Value"), _("Proposals")], [[g, v, num(n)] for g, v, n in p["rows"]]
    )


def _docx_local_contracts(doc: Any, totals: dict[str, Any] | None) -> None:
    """Only in reports gathered since the section exists (older stored data lacks it)."""
    if totals is None:
        return
    doc.add_heading(_("Local climate contracts"), level=1)
    if not totals.get("available"):
        doc.add_paragraph(_("The municipality has not published a local climate contract yet."))
        return
    rows = [[name, num(n)] for name, n in totals["signatory_rows"]]
    rows.append([_("Signatories in all"), num(totals["signatories"]["total"])])
    rows += [
        [_("Pledges: %(status)s") % {"status": name}, num(n)] for name, n in totals["pledge_rows"]
    ]
    add_table(doc, [_("Kind"), pgettext("how many", "Number")], rows)
    sectors = [[r["sector"], num(r["t"], 1)] for r in totals["sector_rows"]]
    sectors.append([_("Total"), num(totals["reported_reduction_t"]["total"], 1)])
    add_table(doc, [_("Sector"), _("Reduction (t CO2e per year)")], sectors)
    if totals["capped_labels"]:
        doc.add_paragraph(
            _("Capped at the sector's emissions: %(sectors)s.")
            % {"sectors": ", ".join(totals["capped_labels"])}
        )
    if totals["overlap_labels"]:
        doc.add_paragraph(
            _("A municipal measure acts on the same sector: %(sectors)s.")
            % {"sectors": ", ".join(totals["overlap_labels"])}
        )


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else _("yes") if value else _("no")


def _docx_changes(doc: Any, data: dict[str, Any], indicators: list[dict[str, Any]]) -> None:
    doc.add_heading(_("What changed since last year"), level=1)
    ch = data["contract"].get("changes") if data["contract"].get("available") else None
    if ch:
        doc.add_paragraph(
            _(
                "Contract %(old)s → %(new)s: %(added)s added, %(removed)s removed, "
                "%(changed)s changed."
            )
            % {
                "old": ch["from_year"],
                "new": data["year"],
                "added": len(ch["added"]),
                "removed": len(ch["removed"]),
                "changed": len(ch["changed"]),
            }
        )
        for title in ch["added"]:
            doc.add_paragraph(_("Added: %(title)s") % {"title": title}, style="List Bullet")
        for title in ch.get("completed", []):
            doc.add_paragraph(_("Completed: %(title)s") % {"title": title}, style="List Bullet")
        for title in ch["removed"]:
            doc.add_paragraph(_("Removed: %(title)s") % {"title": title}, style="List Bullet")
        for item in ch["changed"]:
            doc.add_paragraph(
                _("Changed: %(title)s") % {"title": item["title"]}, style="List Bullet"
            )
    else:
        doc.add_paragraph(_("No earlier contract version to compare with."))
    add_table(
        doc,
        [_("Indicator"), _("Last year"), _("This year"), _("Status last year"), _("Status")],
        [
            [
                i["name"],
                num(i["previous_value"], i["decimals"]),
                num(i["value"], i["decimals"]),
                i["previous_status_label"],
                i["status_label"],
            ]
            for i in indicators
        ],
    )


class _Blocks(HTMLParser):
    """Headings (level 1 for h2, 2 for h3) and paragraphs of a rendered template, as text."""

    LEVELS = {"h2": 1, "h3": 2, "p": 0}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[int, str]] = []
        self._open: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.LEVELS:
            self._open, self._text = self.LEVELS[tag], []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.LEVELS and self._open is not None:
            text = " ".join(unescape("".join(self._text)).split())
            if text:
                self.blocks.append((self._open, text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def _html_blocks(html: str) -> list[tuple[int, str]]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def _docx_summary(doc: Any, data: dict[str, Any]) -> None:
    """The headline summary first, from the very template the page and the print HTML use."""
    if not data.get("summary"):
        return
    for level, text in summary_blocks(data["summary"]):
        if level:
            doc.add_heading(text, level=level)
        else:
            doc.add_paragraph(text)


def summary_blocks(summary: dict[str, Any], **extra: Any) -> list[tuple[int, str]]:
    """The headline summary's headings (1, 2) and paragraphs (0) as text, from the template the
    pages use: the Word documents of the municipal and the national report."""
    return _html_blocks(render_to_string("reports/_summary.html", {"summary": summary, **extra}))
