"""An action import made by mistake can be removed: the actions it created go, after a
confirmation page, with a change log entry; a refused file leaves no import record."""

import pytest

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import Action, ActionImport, FollowupChange
from klimatkontrakt.plans.workbook import import_actions
from klimatkontrakt.sources.errors import SourceError
from tests.plans.test_action_import import GOOD, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(karlstad, editor, department_factory):  # type: ignore[no-untyped-def]
    department_factory(municipality=karlstad, name="Miljöförvaltningen", short_name="MF")
    return plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Samordnare",
        work_packages=[("U1", "Förebygga"), ("U2", "Återbruk")],
    )  # fmt: skip


def test_removing_an_import_removes_the_actions_it_created(client, plan, editor):
    existing = xlsx(["U1.1", "Fanns före", "U1", "MF", None, None, "", None, ""])
    import_actions(plan, existing, "forsta.xlsx", user=editor)
    result = import_actions(plan, GOOD, "aktiviteter.xlsx", user=editor)
    assert (result.created, result.updated) == (1, 1)
    record = ActionImport.objects.get(filename="aktiviteter.xlsx")
    client.force_login(editor)
    url = f"/kommun/1780/handlingsplaner/{plan.pk}/import/{record.pk}/ta-bort/"
    import_page = client.get(f"/kommun/1780/handlingsplaner/{plan.pk}/import/").content.decode()
    assert url in import_page
    confirm = client.get(url)
    assert confirm.status_code == 200 and "aktiviteter.xlsx" in confirm.content.decode()
    assert client.post(url).status_code == 302
    assert list(Action.objects.values_list("identifier", flat=True)) == ["U1.1"]
    assert not ActionImport.objects.filter(pk=record.pk).exists()
    entry = ChangeLogEntry.objects.exclude(action="imported").get()
    assert (entry.actor, entry.object_type, entry.action) == (
        editor.pk,
        "plans.actionimport",
        "import_deleted",
    )
    assert entry.before["actions_removed"] == ["U2.1"]
    assert FollowupChange.objects.filter(what="deleted").count() == 1


def test_viewers_cannot_remove_an_import(client, plan, editor, viewer):
    import_actions(plan, GOOD, "aktiviteter.xlsx", user=editor)
    record = ActionImport.objects.get()
    client.force_login(viewer)
    url = f"/kommun/1780/handlingsplaner/{plan.pk}/import/{record.pk}/ta-bort/"
    assert client.post(url).status_code == 403
    assert (
        Action.objects.count() == 2
        and not ChangeLogEntry.objects.exclude(action="imported").exists()
    )


def test_a_refused_file_leaves_no_import_record(plan, editor):
    with pytest.raises(SourceError):
        import_actions(plan, xlsx(["U1.1", "", "", "", None, None, "", None, ""]), "f.xlsx",
                       user=editor)  # fmt: skip
    assert not ActionImport.objects.exists() and not Action.objects.exists()
