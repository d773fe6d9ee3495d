"""Login throttling through the login page: the three shapes of a guessing attack, and the
client's address behind the TLS proxy (docs/deployment.md, "Login throttling")."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.organisations.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"
LOCKED = 429
PROXY = "10.0.0.9"  # the TLS proxy as the application sees it


def login(client: Client, username: str, password: str, address: str, **meta: str) -> int:
    response = client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **meta
    )
    return response.status_code


def logged_in(status: int) -> bool:
    return status == 302


def refused(i: int, limit: int) -> int:
    """The status of the i-th failed attempt: the form again, and the lock at the limit."""
    return LOCKED if i == limit - 1 else 200


@pytest.fixture
def limit(settings) -> int:
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def anna(user_factory):
    return user_factory(username="anna")


@pytest.fixture
def bertil(user_factory):
    return user_factory(username="bertil")


def test_one_account_from_one_address_is_locked(client, anna, limit):
    for i in range(limit):
        assert login(client, "anna", "wrong", "192.0.2.1") == refused(i, limit)
    assert login(client, "anna", PASSWORD, "192.0.2.1") == LOCKED


def test_one_password_against_many_accounts_locks_the_address(client, anna, bertil, limit):
    for i in range(limit):
        assert login(client, f"user{i}", "Sommar2024!", "192.0.2.2") == refused(i, limit)
    # The address is locked for every account, a real one with its right password included ...
    assert login(client, "anna", PASSWORD, "192.0.2.2") == LOCKED
    # ... while the same account from elsewhere is not.
    assert logged_in(login(Client(), "anna", PASSWORD, "192.0.2.3"))


def test_one_account_from_many_addresses_locks_the_account(client, anna, bertil, limit):
    for i in range(limit):
        assert login(Client(), "anna", f"guess{i}", f"198.51.100.{i + 1}") == refused(i, limit)
    # A new address with the right password does not get in while the lock lasts ...
    assert login(client, "anna", PASSWORD, "198.51.100.200") == LOCKED
    # ... other accounts from those addresses are not affected.
    assert logged_in(login(Client(), "bertil", PASSWORD, "198.51.100.1"))


def test_a_forwarded_for_header_is_ignored_without_a_configured_proxy(client, anna, limit):
    # Without KLIMATKONTRAKT_TRUSTED_PROXY_HEADER the client's own header changes nothing: the
    # attacker cannot pose as a new address on every attempt.
    for i in range(limit):
        status = login(
            Client(), f"user{i}", "x", "203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 50}"
        )
        assert status == refused(i, limit)
    assert (
        login(client, "anna", PASSWORD, "203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.99") == LOCKED
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_behind_the_proxy_the_configured_header_gives_the_address(
    settings, client, anna, bertil, limit
):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy. The attacker puts a fresh false address in front of
    # the one the proxy appends; only the proxy's entry counts, so the attacker is locked ...
    for i in range(limit):
        forwarded = f"192.0.2.{i + 1}, 203.0.113.7"
        status = login(Client(), f"user{i}", "x", PROXY, HTTP_X_FORWARDED_FOR=forwarded)
        assert status == refused(i, limit)
    assert (
        login(client, "anna", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.7")
        == LOCKED
    )
    # ... and a colleague behind the same proxy from another address is not.
    assert logged_in(
        login(Client(), "bertil", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_two_proxies_and_a_malformed_header(settings, anna):
    from django.test import RequestFactory

    from klimatkontrakt.web.security import client_address

    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    rf = RequestFactory()
    two = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.0.0.8")
    assert client_address(two) == "203.0.113.7"
    garbage = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="x, not-an-address")
    assert client_address(garbage) == PROXY
    direct = rf.get("/", REMOTE_ADDR="127.0.0.1")
    assert client_address(direct) == "127.0.0.1"
