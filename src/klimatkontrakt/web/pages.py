"""What every page of a municipality's site needs, and how a refused write reaches a form."""

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import get_language

from klimatkontrakt.organisations.access import can_edit
from klimatkontrakt.organisations.models import Municipality


def municipality_context(
    request: HttpRequest, muni: Municipality, active: str, **extra: Any
) -> dict[str, Any]:
    """The template context of a municipality page; `active` names its navigation entry."""
    return {
        "municipality": muni,
        "active": active,
        "can_edit": can_edit(request.user, muni),
        "language": get_language() or "sv",
        **extra,
    }


def add_validation_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field when the form has one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)
