"""Generated EXAMPLE ledgers in the national open-data format (for the demo and the bench).

Not real invoices: suppliers are fictitious ("Exempelleverantör ..."), amounts are drawn from
log-normal distributions per account, and the shape (accounts, departments, credit notes,
anonymised suppliers, internal invoices) imitates what a Swedish municipal group publishes.
Deterministic for a given seed: the random draws are hashes of the line number.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from klimatkontrakt.sources.ledger import NATIONAL_HEADER

EXAMPLE_BUYER_ID = "212000-0000"  # example value, not a real organisation number
# Departments of the example group, by profile; the first of each profile dominates it.
DEPARTMENTS = {
    "tech": [("Teknik- och fastighetsförvaltningen", 95), ("Räddningstjänsten", 5)],
    "school": [
        ("Barn- och ungdomsförvaltningen", 70),
        ("Gymnasie- och vuxenutbildningsförvaltningen", 30),
    ],
    "care": [
        ("Vård- och omsorgsförvaltningen", 85),
        ("Arbetsmarknads- och socialförvaltningen", 15),
    ],
    "social": [("Arbetsmarknads- och socialförvaltningen", 100)],
    "culture": [("Kultur- och fritidsförvaltningen", 100)],
    "all": [
        ("Teknik- och fastighetsförvaltningen", 30),
        ("Barn- och ungdomsförvaltningen", 17),
        ("Vård- och omsorgsförvaltningen", 18),
        ("Gymnasie- och vuxenutbildningsförvaltningen", 8),
        ("Arbetsmarknads- och socialförvaltningen", 8),
        ("Kultur- och fritidsförvaltningen", 6),
        ("Kommunledningskontoret", 6),
        ("Stadsbyggnadsförvaltningen", 4),
        ("Miljöförvaltningen", 3),
        ("Räddningstjänsten", 2),
    ],
}
# account, account text, share of spend (%), typical invoice line (SEK), department profile,
# number of suppliers
ACCOUNTS = [
    ("4010", "Livsmedel", 4.0, 4000, "school", 40),
    ("4011", "Kött och chark", 1.2, 6000, "school", 10),
    ("4012", "Mejeriprodukter", 1.0, 3000, "school", 6),
    ("4013", "Bröd", 0.4, 1500, "care", 8),
    ("4110", "Sjukvårdsmaterial", 1.0, 2500, "care", 20),
    ("4120", "Läromedel och böcker", 1.5, 2000, "school", 30),
    ("4510", "Köp av vård och omsorg", 8.0, 60000, "care", 60),
    ("4520", "Köp av verksamhet placering", 5.0, 45000, "social", 80),
    ("4530", "Skolpeng och interkommunal ersättning", 5.0, 50000, "school", 50),
    ("4610", "Byggentreprenad nybyggnad", 12.0, 250000, "tech", 25),
    ("4620", "Anläggningsentreprenad gata och väg", 7.0, 150000, "tech", 20),
    ("4630", "Fastighetsunderhåll reparation och underhåll", 5.0, 25000, "tech", 120),
    ("4640", "VVS och ventilation", 1.5, 20000, "tech", 30),
    ("4650", "Elinstallation", 1.2, 18000, "tech", 25),
    ("4710", "Asfalt", 1.5, 80000, "tech", 4),
    ("4711", "Grus och sand", 0.8, 20000, "tech", 6),
    ("4712", "Betong", 0.6, 30000, "tech", 5),
    ("4790", "Lämnade bidrag till föreningar", 1.0, 25000, "culture", 300),
    ("5110", "Arvoden förtroendevalda", 0.5, 8000, "all", 1),
    ("6110", "Elenergi", 2.5, 40000, "tech", 3),
    ("6120", "Fjärrvärme", 3.0, 60000, "tech", 1),
    ("6130", "Vatten och avlopp", 0.8, 15000, "tech", 1),
    ("6210", "Lokalhyra externa lokaler", 4.0, 80000, "all", 60),
    ("6220", "Internhyra", 2.0, 90000, "all", 1),
    ("6310", "Städtjänster lokalvård", 2.0, 20000, "all", 15),
    ("6410", "Möbler och inventarier", 1.2, 8000, "all", 40),
    ("6420", "Förbrukningsmaterial", 1.5, 1500, "all", 80),
    ("6430", "Rengöringsmedel och kemikalier", 0.5, 2000, "all", 10),
    ("6510", "Datorer och IT-utrustning", 2.0, 12000, "all", 15),
    ("6520", "IT-tjänster och licenser", 3.0, 30000, "all", 60),
    ("6530", "Tele och mobil", 1.0, 3000, "all", 4),
    ("6610", "Drivmedel diesel och bensin", 1.8, 5000, "tech", 5),
    ("6620", "Fordonsreparation verkstad", 1.0, 7000, "tech", 20),
    ("6630", "Leasing av bilar", 0.9, 6000, "all", 5),
    ("6640", "Inköp av fordon och maskiner", 1.2, 300000, "tech", 12),
    ("6710", "Transporter och frakt", 1.5, 9000, "tech", 40),
    ("6720", "Skolskjuts och färdtjänst", 2.5, 40000, "school", 10),
    ("6730", "Avfallshantering renhållning", 1.2, 15000, "tech", 4),
    ("6810", "Resor", 0.5, 3000, "all", 20),
    ("6820", "Hotell och logi", 0.3, 4000, "all", 60),
    ("6830", "Utbildning och konferens", 0.8, 6000, "all", 120),
    ("7010", "Konsulttjänster", 3.0, 40000, "all", 150),
    ("7020", "Teknisk konsult projektering", 2.0, 50000, "tech", 40),
    ("7030", "Juridiska tjänster", 0.3, 20000, "all", 10),
    ("7040", "Annonser och reklam", 0.4, 8000, "all", 30),
    ("7050", "Bevakning och larm", 0.5, 10000, "all", 6),
    ("7060", "Försäkringar", 0.8, 50000, "all", 4),
    ("7070", "Porto", 0.3, 1500, "all", 2),
    ("7080", "Trycksaker", 0.3, 5000, "all", 25),
    ("7090", "Övriga kostnader", 1.0, 3000, "all", 400),
]
INTERNAL_ACCOUNTS = {"6220"}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple[object, ...]]) -> None:
    # One statement, a list per column: DuckDB's executemany took a second for 10 000 rows.
    columns = list(zip(*rows, strict=True))
    unnest = ", ".join(f"unnest(${k + 1})" for k in range(len(columns)))
    con.execute(f"INSERT INTO {table} SELECT {unnest}", [list(c) for c in columns])


def _setup(con: duckdb.DuckDBPyConnection) -> None:
    acc_rows: list[tuple[int, str, str, float, str, int]] = []
    slot_rows: list[tuple[int, int]] = []
    dept_rows: list[tuple[str, int, str]] = []
    weights = [share / typical for _, _, share, typical, _, _ in ACCOUNTS]
    total = sum(weights)
    slot = 0
    for idx, (acc, text, _share, typical, profile, n_sup) in enumerate(ACCOUNTS):
        acc_rows.append((idx, acc, text, float(typical), profile, n_sup))
        count = max(1, round(10000 * weights[idx] / total))
        slot_rows.extend((s, idx) for s in range(slot, slot + count))
        slot += count
    for profile, depts in DEPARTMENTS.items():
        d_slot = 0
        for name, weight in depts:
            dept_rows.extend((profile, s, name) for s in range(d_slot, d_slot + weight))
            d_slot += weight
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ex_acc (idx INTEGER, account VARCHAR, text VARCHAR,"
        " typical DOUBLE, profile VARCHAR, n_sup INTEGER)"
    )
    _insert(con, "ex_acc", acc_rows)
    con.execute("CREATE OR REPLACE TEMP TABLE ex_slot (slot INTEGER, idx INTEGER)")
    _insert(con, "ex_slot", slot_rows)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ex_dept (profile VARCHAR, slot INTEGER, name VARCHAR)"
    )
    _insert(con, "ex_dept", dept_rows)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ex_dsize AS SELECT profile, count(*) AS n FROM ex_dept"
        " GROUP BY 1"
    )
    return None


def generate_ledger(
    target: Path,
    lines: int,
    year: int = 2024,
    seed: int = 2030,
    scale: float = 1.0,
    municipality_code: str = "0000",
    con: duckdb.DuckDBPyConnection | None = None,
) -> Path:
    """Write ``lines`` example invoice lines for ``year`` as a national-format CSV.

    Semicolon separated, UTF-8, decimal comma, dates YYYY-MM-DD. About 2 % credit notes
    (negative), 0.5 % anonymised suppliers (``*``) and internal rent invoices from the buyer.
    ``scale`` multiplies every amount (for year-on-year variation in the demo);
    ``municipality_code`` fills the buyer's municipality column ("0000": no real municipality).
    """
    own = con is None
    con = con or duckdb.connect()
    try:
        _setup(con)
        n_slots = con.execute("SELECT count(*) FROM ex_slot").fetchone()
        slots = int(n_slots[0]) if n_slots else 1

        def u(k: int) -> str:
            return f"((hash(i, {seed * 31 + k}) % 1000003) / 1000003.0)"

        header = ", ".join(
            f"{expr} AS {name}"
            for name, expr in zip(
                NATIONAL_HEADER,
                (
                    f"'{EXAMPLE_BUYER_ID}'",
                    "'Exempelkommunen (exempeldata)'",
                    f"'F{year}-' || lpad(CAST(i // 3 AS VARCHAR), 8, '0')",
                    "CASE WHEN a.account IN ('6220') THEN 'Exempelkommunen internt'"
                    f" WHEN {u(5)} < 0.005 THEN '*'"
                    " ELSE 'Exempelleverantör ' || a.account || '-' || CAST(sup AS VARCHAR)"
                    " || ' AB' END",
                    f"CASE WHEN a.account IN ('6220') THEN '{EXAMPLE_BUYER_ID}'"
                    f" WHEN {u(5)} < 0.005 THEN ''"
                    " ELSE '5' || lpad(CAST(a.idx AS VARCHAR), 2, '0')"
                    " || lpad(CAST(sup AS VARCHAR), 3, '0') || '-'"
                    " || lpad(CAST((a.idx * 37 + sup * 11) % 10000 AS VARCHAR), 4, '0') END",
                    "d.name",
                    "a.account",
                    "a.text",
                    "replace(printf('%.2f', amount), '.', ',')",
                    "'SEK'",
                    f"strftime(DATE '{year}-01-01' + CAST(floor({u(6)} * 365) AS INTEGER),"
                    " '%Y-%m-%d')",
                    "CASE WHEN a.typical > 40000 THEN 'Upphandlat avtal'"
                    " ELSE 'Direktupphandling' END",
                    "CASE WHEN a.typical > 40000 THEN 'AVT-' || a.account ELSE '' END",
                    "CAST(1000 + a.idx AS VARCHAR)",
                    f"'{int(municipality_code):04d}'",
                ),
                strict=True,
            )
        )
        query = (
            "SELECT i, s.idx, CAST(floor(pow(" + u(3) + ", 2) * a0.n_sup) AS INTEGER) AS sup,"
            f" CAST(floor({u(4)} * ds.n) AS INTEGER) AS dslot,"
            f" {scale} * a0.typical * exp(0.9 * sqrt(-2 * ln(greatest({u(7)}, 1e-9)))"
            f" * cos(2 * pi() * {u(8)}) - 0.405)"
            f" * CASE WHEN {u(9)} < 0.02 THEN -1 ELSE 1 END AS amount"
            f" FROM range({int(lines)}) r(i)"
            f" JOIN ex_slot s ON s.slot = CAST(floor({u(1)} * {slots}) AS INTEGER)"
            " JOIN ex_acc a0 ON a0.idx = s.idx JOIN ex_dsize ds ON ds.profile = a0.profile"
        )
        con.execute(
            f"COPY (SELECT {header} FROM ({query}) q JOIN ex_acc a ON a.idx = q.idx"
            " JOIN ex_dept d ON d.profile = a.profile AND d.slot = q.dslot ORDER BY i)"
            f" TO '{Path(target).as_posix()}' (HEADER, DELIMITER ';', QUOTE '\"')"
        )
    finally:
        if own:
            con.close()
    return Path(target)


def example_activity_rows(year: int, scale: float = 1.0) -> list[dict[str, object]]:
    """Example energy and fuel measurements for the demo (labelled as example data)."""
    tff = "Teknik- och fastighetsförvaltningen"
    src = "Exempeldata (genererad), inte uppmätta värden"
    rows: list[dict[str, object]] = [
        {
            "activity": "electricity",
            "quantity": 38_000_000,
            "unit": "kWh",
            "replaces_category": "electricity_purchases",
        },
        {
            "activity": "district_heating",
            "quantity": 52_000_000,
            "unit": "kWh",
            "replaces_category": "heating_purchases",
        },
        {"activity": "diesel", "quantity": 310_000, "unit": "l", "replaces_category": "fuel"},
        {"activity": "hvo", "quantity": 420_000, "unit": "l", "replaces_category": "fuel"},
        {"activity": "petrol", "quantity": 60_000, "unit": "l", "replaces_category": "fuel"},
        {"activity": "biogas", "quantity": 900_000, "unit": "kWh", "replaces_category": "fuel"},
    ]
    for row in rows:
        row.update(year=year, department=tff, source=src)
        row["quantity"] = round(float(row["quantity"]) * scale)  # type: ignore[arg-type]
    return rows
