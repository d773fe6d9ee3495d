import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from klimatkontrakt.organisations import access


def test_createuser_gives_a_role_in_the_municipality(karlstad, monkeypatch):
    monkeypatch.setenv("KLIMATKONTRAKT_PASSWORD", "ett-langt-losenord-42")
    call_command("createuser", "strateg", "--municipality", "1780", "--role", "editor")
    user = get_user_model().objects.get(username="strateg")
    assert user.check_password("ett-langt-losenord-42")
    assert access.can_edit(user, karlstad)


def test_createuser_refuses_unknown_municipality_and_duplicates(karlstad, monkeypatch):
    monkeypatch.setenv("KLIMATKONTRAKT_PASSWORD", "ett-langt-losenord-42")
    with pytest.raises(CommandError, match="No municipality with code 9999"):
        call_command("createuser", "x", "--municipality", "9999")
    call_command("createuser", "strateg")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "strateg")
