"""Every import a person can do refuses a broken file with a message naming it, in Swedish on a
Swedish page, and leaves no row behind: a CSV named .xlsx, a workbook named .csv, a workbook cut
in half, a field over the csv module's size limit, random bytes, an empty and a header-only file.
Where the reader can read the file whatever its name says (a ledger or measure table), it does.
"""

from __future__ import annotations

import csv
import html
import io
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from klimatkontrakt.emissions.models import Release
from klimatkontrakt.footprint.models import (
    ActivityRecord,
    FactorSet,
    Ledger,
    LedgerImport,
    RuleSet,
)
from klimatkontrakt.investments.models import InvestmentPlan, Measure, MeasureImport
from klimatkontrakt.organisations.demo import DEMO_EDITOR
from klimatkontrakt.plans.models import Action, ActionImport, ActionPlan
from tests.sources.workbook_bombs import xlsx_bytes

pytestmark = pytest.mark.django_db

LEDGER = [
    ["konto_nr", "konto_text", "leverantor", "belopp", "datum"],
    ["4010", "Papper", "Kontorsvaror AB", "1200,50", "2024-03-01"],
    ["6710", "Frakt", "Åkeriet i Värmland AB", "880", "2024-04-01"],
]
RULES = [["field", "pattern", "category", "priority"], ["account", "4010", "office", "5"]]
FACTORS = [
    ["category", "value", "unit", "year", "currency", "source", "licence"],
    ["office", "0,05", "kg CO2e/SEK", "2024", "SEK", "Egen", "CC-BY"],
]
ACTIVITY = [["year", "activity", "quantity", "unit"], ["2024", "diesel", "120", "l"]]
ACTIONS = [["identifier", "title"], ["Ö1", "Återbruk i förskolor"]]
MEASURES = [
    ["name", "sector", "department", "start_year", "lifetime_years", "capex_sek",
     "opex_change_sek_per_year", "reduction_t_per_year"],
    ["Värmepump", "diesel", "TFF", "2026", "15", "600000", "-90000", "8,5"],
]  # fmt: skip


def as_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


# Each case makes (file name, content) from the importer's good table and its file ending.
CASES: dict[str, Callable[[list[list[str]], str], tuple[str, bytes]]] = {
    "csv_named_xlsx": lambda rows, ext: ("tabell.xlsx", as_csv(rows)),
    "xlsx_named_csv": lambda rows, ext: ("tabell.csv", xlsx_bytes(rows)),
    "truncated_xlsx": lambda rows, ext: ("avklippt.xlsx", xlsx_bytes(rows)[:1500]),
    "long_field": lambda rows, ext: (
        f"lång.{ext}",
        as_csv([rows[0], [rows[1][0] + "x" * (csv.field_size_limit() + 10), *rows[1][1:]]])
        if ext == "csv"
        else xlsx_bytes(rows)[:1500],
    ),
    "random_bytes": lambda rows, ext: (
        f"slump.{ext}",
        random.Random(14).randbytes(20_000),  # os.urandom, repeatable
    ),
    "empty": lambda rows, ext: (f"tom.{ext}", b""),
    "header_only": lambda rows, ext: (
        f"rubrik.{ext}",
        as_csv(rows[:1]) if ext == "csv" else xlsx_bytes(rows[:1]),
    ),
    "cp1252": lambda rows, ext: (f"ansi.{ext}", as_csv(rows, "cp1252")),
    "utf8_bom": lambda rows, ext: (f"bom.{ext}", as_csv(rows, "utf-8-sig")),
}


@dataclass(frozen=True)
class Importer:
    rows: list[list[str]]
    ext: str  # the ending its files usually have
    path: str  # the upload page, {action_plan} and {investment_plan} filled in
    field: str
    data: dict[str, str]
    models: tuple[type, ...]
    reads: frozenset[str]  # the cases it reads rather than refuses

    def count(self) -> tuple[int, ...]:
        return tuple(m._default_manager.count() for m in self.models)


TEXT_READS = frozenset({"csv_named_xlsx", "cp1252", "utf8_bom"})
ANY_READS = TEXT_READS | {"xlsx_named_csv"}
IMPORTERS = {
    "ledger": Importer(
        LEDGER,
        "csv",
        "/kommun/1780/inkop/importera/",
        "ledger_files",
        {"ledger": "Prov", "threshold": "1"},
        (Ledger, LedgerImport),
        ANY_READS,
    ),
    "rules": Importer(
        RULES, "csv", "/kommun/1780/inkop/data/", "rules", {}, (RuleSet,), TEXT_READS
    ),
    "factors": Importer(
        FACTORS, "csv", "/kommun/1780/inkop/data/", "factors", {}, (FactorSet,), TEXT_READS
    ),
    "activity": Importer(
        ACTIVITY, "csv", "/kommun/1780/inkop/data/", "activity", {}, (ActivityRecord,), TEXT_READS
    ),
    "actions": Importer(
        ACTIONS,
        "xlsx",
        "/kommun/1780/handlingsplaner/{action_plan}/import/",
        "file",
        {},
        (Action, ActionImport),
        frozenset({"xlsx_named_csv"}),
    ),
    "measures": Importer(
        MEASURES,
        "csv",
        "/kommun/1780/investeringsplan/{investment_plan}/atgarder/import/",
        "file",
        {},
        (Measure, MeasureImport),
        ANY_READS,
    ),
}


def _page(client, importer: Importer, name: str, content: bytes) -> str:  # type: ignore[no-untyped-def]
    client.force_login(get_user_model().objects.get(username=DEMO_EDITOR))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    path = importer.path.format(
        action_plan=ActionPlan.objects.filter(municipality__code="1780").first().pk,
        investment_plan=InvestmentPlan.objects.filter(municipality__code="1780").first().pk,
    )
    upload = SimpleUploadedFile(name, content)
    response = client.post(path, {importer.field: upload, **importer.data}, follow=True)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


# A Swedish sentence of the refusal for each case (any of them), and the English it replaces.
SWEDISH = {
    "csv_named_xlsx": ("inte en Excel-arbetsbok",),
    "xlsx_named_csv": ("läses som CSV",),
    "truncated_xlsx": ("skadad eller avklippt",),
    "long_field": ("längre än", "skadad eller avklippt"),
    "random_bytes": ("inte en textfil", "inte en Excel-arbetsbok"),
    "empty": ("är tom",),
    "header_only": ("inga rader", "inga åtgärder"),
}


def refusal(importer: Importer, case: str) -> str:
    """The kind of refusal: a text file sent to a workbook-only reader is refused as a CSV
    named .xlsx, any workbook sent to a CSV-only reader as a workbook named .csv."""
    if case in TEXT_READS and importer.ext == "xlsx":
        return "csv_named_xlsx"
    if case == "truncated_xlsx" and "xlsx_named_csv" not in importer.reads:
        return "xlsx_named_csv"
    return case


def _messages(page: str) -> str:
    """The page's main content without markup, for a failing test's report."""
    import re

    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))[:3000]


def refused_in_swedish(page: str, name: str, case: str) -> bool:
    return any(f"{name}" in page and s in page for s in SWEDISH[case]) and ("Traceback" not in page)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("which", sorted(IMPORTERS))
def test_an_upload_is_read_or_refused_by_name_in_swedish_and_leaves_nothing(
    demo, client, which, case
):
    importer = IMPORTERS[which]
    name, content = CASES[case](importer.rows, importer.ext)
    before = importer.count()
    page = _page(client, importer, name, content)
    if case in importer.reads:
        assert importer.count() != before, _messages(page)
        if which == "measures":  # read in its own encoding: the Swedish letters are kept
            assert Measure.objects.filter(name="Värmepump").exists()
        return
    assert refused_in_swedish(page, name, refusal(importer, case)), _messages(page)
    assert importer.count() == before


def test_an_xls_workbook_of_random_bytes_is_refused_by_name(demo, client):
    """The .xls reader (measure tables) refuses a broken Excel 97-2003 file."""
    importer = IMPORTERS["measures"]
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)
    before = importer.count()
    page = _page(client, importer, "gammal.xls", content)
    assert "gammal.xls: inte en läsbar Excel-arbetsbok" in page
    assert importer.count() == before


# The command line: the same files, through each importing command.
def _command(which: str, path: Path) -> None:
    out = io.StringIO()
    if which == "ledger":
        call_command("import_ledger", "1780", str(path), "--ledger", "Prov", stdout=out)
    elif which in ("rules", "factors", "activity"):
        call_command("import_ledger", "1780", f"--{which}", str(path), stdout=out)
    elif which == "actions":
        plan = ActionPlan.objects.filter(municipality__code="1780").first()
        call_command("import_actions", str(path), municipality="1780", plan=plan.title, stdout=out)
    elif which == "measures":
        plan = InvestmentPlan.objects.filter(municipality__code="1780").first()
        call_command(
            "investments", "import", str(path), "--municipality", "1780", "--plan", plan.name,
            stdout=out,
        )  # fmt: skip


@pytest.mark.parametrize("case", sorted(set(CASES) - TEXT_READS - {"xlsx_named_csv"}))
@pytest.mark.parametrize("which", sorted(IMPORTERS))
def test_a_command_refuses_by_name_in_swedish_and_leaves_nothing(demo, tmp_path, which, case):
    importer = IMPORTERS[which]
    name, content = CASES[case](importer.rows, importer.ext)
    path = tmp_path / name
    path.write_bytes(content)
    before = importer.count()
    with pytest.raises(CommandError) as refused:
        _command(which, path)
    message = str(refused.value)
    assert name in message and str(tmp_path) not in message
    assert any(s in message for s in SWEDISH[refusal(importer, case)]), message
    assert importer.count() == before


@pytest.mark.parametrize("case", ["csv_named_xlsx", "truncated_xlsx", "random_bytes", "empty"])
def test_the_smhi_command_refuses_a_broken_file_by_name_and_imports_nothing(demo, tmp_path, case):
    name, content = CASES[case]([["x"], ["y"]], "xlsx")
    path = tmp_path / name
    path.write_bytes(content)
    before = Release.objects.count()
    with pytest.raises(CommandError, match=f"{name}: "):
        call_command("import_smhi", str(path))
    assert Release.objects.count() == before


@pytest.mark.parametrize("case", ["truncated_xlsx", "random_bytes", "empty", "long_field"])
def test_the_code_list_command_refuses_a_broken_file_by_name(tmp_path, case):
    """`import-municipalities` reads SCB's list as .xls, .xlsx or CSV, by its content."""
    name, content = CASES[case]([["Kod", "Namn"], ["1780", "Karlstad"]], "csv")
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=f"{name}: |{name}, rad "):
        call_command("import_municipalities", str(path))
