"""Regenerate the emissions demo data in src/klimatkontrakt/emissions/data/ from ../shared/data.

The demo carries public SMHI figures as facts, with their source named in each file's header:
  demo-smhi-co2-2024-04-18.csv  from SMHI's Länsrapport 2024-04-18 (df_municipalities_2022.xlsx):
      the total of every municipality, county and Sweden; every sector and subsector of
      Karlstad; the main sectors of Värmlands län and Sweden.
  demo-smhi-ggt-klimatkollen.csv  from Klimatkollen's municipality-sector-emissions.json (SMHI
      GGT, t CO2e): every municipality's total (sum of its main sectors, as the JSON holds no
      total), Karlstad's main sectors, and county / Sweden totals as sums of their municipalities.

Usage: python scripts/make_emissions_demo_data.py [../shared/data]
"""

import csv
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

from klimatkontrakt.sources import smhi
from klimatkontrakt.sources.scb import read_code_list
from klimatkontrakt.sources.sectors import ALL

OUT = Path(__file__).resolve().parents[1] / "src" / "klimatkontrakt" / "emissions" / "data"
HEAD = ["sector", "subsector", "county", "municipality"]


def write(path: Path, meta: dict[str, str], years: list[int], rows: list[list[object]]) -> None:
    buf = io.StringIO()
    for k, v in meta.items():
        buf.write(f"# {k}: {v}\n")
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(HEAD + [str(y) for y in years])
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def co2(shared: Path) -> None:
    report = smhi.read_report(shared / "df_municipalities_2022.xlsx")
    rows = []
    for r in report.rows:
        total = r.sector == ALL and r.subsector == ALL
        karlstad = r.municipality == "Karlstad"
        main = r.subsector == ALL and r.municipality == ALL and r.county in (ALL, "Värmlands län")
        if total or karlstad or main:
            rows.append([r.sector, r.subsector, r.county, r.municipality, *r.values])
    write(
        OUT / "demo-smhi-co2-2024-04-18.csv",
        {
            "gas": "CO2",
            "gas_name": report.gas_name,
            "unit": report.unit,
            "release_date": f"{report.release_date:%Y-%m-%d}",
            "report_name": f"{report.report_name} (demo subset)",
            "source": "SMHI Nationella emissionsdatabasen, getexcelfile sub=CO2; copy in "
            "Klimatbyran/territorial-data-pipeline tests/reference_dataframes/"
            f"df_municipalities_2022.xlsx, sha256 {report.sha256}",
            "subset": "every area's total; Karlstad's sectors and subsectors; main sectors of "
            "Värmlands län and Sweden",
        },
        list(report.years),
        rows,
    )


def ggt(shared: Path) -> None:
    codes = read_code_list(shared / "kommunlankod_2023.xls")
    county_of = {name: codes.counties[c[:2]] for c, (name, _) in codes.municipalities.items()}
    data = json.loads((shared / "municipality-sector-emissions.json").read_text("utf-8"))
    years = sorted({int(y) for m in data for y in m["sectors"]})
    rows = []
    county_sum: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(years))
    for m in sorted(data, key=lambda m: m["name"]):
        county = county_of[m["name"]]
        sectors = sorted({s for y in m["sectors"].values() for s in y})
        per_sector = {s: [float(m["sectors"][str(y)].get(s, 0.0)) for y in years] for s in sectors}
        total = [round(sum(v[i] for v in per_sector.values()), 2) for i in range(len(years))]
        rows.append([ALL, ALL, county, m["name"], *total])
        for i, v in enumerate(total):
            county_sum[county][i] += v
        if m["name"] == "Karlstad":
            rows += [[s, ALL, county, m["name"], *v] for s, v in per_sector.items()]
    for county, values in sorted(county_sum.items()):
        rows.append([ALL, ALL, county, ALL, *[round(v, 2) for v in values]])
    nation = [round(sum(v[i] for v in county_sum.values()), 2) for i in range(len(years))]
    rows.append([ALL, ALL, ALL, ALL, *nation])
    write(
        OUT / "demo-smhi-ggt-klimatkollen.csv",
        {
            "gas": "GGT",
            "gas_name": "Växthusgaser totalt",
            "unit": "t CO2e",
            "release_date": "2026-06-25",
            "report_name": "SMHI GGT via Klimatkollen, snapshot 2026-06-25 (demo subset)",
            "source": "Klimatbyran/territorial-data-pipeline output/municipality-sector-"
            "emissions.json (HEAD bf20c580, 2026-06-25), built from SMHI getexcelfile sub=GGT; "
            "release_date is that snapshot's date, not SMHI's own release date",
            "subset": "every municipality's total (sum of its main sectors); Karlstad's main "
            "sectors; county and Sweden totals as sums of their municipalities",
        },
        years,
        rows,
    )


if __name__ == "__main__":
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    co2(shared)
    ggt(shared)
