"""The municipality's change log page: for its administrators only, filtered by period, type
and person, paginated, with types, fields and values in words in Swedish and English."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.audit.services import log_change
from klimatkontrakt.training import services as trainings

pytestmark = pytest.mark.django_db

URL = "/kommun/1780/andringslogg/"


@pytest.fixture
def changed(client, admin_user, karlstad, department_factory):  # type: ignore[no-untyped-def]
    ks = department_factory(municipality=karlstad, name="Kommunstyrelsen", kind="namnd")
    t = trainings.record_training(
        admin_user, karlstad, held_on=date(2024, 4, 1), concept="Klimatkunskap",
        audience="staff", participants=1200,
    )  # fmt: skip
    client.force_login(admin_user)
    r = client.post(
        f"/kommun/1780/utbildningar/{t.pk}/redigera/",
        {"held_on": "2024-05-02", "concept": "Klimatkunskap", "audience": "body",
         "department": ks.pk, "participants": "1500"},
    )  # fmt: skip
    assert r.status_code == 302
    return t


def test_only_the_municipalitys_admins_read_it(
    client, changed, editor, viewer, outsider, user_factory, other_municipality
):
    other_admin = user_factory(
        username="annan", member_of=other_municipality, member_of__role="admin"
    )
    for user in (editor, viewer, outsider, other_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert URL not in client.get("/kommun/1780/").content.decode()
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page


def test_the_admin_reads_it_in_words_and_finds_it_in_the_navigation(client, changed):
    assert URL in client.get("/kommun/1780/").content.decode()
    sv = client.get(URL).content.decode()
    assert "Utbildning: " in sv and "Utbildade" in sv and "Kommunstyrelsen" in sv
    assert "Nämnd eller styrelse" in sv and "1\xa0200 → 1\xa0500" in sv
    assert "2024-04-01 → 2024-05-02" in sv and ">training.training<" not in sv
    assert "<dt>Indikator</dt>" in sv  # a reference without its own name: its model's name
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(URL).content.decode()
    assert "Training: " in en and "Board or committee" in en and "1,200 → 1,500" in en


def test_filters_and_pages(client, changed, admin_user, karlstad):
    for n in range(60):
        log_change(admin_user, karlstad, ChangeLogEntry.Action.DELETED, karlstad, label=f"x{n}")
    page1 = client.get(URL).content.decode()
    assert "Sida 1 av 2" in page1 and "sida=2" in page1
    typed = client.get(URL, {"typ": "training.training"}).content.decode()
    assert "Klimatkunskap" in typed and "x1<" not in typed
    assert "Klimatkunskap" not in client.get(URL, {"fran": "2999-01-01"}).content.decode()
    other = client.get(URL, {"konto": str(admin_user.pk + 1000)})
    assert other.status_code == 200 and "Klimatkunskap" not in other.content.decode()
    mine = client.get(URL, {"konto": str(admin_user.pk), "typ": "training.training"})
    assert "Klimatkunskap" in mine.content.decode()


def test_every_model_of_the_project_has_a_name_in_words():
    """The log names an object by its type: a model without a declared (translated) name would
    show its English class name on a Swedish page ("Activity record")."""
    from django.apps import apps

    from klimatkontrakt.audit.selectors import TYPE_NAMES

    unnamed = [
        m._meta.label_lower
        for m in apps.get_models()
        if m.__module__.startswith("klimatkontrakt.")
        and "verbose_name" not in m._meta.original_attrs
        and m._meta.label_lower not in TYPE_NAMES
    ]
    assert unnamed == []
