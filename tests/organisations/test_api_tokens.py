"""API tokens: created, listed and revoked on "Mina uppgifter", by the service and by the
`create-token` command; sent as `Authorization: Bearer`, acting with the user's roles only."""

import datetime
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from klimatkontrakt.audit.models import ChangeLogEntry
from klimatkontrakt.organisations import tokens
from klimatkontrakt.organisations.models import ApiToken
from klimatkontrakt.organisations.selectors import personal_data
from klimatkontrakt.organisations.services import erase_user
from klimatkontrakt.training import services as trainings
from klimatkontrakt.training.models import Training

pytestmark = pytest.mark.django_db

NOTE = "Intern anteckning 4f2a"
DRAFT = "/api/contracts/1780/versions/2023"


def bearer(secret: str, **kw) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"}, **kw)


@pytest.fixture
def staff_training(karlstad, editor):
    return trainings.record_training(
        editor, karlstad, held_on=date(2024, 4, 1), concept="Klimatsmart resande",
        audience="staff", participants=12, note=NOTE,
    )  # fmt: skip


# The service


def test_a_token_is_stored_hashed_and_shown_once(editor):
    issued = tokens.create_token(editor, "Rapportskript", "read")
    t = issued.token
    assert issued.secret.startswith(f"kk_{t.prefix}_") and len(issued.secret) > 40
    row = ApiToken.objects.filter(pk=t.pk).values().get()
    assert issued.secret not in json.dumps(row, default=str)
    assert row["secret_hash"] != issued.secret and len(row["secret_hash"]) == 64
    assert t.expires - t.created == datetime.timedelta(days=tokens.DEFAULT_DAYS)
    assert tokens.authenticate(issued.secret) == t


@pytest.mark.parametrize(
    "name, scope, days",
    [("", "read", 90), ("x" * 101, "read", 90), ("a", "admin", 90), ("a", "read", 0),
     ("a", "write", tokens.MAX_DAYS + 1), ("a", "read", -5)],
)  # fmt: skip
def test_the_service_refuses_bad_input(editor, name, scope, days):
    with pytest.raises(ValueError):
        tokens.create_token(editor, name, scope, days)
    assert not ApiToken.objects.exists()


def test_unknown_altered_expired_and_revoked_tokens_are_refused(editor):
    issued = tokens.create_token(editor, "Skript", "read", days=1)
    url = "/api/trainings/?municipality=1780"
    assert bearer(issued.secret).get(url).status_code == 200
    for bad in ["nonsense", "kk_00000000_abc", issued.secret[:-1] + "x", ""]:
        r = bearer(bad).get(url)
        assert r.status_code == 401, bad
        assert r.json()["detail"] == "Invalid API token"
        assert r["WWW-Authenticate"].startswith("Bearer")
    ApiToken.objects.filter(pk=issued.token.pk).update(expires=timezone.now())
    r = bearer(issued.secret).get(url)
    assert r.status_code == 401 and "expired" in r.json()["detail"]
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires=timezone.now() + datetime.timedelta(days=1)
    )
    tokens.revoke_token(issued.token, actor=editor)
    r = bearer(issued.secret).get(url)
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_a_token_of_an_inactive_account_is_refused(editor):
    issued = tokens.create_token(editor, "Skript", "write")
    editor.is_active = False
    editor.save()
    assert bearer(issued.secret).get("/api/trainings/?municipality=1780").status_code == 401


def test_use_is_recorded_as_last_used(editor):
    issued = tokens.create_token(editor, "Skript", "read")
    assert issued.token.last_used is None
    bearer(issued.secret).get("/api/")
    issued.token.refresh_from_db()
    assert issued.token.last_used is not None
    assert timezone.now() - issued.token.last_used < datetime.timedelta(minutes=1)


def test_a_bearer_header_on_a_page_is_ignored(editor):
    """Pages keep to sessions: a token does not log anyone in to the web interface."""
    issued = tokens.create_token(editor, "Skript", "write")
    r = bearer(issued.secret).get("/konto/mina-uppgifter/")
    assert r.status_code == 302 and "/konto/logga-in/" in r["Location"]


# Reading with a token: the user's roles, no more


def test_members_tokens_read_the_citys_unpublished_data(
    viewer, outsider, user_factory, version_2023, staff_training
):
    from klimatkontrakt.organisations.services import grant_role
    from tests.organisations.factories import OrganisationFactory

    member = tokens.create_token(viewer, "Läsare", "read").secret
    r = bearer(member).get(DRAFT)
    assert r.status_code == 200
    staff = bearer(member).get("/api/trainings/", {"municipality": "1780"}).json()
    assert [t["note"] for t in staff["staff_trainings"]] == [NOTE]

    agency = user_factory(username="myndighet")
    grant_role(agency, OrganisationFactory(kind="agency", slug="formas", name="Formas"), "editor")
    for user in (outsider, agency):
        for scope in ("read", "write"):
            secret = tokens.create_token(user, "Nyfiken", scope).secret
            assert bearer(secret).get(DRAFT).status_code == 404
            data = bearer(secret).get("/api/trainings/", {"municipality": "1780"}).json()
            assert data["staff_trainings"] == [] and NOTE not in json.dumps(data)
    assert Client().get(DRAFT).status_code == 404


# Writing with a token


def test_a_write_token_writes_with_its_users_role_without_csrf(editor, viewer, karlstad):
    body = {"held_on": "2024-05-02", "concept": "Klimatkunskap", "audience": "staff"}
    writer = bearer(tokens.create_token(editor, "Skript", "write").secret)
    writer.handler.enforce_csrf_checks = True
    r = writer.post("/api/trainings/?municipality=1780", body, content_type="application/json")
    assert r.status_code == 201, r.content
    training = Training.objects.get(concept="Klimatkunskap")
    entry = ChangeLogEntry.objects.get(object_type="training.training", object_id=str(training.pk))
    assert entry.actor == editor.pk  # the change log names the token's user

    # A viewer's write token still has only the viewer's role.
    viewer_writer = bearer(tokens.create_token(viewer, "Skript", "write").secret)
    r = viewer_writer.post(
        "/api/trainings/?municipality=1780", body, content_type="application/json"
    )
    assert r.status_code == 403
    assert Training.objects.count() == 1


def test_session_writes_still_need_the_csrf_token(editor):
    c = Client(enforce_csrf_checks=True)
    c.force_login(editor)
    body = {"held_on": "2024-05-02", "concept": "Klimatkunskap", "audience": "staff"}
    r = c.post("/api/trainings/?municipality=1780", body, content_type="application/json")
    assert r.status_code == 403
    assert not Training.objects.exists()


def test_a_read_token_cannot_write(admin_user, staff_training, version_2023):
    reader = bearer(tokens.create_token(admin_user, "Läsare", "read").secret)
    pk = staff_training.pk
    writes = [
        ("post", "/api/trainings/?municipality=1780",
         {"held_on": "2024-05-02", "concept": "Ny", "audience": "staff"}),
        ("patch", f"/api/trainings/{pk}?municipality=1780", {"participants": 99}),
        ("delete", f"/api/trainings/{pk}?municipality=1780", None),
        ("put", f"/api/organisations/municipalities/1780/visibility/contract_version/"
                f"{version_2023.pk}", {"visibility": "public"}),
        ("post", "/api/reports/1780/2023", {}),
    ]  # fmt: skip
    for method, url, body in writes:
        r = getattr(reader, method)(url, body, content_type="application/json")
        assert r.status_code == 403, f"{method} {url} -> {r.status_code}"
        assert "only read" in r.json()["detail"]
    staff_training.refresh_from_db()
    assert staff_training.participants == 12 and Training.objects.count() == 1
    version_2023.refresh_from_db()
    assert not version_2023.is_published
    # Reads go through.
    assert reader.get(DRAFT).status_code == 200
    assert reader.get("/api/").status_code == 200


# The page "Mina uppgifter"


def test_the_page_creates_shows_once_lists_and_revokes(client, editor):
    client.force_login(editor)
    page = client.get("/konto/mina-uppgifter/").content.decode()
    assert "API-nycklar" in page and "Du har inga API-nycklar." in page
    r = client.post(
        "/konto/mina-uppgifter/nycklar/", {"name": "Uppföljningsskript", "scope": "write",
                                           "days": "30"},
    )  # fmt: skip
    assert r.status_code == 200
    token = ApiToken.objects.get(user=editor)
    html = r.content.decode()
    secret = html.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(f"kk_{token.prefix}_") and "Kopiera den nu" in html
    assert token.scope == "write" and (token.expires - token.created).days == 30

    page = client.get("/konto/mina-uppgifter/").content.decode()
    assert secret not in page and "Uppföljningsskript" in page and f"kk_{token.prefix}" in page
    assert "Läsa och skriva" in page
    assert "<td>aldrig</td>" in page  # not used yet
    assert tokens.authenticate(secret) == token
    assert "<td>aldrig</td>" not in client.get("/konto/mina-uppgifter/").content.decode()

    r = client.post(f"/konto/mina-uppgifter/nycklar/{token.pk}/aterkalla/")
    assert r.status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None
    page = client.get("/konto/mina-uppgifter/").content.decode()
    assert "återkallad" in page
    assert bearer(secret).get("/api/").status_code == 401


def test_the_page_refuses_bad_input_and_others_tokens(client, editor, viewer):
    client.force_login(editor)
    r = client.post("/konto/mina-uppgifter/nycklar/", {"name": "x", "scope": "read", "days": "0"})
    assert r.status_code == 422 and not ApiToken.objects.exists()
    others = tokens.create_token(viewer, "Tittarens", "read").token
    r = client.post(f"/konto/mina-uppgifter/nycklar/{others.pk}/aterkalla/")
    assert r.status_code == 404
    others.refresh_from_db()
    assert others.revoked is None
    assert "Tittarens" not in client.get("/konto/mina-uppgifter/").content.decode()
    assert client.get("/konto/mina-uppgifter/nycklar/").status_code == 405


def test_anonymous_visitors_cannot_create_or_revoke(client, editor):
    t = tokens.create_token(editor, "Skript", "read").token
    form = {"name": "x", "scope": "read", "days": "9"}
    assert client.post("/konto/mina-uppgifter/nycklar/", form).status_code == 302
    assert client.post(f"/konto/mina-uppgifter/nycklar/{t.pk}/aterkalla/").status_code == 302
    assert ApiToken.objects.count() == 1 and ApiToken.objects.get().revoked is None


def test_the_section_is_in_english_too(client, editor):
    tokens.create_token(editor, "Script", "read")
    client.force_login(editor)
    client.post("/i18n/setlang/", {"language": "en"})
    page = client.get("/konto/mina-uppgifter/").content.decode()
    assert "API tokens" in page and "Create the token" in page and "Revoke" in page


# The command


def test_the_command_prints_a_new_token_once(editor):
    out, err = StringIO(), StringIO()
    call_command(
        "create_token", "editor", "--name", "Nattjobb", "--scope", "read", "--days", "7",
        stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = tokens.authenticate(secret)
    assert token.user == editor and token.name == "Nattjobb" and token.scope == "read"
    assert (token.expires - token.created).days == 7
    assert "shown only this once" in err.getvalue() and secret not in err.getvalue()
    # The default expiry, and refusals.
    call_command("create_token", "editor", "--name", "Standard", "--scope", "write", stdout=out)
    assert (ApiToken.objects.get(name="Standard").expires.date() - date.today()).days in (89, 90)
    with pytest.raises(CommandError, match="No user"):
        call_command("create_token", "ingen", "--name", "x", "--scope", "read")
    with pytest.raises(CommandError, match="1 till 365"):
        call_command("create_token", "editor", "--name", "x", "--scope", "read", "--days", "0")
    with pytest.raises(CommandError):
        call_command("create_token", "editor", "--name", "x", "--scope", "admin")


# The change log and personal data


def test_creation_and_revocation_are_in_the_change_log(client, editor):
    client.force_login(editor)
    client.post("/konto/mina-uppgifter/nycklar/", {"name": "Logg", "scope": "read", "days": "5"})
    token = ApiToken.objects.get()
    client.post(f"/konto/mina-uppgifter/nycklar/{token.pk}/aterkalla/")
    call_command("create_token", "editor", "--name", "Drift", "--scope", "read", stdout=StringIO())
    entries = ChangeLogEntry.objects.filter(object_type="organisations.apitoken").order_by("pk")
    assert [(e.action, e.actor, e.object_id) for e in entries] == [
        ("created", editor.pk, str(token.pk)),
        ("updated", editor.pk, str(token.pk)),
        ("created", None, str(ApiToken.objects.get(name="Drift").pk)),
    ]
    assert entries[0].after["scope"] == "read" and entries[1].after["revoked"]
    logged = json.dumps([(e.label, e.before, e.after) for e in entries])
    for t in ApiToken.objects.all():
        assert t.secret_hash not in logged


def test_tokens_are_in_the_personal_data_export_and_erased(client, editor):
    issued = tokens.create_token(editor, "Export", "write")
    data = personal_data(editor)
    (row,) = data["api_tokens"]
    assert row["name"] == "Export" and row["prefix"] == issued.token.prefix
    assert row["scope"] == "write" and row["revoked"] is None
    dumped = json.dumps(data)
    assert issued.secret not in dumped and issued.token.secret_hash not in dumped
    client.force_login(editor)
    download = client.get("/konto/mina-uppgifter/", {"format": "json"}).content.decode()
    assert issued.token.prefix in download and issued.token.secret_hash not in download
    erase_user(editor)
    assert not ApiToken.objects.exists()
    assert bearer(issued.secret).get("/api/").status_code == 401
