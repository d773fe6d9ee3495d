"""Editors keep their municipality's action statuses on a page: rename, reorder, close, add,
and delete only what no action or status update uses."""

import pytest

from klimatkontrakt.plans import services as plans
from klimatkontrakt.plans.models import ActionStatus

pytestmark = pytest.mark.django_db

URL = "/kommun/1780/handlingsplaner/statusar/"


def _post_data(page, changes=None, new=None, delete=()):
    """The page's formset as submitted: every row as shown, with `changes` by key applied."""
    changes = changes or {}
    forms = page.context["formset"].forms
    data = {
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(sum(1 for f in forms if f.instance.pk)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(forms):
        status = form.instance
        if status.pk is None:
            row = {"order": 0, **(new or {})}  # a browser sends the empty row's default order
        else:
            row = {
                "id": status.pk,
                "name_sv": status.name_sv,
                "name_en": status.name_en,
                "order": status.order,
                "is_closed": status.is_closed,
                **changes.get(status.key, {}),
            }
            if status.key in delete:
                row["DELETE"] = True
        for name, value in row.items():
            if value is True:
                data[f"form-{i}-{name}"] = "on"
            elif value is not False:
                data[f"form-{i}-{name}"] = str(value)
    return data


def _keys(municipality):
    return list(
        ActionStatus.objects.filter(municipality=municipality).values_list("key", flat=True)
    )


def test_anonymous_is_sent_to_log_in(client, karlstad):
    r = client.get(URL)
    assert r.status_code == 302
    assert "/konto/logga-in/" in r["Location"]


def test_viewer_and_another_municipalitys_editor_are_refused(client, karlstad, viewer, outsider):
    for user in (viewer, outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"form-TOTAL_FORMS": "0"}).status_code == 403


def test_another_municipalitys_editor_cannot_change_its_statuses(
    client, karlstad, editor, outsider
):
    client.force_login(editor)
    data = _post_data(client.get(URL), changes={"postponed": {"name_sv": "Pausad"}})
    client.force_login(outsider)
    assert client.post(URL, data).status_code == 403
    assert ActionStatus.objects.get(municipality=karlstad, key="postponed").name_sv == "Uppskjuten"


def test_editor_renames_reorders_closes_and_adds(client, karlstad, editor):
    client.force_login(editor)
    page = client.get(URL)
    assert page.status_code == 200
    assert _keys(karlstad) == ["not_started", "in_progress", "postponed", "done", "cancelled"]
    data = _post_data(
        page,
        changes={
            "postponed": {"name_sv": "Pausad", "name_en": "Paused", "order": 9, "is_closed": True},
            "not_started": {"order": 1},
            "in_progress": {"order": 0},
        },
        new={"name_sv": "Under utredning", "name_en": "Being studied", "order": 5},
    )
    r = client.post(URL, data)
    assert r.status_code == 302 and r["Location"] == URL
    paused = ActionStatus.objects.get(municipality=karlstad, key="postponed")
    assert (paused.name_sv, paused.name_en, paused.is_closed) == ("Pausad", "Paused", True)
    assert _keys(karlstad) == [
        "in_progress",
        "not_started",
        "done",
        "cancelled",
        "being-studied",
        "postponed",
    ]
    assert "Statuslistan sparades." in client.get(URL).content.decode()


def test_a_new_status_never_takes_a_key_in_use(client, karlstad, editor):
    client.force_login(editor)
    data = _post_data(client.get(URL), new={"name_sv": "Klar", "name_en": "Done", "order": 7})
    assert client.post(URL, data).status_code == 302
    assert ActionStatus.objects.get(municipality=karlstad, name_sv="Klar").key == "done-2"


def test_a_status_in_use_is_not_deleted(client, karlstad, editor):
    plan = plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Avfallssamordnare"
    )
    plans.create_action(editor, plan, plans.ActionInput(identifier="U1", title="Matsvinn"))
    client.force_login(editor)
    data = _post_data(client.get(URL), delete=("not_started", "cancelled"))
    r = client.post(URL, data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Statusen ”Ej påbörjad” används och kan inte tas bort." in html
    assert 'class="error-summary"' in html
    # the whole change is refused: the unused status is not deleted either
    assert _keys(karlstad) == ["not_started", "in_progress", "postponed", "done", "cancelled"]


def test_an_unused_status_is_deleted(client, karlstad, editor):
    client.force_login(editor)
    data = _post_data(client.get(URL), delete=("cancelled",))
    assert client.post(URL, data).status_code == 302
    assert "cancelled" not in _keys(karlstad)


def test_the_last_status_is_kept(client, karlstad, editor):
    client.force_login(editor)
    page = client.get(URL)
    keys = _keys(karlstad)
    r = client.post(URL, _post_data(page, delete=keys))
    assert "Behåll minst en status." in r.content.decode()
    assert _keys(karlstad) == keys


def test_plan_list_links_editors_to_the_page(client, karlstad, editor):
    assert URL not in client.get("/kommun/1780/handlingsplaner/").content.decode()
    client.force_login(editor)
    assert URL in client.get("/kommun/1780/handlingsplaner/").content.decode()
