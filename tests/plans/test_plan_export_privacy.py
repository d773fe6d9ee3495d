"""The plan's XLSX download: contact e-mail addresses go to the municipality's members only,
as on the action page (a published plan is open to everyone)."""

import io

import pytest
from openpyxl import load_workbook

from klimatkontrakt.plans import services as plans

pytestmark = pytest.mark.django_db

EMAIL = "lisa.kontakt@karlstad.se"


@pytest.fixture
def plan(karlstad, editor):
    p = plans.create_plan(
        editor, karlstad, kind="waste", title="Avfallsplan", owner_name="Avfallssamordnare",
        is_published=True,
    )  # fmt: skip
    plans.create_action(
        editor, p, plans.ActionInput("1.1", "Matsvinn", contact_name="Lisa", contact_email=EMAIL)
    )
    return p


def _rows(client, plan):
    r = client.get(f"/kommun/1780/handlingsplaner/{plan.pk}/aktiviteter.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_public_download_has_no_contact_email(client, plan, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    [row] = _rows(client, plan)
    assert row["identifier"] == "1.1" and row["contact_name"] == "Lisa"
    assert not row["contact_email"]


def test_members_download_the_contact_email(client, plan, viewer):
    client.force_login(viewer)
    [row] = _rows(client, plan)
    assert row["contact_email"] == EMAIL
