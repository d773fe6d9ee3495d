import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, user_factory):
    user_factory(username="anna")
    r = client.post(reverse("login"), {"username": "anna", "password": "a-long-test-password-1"})
    assert r.status_code == 302
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_login(client, settings, user_factory):
    user_factory(username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "anna", "password": "wrong"})
    r = client.post(reverse("login"), {"username": "anna", "password": "a-long-test-password-1"})
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, user_factory):
    user_factory(username="anna", email="anna@karlstad.example")
    r = client.post(reverse("password_reset"), {"email": "anna@karlstad.example"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    assert "/konto/aterstall/" in mail.outbox[0].body


def test_password_change_needs_the_old_password(client, user_factory):
    u = user_factory(username="anna")
    client.force_login(u)
    r = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "nytt-langt-losen-77",
            "new_password2": "nytt-langt-losen-77",
        },
    )
    assert r.status_code == 200
    u.refresh_from_db()
    assert u.check_password("a-long-test-password-1")
    r = client.post(
        reverse("password_change"),
        {
            "old_password": "a-long-test-password-1",
            "new_password1": "nytt-langt-losen-77",
            "new_password2": "nytt-langt-losen-77",
        },
    )
    assert r.status_code == 302
    u.refresh_from_db()
    assert u.check_password("nytt-langt-losen-77")
