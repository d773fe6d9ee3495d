"""The one file-import routine: role check, hash, once per target, one transaction, record."""

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from klimatkontrakt.investments.models import InvestmentPlan, Measure, MeasureImport
from klimatkontrakt.investments.services import import_measures
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionImport
from klimatkontrakt.plans.workbook import import_actions
from klimatkontrakt.sources.errors import SourceError

pytestmark = pytest.mark.django_db

MEASURES = (
    b"name;sector;department;start_year;lifetime_years;capex_sek;opex_change_sek_per_year;"
    b"reduction_t_per_year\nLED;Fastighetsenergi;TFF;2025;15;600000;-90000;8,5\n"
)


def investment_plan(municipality, name="Plan"):  # type: ignore[no-untyped-def]
    plan = InvestmentPlan.objects.create(
        municipality=municipality, name=name, scope=InvestmentPlan.Scope.GROUP, base_year=2025
    )
    plan.baseline.create(sector="Fastighetsenergi", base_t=1000)  # the sector the file names
    return plan


def test_a_user_without_the_editor_role_is_refused_and_nothing_is_recorded(
    karlstad, viewer, outsider
):
    plan = investment_plan(karlstad)
    for user in (None, viewer, outsider):
        with pytest.raises(PermissionDenied):
            import_measures(plan, MEASURES, "m.csv", user=user)
    assert not Measure.objects.exists() and not MeasureImport.objects.exists()


def test_the_record_names_the_file_its_hash_its_rows_and_who(karlstad, editor):
    plan = investment_plan(karlstad)
    result = import_measures(plan, MEASURES, "åtgärder.csv", user=editor)
    assert (result.filename, result.rows, result.already_imported) == ("åtgärder.csv", 1, False)
    record = MeasureImport.objects.get(plan=plan)
    assert (record.filename, record.rows, record.imported_by) == ("åtgärder.csv", 1, editor)
    assert record.sha256 == hashlib.sha256(MEASURES).hexdigest()
    assert record.imported_at is not None


def test_a_command_run_is_recorded_as_no_one(karlstad):
    plan = investment_plan(karlstad)
    import_measures(plan, MEASURES, "m.csv", check_access=False)
    assert MeasureImport.objects.get(plan=plan).imported_by is None


def test_the_same_file_counts_once_per_target(karlstad, editor):
    first, second = investment_plan(karlstad), investment_plan(karlstad, "Andra planen")
    import_measures(first, MEASURES, "m.csv", user=editor)
    again = import_measures(first, MEASURES, "kopia.csv", user=editor)
    assert (again.created, again.updated, again.already_imported) == (0, 0, True)
    other = import_measures(second, MEASURES, "m.csv", user=editor)
    assert (other.created, other.already_imported) == (1, False)
    assert [r.plan for r in MeasureImport.objects.order_by("pk")] == [first, second]


def test_a_row_refused_while_storing_undoes_the_rows_before_it(karlstad, editor):
    plan = plans.create_plan(editor, karlstad, kind="waste", title="Avfallsplan", owner_name="X")
    wb = Workbook()
    wb.active.append(["identifier", "title"])
    wb.active.append(["A1", "Ett bra namn"])
    wb.active.append(["A2", "x" * 301])  # longer than an action's title may be
    data = io.BytesIO()
    wb.save(data)
    with pytest.raises(SourceError, match="a.xlsx, rad 3, kolumn title"):
        import_actions(plan, data.getvalue(), "a.xlsx", user=editor)
    assert not Action.objects.exists() and not ActionImport.objects.exists()
