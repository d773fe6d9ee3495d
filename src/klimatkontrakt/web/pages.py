"""What every page of a municipality's site needs, and how a refused write reaches a form or
the user: the page context, field errors, the delete confirmation and a button's message.
They live in `web/`, which every app's views may import, so no app imports another's views."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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


def add_validation_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field when the form has one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def refusal_text(exc: Exception) -> str:
    """Why a service refused, in one line: a ValidationError's messages, else the error's text."""
    return "; ".join(getattr(exc, "messages", [str(exc)]))


def write_and_tell(
    request: HttpRequest,
    write: Callable[[], object],
    *,
    success: str,
    refused: type[Exception] | tuple[type[Exception], ...],
) -> bool:
    """Do the write a button asked for and tell the user: `success`, or why it was refused.
    Returns whether it was done."""
    try:
        write()
    except refused as exc:
        messages.error(request, refusal_text(exc))
        return False
    messages.success(request, success)
    return True


def confirm_delete(
    request: HttpRequest,
    muni: Municipality,
    active: str,
    *,
    delete: Callable[[], object],
    deleted: str,
    done_url: str,
    heading: str,
    explanation: str,
    cancel_url: str,
    **extra: Any,
) -> HttpResponse:
    """Ask before a delete (GET); on POST delete, say `deleted` and go to `done_url`. The caller
    has checked the user's role and found the object."""
    if request.method == "POST":
        delete()
        messages.success(request, deleted)
        return redirect(done_url)
    return render(
        request,
        "web/confirm_delete.html",
        municipality_context(
            request,
            muni,
            active,
            heading=heading,
            explanation=explanation,
            cancel_url=cancel_url,
            **extra,
        ),
    )


def year_ranges(years: Iterable[int]) -> str:
    """How a page names a set of years: 2025, 2027, 2028, 2029 → "2025, 2027–2029"."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
