import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from klimatkontrakt.organisations import access


def test_roles_decide_reading_and_writing(karlstad, editor, viewer, outsider, admin_user):
    assert access.can_edit(editor, karlstad) and access.can_view_unpublished(editor, karlstad)
    assert access.can_view_unpublished(viewer, karlstad) and not access.can_edit(viewer, karlstad)
    assert not access.can_view_unpublished(outsider, karlstad)
    assert not access.can_edit(outsider, karlstad)
    assert access.can_admin(admin_user, karlstad) and not access.can_admin(editor, karlstad)
    assert not access.can_view_unpublished(AnonymousUser(), karlstad)


def test_require_edit_explains_why(karlstad, viewer):
    with pytest.raises(PermissionDenied, match="logga in"):
        access.require_edit(AnonymousUser(), karlstad)
    with pytest.raises(PermissionDenied, match="rollen redaktör i Karlstad"):
        access.require_edit(viewer, karlstad)
