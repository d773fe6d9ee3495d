"""The portfolio's tables, offered on the pages, as charts and as CSV/XLSX downloads: each is
built from `selectors.grants.portfolio` or `national_portfolio`, so the figures are the same
wherever they are shown."""

from __future__ import annotations

import altair as alt
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import Table
from klimatkontrakt.funding.models import Grant
from klimatkontrakt.funding.selectors.grants import NationalPortfolio, Portfolio, recipient_label
from klimatkontrakt.web.charts import BAR, HEIGHT, WIDTH, dated, legend, year_x


def _source(p: Portfolio) -> str:
    if not p.sources:
        return _("No grants imported yet")
    text = ", ".join(p.sources[:5]) + (" …" if len(p.sources) > 5 else "")
    if p.has_example:
        text = _("Example data, not real grants") + ". " + text
    return text


def funder_year_table(p: Portfolio) -> Table:
    return Table(
        key="per-finansiar-och-ar",
        title=_("Grants to %(city)s by funder and year") % {"city": p.municipality.name},
        columns=[("year", _("Year")), ("funder", _("Funder")), ("sek", _("Amount (SEK)"))],
        rows=p.by_funder_year,
        source=_source(p),
    )


def grouped_table(p: Portfolio, key: str) -> Table:
    """By programme or by kind of recipient."""
    if key == "per-program":
        title, label, values = _("Grants by programme or call"), _("Programme"), p.by_programme
    else:
        title, label, values = (
            _("Grants by recipient"),
            _("Recipient"),
            {recipient_label(k): v for k, v in p.by_recipient.items()},
        )
    return Table(
        key=key,
        title=title,
        columns=[("name", label), ("sek", _("Amount (SEK)"))],
        rows=[{"name": k, "sek": v} for k, v in values.items()],
        source=_source(p),
    )


def grants_table(p: Portfolio, grants: list[Grant]) -> Table:
    return Table(
        key="bidrag",
        title=_("The grants of %(city)s") % {"city": p.municipality.name},
        columns=[
            ("funder", _("Funder")),
            ("reference", _("Reference")),
            ("title", _("Title")),
            ("recipient", _("Recipient")),
            ("org_number", _("Organisation number")),
            ("kind", _("Kind of recipient")),
            ("year", _("Year")),
            ("sek", _("Amount (SEK)")),
            ("programme", _("Programme")),
            ("match", _("Match")),
            ("source", _("Source")),
            ("fetched", _("Fetched")),
        ],
        rows=[
            {
                "funder": g.funder_name,
                "reference": g.reference,
                "title": g.title,
                "recipient": g.recipient_name,
                "org_number": g.recipient_org_number,
                "kind": recipient_label(g.recipient_kind),
                "year": g.year,
                "sek": float(g.amount_sek),
                "programme": g.programme,
                "match": str(g.get_match_display()),
                "source": g.source_name,
                "fetched": g.fetched_on.isoformat(),
            }
            for g in grants
        ],
        source=_source(p),
    )


def funder_year_chart(table: Table) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=dated(table.rows)))
        .mark_bar(**BAR)
        .encode(
            x=year_x(_("Year"), (r["year"] for r in table.rows), bars=True),
            y=alt.Y("sek:Q", title=_("SEK"), stack=True),
            color=alt.Color("funder:N", title=_("Funder"), legend=legend(_("Funder"))),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def national_table(n: NationalPortfolio) -> Table:
    return Table(
        key="kontraktsstader",
        title=_("Grants to the contract cities"),
        columns=[
            ("name", _("Municipality")),
            ("total_sek", _("Amount (SEK)")),
            ("population", _("Residents")),
            ("sek_per_capita", _("SEK per resident")),
        ],
        rows=n.cities,
        source=_("Grants matched to each city; residents from SCB where imported"),
    )


def national_rows_table(n: NationalPortfolio) -> Table:
    return Table(
        key="per-stad-finansiar-och-ar",
        title=_("Grants by city, funder and year"),
        columns=[
            ("city", _("Municipality")),
            ("funder", _("Funder")),
            ("year", _("Year")),
            ("sek", _("Amount (SEK)")),
        ],
        rows=n.rows,
        source=_("Grants matched to each city"),
    )


def county_table(rows: list[dict[str, object]]) -> Table:
    return Table(
        key="klimatklivet-per-lan",
        title=_("Klimatklivet grants outside every municipality, per county"),
        columns=[("county", _("County")), ("grants", _("Grants")), ("sek", _("Amount (SEK)"))],
        rows=rows,
        source=_("Naturvårdsverket's list of granted Klimatklivet projects"),
    )


def per_capita_chart(table: Table) -> alt.Chart:
    rows = [r for r in table.rows if r.get("sek_per_capita") is not None]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=_("Municipality"), sort="-x"),
            x=alt.X("sek_per_capita:Q", title=_("SEK per resident")),
        )
        .properties(width=WIDTH - 80, height=max(HEIGHT, 16 * len(rows)))
    )
