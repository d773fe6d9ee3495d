"""Reads of the national comparison. `national_table` is the one source of its figures: the
command's JSON and CSV, and later the comparison page, the map and the API, all read it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from klimatkontrakt.calc import comparison as calc
from klimatkontrakt.comparison.columns import CARBON_LAW, CARBON_LAW_COLUMNS, GAS, size_class
from klimatkontrakt.comparison.keys import KEYS
from klimatkontrakt.comparison.models import Figure, SourceFile
from klimatkontrakt.emissions import selectors as emissions
from klimatkontrakt.organisations.models import Municipality
from klimatkontrakt.sources import kpis


@dataclass(frozen=True)
class Source:
    """A file a figure was computed from, as every figure names it."""

    file: str
    edition: str
    publisher: str
    sha256: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "edition": self.edition, "publisher": self.publisher}

    def __str__(self) -> str:
        return f"{self.publisher}: {self.file} ({self.edition})"


@dataclass(frozen=True)
class Value:
    """One key of one municipality: its value (a number, or the climate plan's fields), or
    None with the reason why, and the files it comes from."""

    value: Any
    year: int | None
    sources: tuple[Source, ...]
    reason: str = ""


@dataclass(frozen=True)
class Row:
    """One municipality with every figure of the comparison."""

    code: str
    name: str
    county_code: str
    county: str
    in_climate_contract: bool
    values: dict[str, Value] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        return self.values[key].value


def current_files() -> dict[str, SourceFile]:
    """The newest import of each file layout: the files the comparison reads now."""
    current: dict[str, SourceFile] = {}
    for source_file in SourceFile.objects.order_by("-imported_at", "-pk"):
        current.setdefault(source_file.kind, source_file)
    return current


def source_files() -> list[SourceFile]:
    return list(SourceFile.objects.all())


def _figures(files: dict[str, SourceFile]) -> dict[int, dict[str, dict[str, list[Figure]]]]:
    """municipality id -> kind -> key -> figures of the current files."""
    by_id = {f.pk: kind for kind, f in files.items()}
    found: dict[int, dict[str, dict[str, list[Figure]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for figure in Figure.objects.filter(source_file_id__in=by_id).order_by("year"):
        found[figure.municipality_id][by_id[figure.source_file_id]][figure.key].append(figure)
    return found


def _source(source_file: SourceFile) -> Source:
    return Source(
        source_file.file_name,
        source_file.edition_label,
        source_file.publisher,
        source_file.sha256,
    )


def national_table() -> list[Row]:
    """One row per municipality (SCB code order) with each key's value or the reason it has
    none, and per key the source files and editions it was computed from."""
    files = current_files()
    figures = _figures(files)
    rows = []
    municipalities = Municipality.objects.select_related("county").order_by("code")
    for m in municipalities:
        mine = figures.get(m.pk, {})
        values = {}
        for key in KEYS:
            sources = tuple(_source(files[k]) for k in key.kinds if k in files)
            missing = [k for k in key.kinds if k not in files]
            if missing:
                values[key.key] = Value(None, None, sources, _no_file(key.kinds, files))
                continue
            values[key.key] = COMPUTE[key.key](mine, files, sources)
        rows.append(
            Row(m.code, m.name, m.county.code, m.county.name, m.in_climate_contract, values)
        )
    return rows


def _no_file(kinds: tuple[str, ...], files: dict[str, SourceFile]) -> str:
    """Named by publisher: the layout's code (e.g. "nue_survey") is not for readers."""
    missing = ", ".join(kpis.BY_KIND[k].PUBLISHER for k in kinds if k not in files)
    return _("no file from %(publishers)s is imported") % {"publishers": missing}


def _not_in(source_file: SourceFile) -> str:
    return _("not in %(file)s") % {"file": source_file.file_name}


def _one(mine: Any, kind: str, key: str) -> Figure | None:
    found = mine.get(kind, {}).get(key, [])
    return found[-1] if found else None


def _consumption(mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]) -> Value:
    figure = _one(mine, "consumption_per_capita", "consumption_t_per_capita")
    if figure is None or figure.number is None:
        return Value(None, None, sources, _not_in(files["consumption_per_capita"]))
    return Value(figure.number, figure.year, sources)


def _ev_share_change(mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]) -> Value:
    shares = {f.year: f.number for f in mine.get("ev_share_compiled", {}).get("ev_share_pct", [])}
    new_cars = mine.get("trafikanalys_new_cars", {})
    totals = {f.year: f.number for f in new_cars.get("new_cars_total", [])}
    for f in new_cars.get("new_cars_rechargeable", []):
        total = totals.get(f.year)
        if f.year is not None and f.number is not None and total is not None:
            shares[f.year] = calc.share_pct(f.number, total)
    finite = {y: v for y, v in shares.items() if y is not None and v is not None}
    slope = calc.ev_share_change(finite)
    if slope is None:
        reason = _("fewer than two years with new cars registered in %(from)s–%(to)s") % {
            "from": calc.EV_SHARE_FROM,
            "to": calc.EV_SHARE_TO,
        }
        return Value(None, None, sources, reason)
    last = max(y for y in finite if y <= calc.EV_SHARE_TO)
    reason = ""
    if last < calc.EV_SHARE_TO:
        reason = _("no share for %(year)s: the slope ends in %(last)s") % {
            "year": calc.EV_SHARE_TO,
            "last": last,
        }
    return Value(slope, last, sources, reason)


def _evs_per_charge_point(
    mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]
) -> Value:
    vehicles = _one(mine, "powercircle_charging", "rechargeable_vehicles")
    points = _one(mine, "powercircle_charging", "charge_points")
    if vehicles is None or points is None or vehicles.number is None or points.number is None:
        return Value(None, None, sources, _not_in(files["powercircle_charging"]))
    ratio = calc.per_unit(vehicles.number, points.number)
    if ratio is None:
        return Value(None, points.year, sources, _("no public charging point"))
    return Value(ratio, points.year, sources)


def _cycle_lane(mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]) -> Value:
    metres = _one(mine, "nvdb_cycle_network", "cycle_network_m")
    people = _one(mine, "scb_population", "population")
    if metres is None or metres.number is None:
        return Value(None, None, sources, _not_in(files["nvdb_cycle_network"]))
    if people is None or people.number is None:
        return Value(None, None, sources, _not_in(files["scb_population"]))
    return Value(calc.per_unit(metres.number, people.number), people.year, sources)


def _climate_plan(mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]) -> Value:
    figure = _one(mine, "climate_plans", "climate_plan")
    if figure is None:
        return Value(None, None, sources, _not_in(files["climate_plans"]))
    plan = {"link": figure.link or None, "year": figure.year, "comment": figure.text or None}
    reason = "" if figure.link else _("no climate plan found in the register")
    return Value(plan, figure.year, sources, reason)


def _procurement(mine: Any, files: dict[str, SourceFile], sources: tuple[Source, ...]) -> Value:
    found = _one(mine, "procurement_requirements_found", "procurement_link")
    survey = _one(mine, "nue_survey", "procurement_survey")
    says_set = survey is not None and survey.number is not None and survey.number > 0
    score = calc.procurement_score(bool(found and found.link), says_set)
    years = [f.year for f in (found, survey) if f is not None and f.year is not None]
    reason = ""
    if score == 0 and survey is None:
        reason = _("no published requirement found, and not in %(file)s") % {
            "file": files["nue_survey"].file_name
        }
    return Value(score, max(years) if years else None, sources, reason)


COMPUTE = {
    "consumption_t_per_capita": _consumption,
    "ev_share_change_pp_per_year": _ev_share_change,
    "evs_per_charge_point": _evs_per_charge_point,
    "cycle_lane_m_per_capita": _cycle_lane,
    "climate_plan": _climate_plan,
    "procurement_climate_requirements": _procurement,
}


# ---- the comparison page, its map, API and downloads ----------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One municipality on the comparison page: who it is, its size and every column's value
    (columns.COLUMNS) with its year, sources and, where there is none, the reason."""

    code: str
    name: str
    county_code: str
    county: str
    in_climate_contract: bool
    size_class: str
    values: dict[str, Value] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        return self.values[key].value


def comparison_rows(current_year: int | None = None) -> list[ComparisonRow]:
    """Every municipality (SCB code order) with its population and size class, the carbon-law
    figures for all greenhouse gases (from the emissions app's budgets for all municipalities,
    as `budget --all --method carbon-law --gas GGT` prints them) and the national indicators
    (`national_table`). The page, the map, the API and the downloads all read this.

    Computed once per national data version, language and day in a process (every
    municipality's start page shows its ranks from it); the rows are read-only."""
    from klimatkontrakt.web.cache import national_value

    rows = national_value("comparison_rows", lambda: _comparison_rows(current_year), current_year)
    return list(rows)


def _comparison_rows(current_year: int | None) -> list[ComparisonRow]:
    carbon_law = _carbon_law(current_year)
    people = _population()
    rows = []
    for row in national_table():
        population = people.get(row.code) or Value(None, None, (), people.reason)
        budget = carbon_law.get(row.code)
        values = {"population": population}
        for column in CARBON_LAW_COLUMNS:
            values[column.key] = _carbon_law_value(budget, column.key, carbon_law)
        values.update(row.values)
        rows.append(
            ComparisonRow(
                row.code,
                row.name,
                row.county_code,
                row.county,
                row.in_climate_contract,
                size_class(population.value),
                values,
            )
        )
    return rows


class _Budgets(dict[str, dict[str, Any]]):
    reason: str = ""
    sources: tuple[Source, ...] = ()


def _carbon_law(current_year: int | None) -> _Budgets:
    found = _Budgets()
    try:
        budgets = emissions.all_budgets(method=CARBON_LAW, gas=GAS, current_year=current_year)
    except emissions.NoRelease:
        found.reason = _("no SMHI release of greenhouse gases is imported")
        return found
    for figures in budgets:
        found[figures["municipality"]] = figures
    if budgets:
        s = budgets[0]["source"]
        found.sources = (Source(s["file_name"], s["release"], s["publisher"], s["file_sha256"]),)
    return found


def _carbon_law_value(figures: dict[str, Any] | None, key: str, budgets: _Budgets) -> Value:
    if figures is None:
        return Value(None, None, budgets.sources, budgets.reason or _("not in the SMHI release"))
    year = figures["budget_start_year"]
    value = figures["trend"]["slope"] if key == "trend_slope" else figures[key]
    if value is None and key == "net_zero_date":
        return Value(None, year, budgets.sources, _("emissions do not fall on the trend"))
    if isinstance(value, float) and value != value:  # NaN: too few years in the release
        return Value(None, year, budgets.sources, _("too few years with emissions"))
    return Value(value, year, budgets.sources)


class _People(dict[str, Value]):
    reason: str = ""


def _population() -> _People:
    found = _People()
    source_file = current_files().get("scb_population")
    if source_file is None:
        found.reason = _no_file(("scb_population",), {})
        return found
    sources = (_source(source_file),)
    figures = Figure.objects.filter(source_file=source_file, key="population").order_by("year")
    for code, number, year in figures.values_list("municipality__code", "number", "year"):
        found[code] = Value(number, year, sources)
    found.reason = _not_in(source_file)
    return found
