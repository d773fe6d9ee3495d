"""Actions in and out of XLSX: documented columns, all or nothing, same file twice counts once."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionImport, ActionUpdate
from klimatkontrakt.plans.workbook import export_actions, import_actions
from klimatkontrakt.sources.errors import SourceError

pytestmark = pytest.mark.django_db

HEADER = ["identifier", "title", "work_package", "responsible_department", "start_date",
          "end_date", "status", "progress", "contact_email"]  # fmt: skip


def xlsx(*rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def plan(karlstad, editor, department_factory):
    department_factory(
        municipality=karlstad, name="Miljöförvaltningen", short_name="MF", kind="forvaltning"
    )
    return plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Samordnare",
        work_packages=[("U1", "Förebygga"), ("U2", "Återbruk")],
    )  # fmt: skip


GOOD = xlsx(
    ["U1.1", "Minska matsvinnet", "U1", "MF", date(2024, 1, 1), "2025-12-31", "Pågår", 30, ""],
    ["U2.1", "Återbruksgalleria", "u2", "", None, None, "", None, "a@karlstad.se"],
)


def test_import_creates_actions_with_their_update_and_twice_counts_once(plan, editor):
    result = import_actions(plan, GOOD, "aktiviteter.xlsx", user=editor)
    assert (result.created, result.updated) == (2, 0)
    a = Action.objects.get(plan=plan, identifier="U1.1")
    assert a.work_package.code == "U1" and a.responsible_department.short_name == "MF"
    assert a.status.key == "in_progress" and a.progress == 30
    assert a.end_date == date(2025, 12, 31)
    assert ActionUpdate.objects.get(action=a).text == "Importerad från aktiviteter.xlsx"
    again = import_actions(plan, GOOD, "aktiviteter.xlsx", user=editor)
    assert again.already_imported
    assert Action.objects.filter(plan=plan).count() == 2
    assert ActionUpdate.objects.count() == 1 and ActionImport.objects.count() == 1


def test_bad_rows_are_named_and_nothing_changes(plan, editor):
    bad = xlsx(
        ["U1.1", "Bra rad", "U1", "MF", None, None, "", None, ""],
        ["U1.2", "", "U9", "Okänd förvaltning", "1 jan", None, "klar typ", 150, "inte-epost"],
        ["U1.1", "Dubblett", "", "", None, None, "", None, ""],
    )
    with pytest.raises(SourceError) as err:
        import_actions(plan, bad, "fel.xlsx", user=editor)
    text = str(err.value)
    assert "fel.xlsx, rad 3, kolumn title: får inte vara tom" in text
    assert "rad 3, kolumn start_date" in text and "rad 3, kolumn progress" in text
    assert "rad 3, kolumn contact_email" in text
    assert "rad 4, kolumn identifier: används redan på rad 2" in text
    assert not Action.objects.exists() and not ActionImport.objects.exists()


def test_unknown_package_department_and_status_refuse_the_file(plan, editor):
    bad = xlsx(["U1.1", "Titel", "U9", "Okänd", None, None, "klar typ", 10, ""])
    with pytest.raises(SourceError) as err:
        import_actions(plan, bad, "fel.xlsx", user=editor)
    columns = {p.column for p in err.value.problems}
    assert columns == {"work_package", "responsible_department", "status"}
    assert not Action.objects.exists()


def test_missing_and_unknown_columns_are_reported(plan, editor):
    with pytest.raises(SourceError) as err:
        import_actions(plan, xlsx(["x"], header=["titel"]), "f.xlsx", user=editor)
    assert {(p.row, p.column) for p in err.value.problems} == {
        (1, "identifier"), (1, "title"), (1, "titel")
    }  # fmt: skip


def test_not_a_workbook(plan, editor):
    with pytest.raises(SourceError, match="inte en Excel-arbetsbok"):
        import_actions(plan, b"identifier;title\n", "f.xlsx", user=editor)


def test_import_needs_the_editor_role(plan, viewer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_actions(plan, GOOD, "a.xlsx", user=viewer)


def test_export_reads_back_and_updates_by_identifier(plan, editor):
    import_actions(plan, GOOD, "a.xlsx", user=editor)
    exported = export_actions(plan)
    ws = load_workbook(io.BytesIO(exported)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("identifier", "title")
    assert rows[1][0] == "U1.1" and "in_progress" in rows[1]
    wb = load_workbook(io.BytesIO(exported))
    wb.active["B2"] = "Halvera matsvinnet"
    buf = io.BytesIO()
    wb.save(buf)
    result = import_actions(plan, buf.getvalue(), "b.xlsx", user=editor)
    assert (result.created, result.updated) == (0, 2)
    assert Action.objects.get(identifier="U1.1").title == "Halvera matsvinnet"
    assert ActionUpdate.objects.count() == 1  # unchanged status and progress add no update


def test_import_page_refuses_with_messages_and_accepts(editor_client, plan):
    url = f"/kommun/1780/handlingsplaner/{plan.pk}/import/"
    bad = io.BytesIO(xlsx(["U1.1", "", "", "", None, None, "", None, ""]))
    bad.name = "fel.xlsx"
    r = editor_client.post(url, {"file": bad})
    assert r.status_code == 200 and "fel.xlsx, rad 2, kolumn title" in r.content.decode()
    good = io.BytesIO(GOOD)
    good.name = "bra.xlsx"
    assert editor_client.post(url, {"file": good}).status_code == 302
    assert Action.objects.filter(plan=plan).count() == 2
    r = editor_client.get(f"/kommun/1780/handlingsplaner/{plan.pk}/aktiviteter.xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(r.content)).active["A2"].value == "U1.1"


def test_commands_import_and_export(plan, tmp_path):
    path = tmp_path / "aktiviteter.xlsx"
    path.write_bytes(GOOD)
    out = io.StringIO()
    call_command("import_actions", str(path), municipality="1780", plan="Avfallsplan", stdout=out)
    assert "2 actions created" in out.getvalue()
    call_command("import_actions", str(path), municipality="1780", plan="Avfallsplan", stdout=out)
    assert "already imported" in out.getvalue()
    target = tmp_path / "ut.xlsx"
    call_command("export_actions", municipality="1780", plan="Avfallsplan", out=str(target),
                 stdout=out)  # fmt: skip
    assert load_workbook(target).active.max_row == 3
    with pytest.raises(CommandError, match="No action plan"):
        call_command("import_actions", str(path), municipality="1780", plan="Finns inte")
