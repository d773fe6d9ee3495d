"""Pages for action plans: list, plan with its actions, action with its history, editor forms."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.followup import action_table, changes, plan_selectors, plan_services
from klimatkontrakt.followup.plan_forms import ActionForm, ActionImportForm, UpdateForm
from klimatkontrakt.followup.selectors import is_stale
from klimatkontrakt.organisations.access import can_edit, can_view_unpublished, require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError


def _ctx(request: HttpRequest, muni: Any, **extra: Any) -> dict[str, Any]:
    return {
        "municipality": muni,
        "active": "action_plans",
        "can_edit": can_edit(request.user, muni),
        "language": get_language() or "sv",
        **extra,
    }


def _add_errors(form: Form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    overviews = plan_selectors.plan_overviews(request.user, muni)
    return render(request, "followup/plan_list.html", _ctx(request, muni, overviews=overviews))


def plan_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = plan_selectors.plan_for(request.user, muni, pk)
    overview = plan_selectors.plan_overview(plan)
    deleted = (
        changes.deleted_actions(plan).select_related("user") if can_edit(request.user, muni) else []
    )
    return render(
        request,
        "followup/plan_detail.html",
        _ctx(request, muni, plan=plan, overview=overview, deleted=deleted),
    )


def action_detail(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = plan_selectors.action_for(request.user, muni, plan_pk, pk)
    return render(
        request,
        "followup/action_detail.html",
        _ctx(
            request,
            muni,
            plan=action.plan,
            action=action,
            links=plan_selectors.action_links(request.user, action),
            overdue=is_stale(action, timezone.now()),
        ),
    )


@login_required
def action_edit(
    request: HttpRequest, code: str, plan_pk: int, pk: int | None = None
) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = plan_selectors.plan_for(request.user, muni, plan_pk)
    require_edit(request.user, muni)
    action = plan_selectors.action_for(request.user, muni, plan_pk, pk) if pk else None
    if request.method == "POST":
        form = ActionForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                if action is None:
                    action = plan_services.create_action(request.user, plan, form.to_input())
                    messages.success(request, _("The action was added."))
                else:
                    action = plan_services.update_action(request.user, action, form.to_input())
                    messages.success(request, _("The action was saved."))
                return redirect("followup:action", code, plan.pk, action.pk)
            except ValidationError as exc:
                _add_errors(form, exc)
    else:
        form = ActionForm(initial=ActionForm.initial_for(action) if action else {}, plan=plan)
    return render(
        request,
        "followup/action_form.html",
        _ctx(request, muni, plan=plan, action=action, form=form),
    )


@login_required
def action_update(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = plan_selectors.action_for(request.user, muni, plan_pk, pk)
    require_edit(request.user, muni)
    language = get_language() or "sv"
    if request.method == "POST":
        form = UpdateForm(request.POST, action=action, language=language)
        if form.is_valid():
            try:
                plan_services.record_update(
                    request.user,
                    action,
                    status=form.cleaned_data["status"],
                    progress=form.cleaned_data["progress"],
                    text=form.cleaned_data["text"],
                )
                messages.success(request, _("The status update was saved."))
                return redirect("followup:action", code, plan_pk, action.pk)
            except ValidationError as exc:
                _add_errors(form, exc)
    else:
        initial = {"status": action.status_id, "progress": action.progress}
        form = UpdateForm(initial=initial, action=action, language=language)
    return render(
        request,
        "followup/update_form.html",
        _ctx(request, muni, plan=action.plan, action=action, form=form),
    )


def plan_export(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = plan_selectors.plan_for(request.user, muni, pk)
    response = HttpResponse(
        action_table.export_actions(plan, contact_emails=can_view_unpublished(request.user, muni)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="aktiviteter-{slugify(plan.title)}.xlsx"'
    )
    return response


@login_required
def plan_import(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = plan_selectors.plan_for(request.user, muni, pk)
    require_edit(request.user, muni)
    problems: list[str] = []
    form = ActionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = action_table.import_actions(
                plan, upload.read(), upload.name, user=request.user
            )
        except SourceError as exc:
            problems = [str(p) for p in exc.problems]
        else:
            if result.already_imported:
                messages.info(request, _("This file has already been imported; nothing changed."))
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s new actions, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
            return redirect("followup:plan", code, plan.pk)
    return render(
        request,
        "followup/plan_import.html",
        _ctx(request, muni, plan=plan, form=form, problems=problems),
    )


@login_required
def action_delete(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = plan_selectors.action_for(request.user, muni, plan_pk, pk)
    require_edit(request.user, muni)
    if request.method == "POST":
        plan_services.delete_action(request.user, action)
        messages.success(request, _("The action was deleted."))
        return redirect("followup:plan", code, plan_pk)
    return render(
        request,
        "followup/confirm_delete.html",
        _ctx(
            request,
            muni,
            plan=action.plan,
            heading=_("Delete the action %(label)s?")
            % {"label": f"{action.identifier} {action.title}"},
            explanation=_(
                "The action and its status updates are removed from the plan. The plan's change "
                "log keeps what was deleted, without the contact person."
            ),
            cancel_url=reverse("followup:action", args=[code, plan_pk, action.pk]),
        ),
    )
