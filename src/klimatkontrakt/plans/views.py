"""Pages for action plans: list, plan with its actions, action with its history, editor forms
and the municipality's action statuses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.audit.selectors import entries_for
from klimatkontrakt.documents.tables import attachment
from klimatkontrakt.organisations.access import can_edit, can_view_unpublished, require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.plans import changes, selectors, services, workbook
from klimatkontrakt.plans.forms import ActionForm, ActionImportForm, UpdateForm
from klimatkontrakt.plans.models import ActionImport, ActionStatus
from klimatkontrakt.plans.selectors import is_stale
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.web.pages import add_validation_errors, confirm_delete, municipality_context
from klimatkontrakt.web.status_lists import status_list_page


def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    overviews = selectors.plan_overviews(request.user, muni)
    return render(
        request,
        "plans/plan_list.html",
        municipality_context(request, muni, "action_plans", overviews=overviews),
    )


@login_required
def statuses(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    services.ensure_action_statuses(muni)
    return status_list_page(
        request,
        muni,
        ActionStatus,
        flag="is_closed",
        can_delete=True,
        active="action_plans",
        heading=_("Action statuses"),
        intro=_(
            "The statuses this municipality uses for the actions of its plans. Closed actions are "
            "not asked for updates. A status that an action or a status update uses cannot be "
            "deleted."
        ),
    )


def plan_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, pk)
    overview = selectors.plan_overview(plan)
    deleted = (
        changes.deleted_actions(plan).select_related("user") if can_edit(request.user, muni) else []
    )
    return render(
        request,
        "plans/plan_detail.html",
        municipality_context(
            request, muni, "action_plans", plan=plan, overview=overview, deleted=deleted
        ),
    )


def action_detail(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = selectors.action_for(request.user, muni, plan_pk, pk)
    return render(
        request,
        "plans/action_detail.html",
        municipality_context(
            request,
            muni,
            "action_plans",
            plan=action.plan,
            action=action,
            links=selectors.action_links(request.user, action),
            overdue=is_stale(action, timezone.now()),
        ),
    )


@login_required
def action_edit(
    request: HttpRequest, code: str, plan_pk: int, pk: int | None = None
) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, plan_pk)
    require_edit(request.user, muni)
    action = selectors.action_for(request.user, muni, plan_pk, pk) if pk else None
    if request.method == "POST":
        form = ActionForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                if action is None:
                    action = services.create_action(request.user, plan, form.to_input())
                    messages.success(request, _("The action was added."))
                else:
                    action = services.update_action(request.user, action, form.to_input())
                    messages.success(request, _("The action was saved."))
                return redirect("plans:action", code, plan.pk, action.pk)
            except ValidationError as exc:
                add_validation_errors(form, exc)
    else:
        form = ActionForm(initial=ActionForm.initial_for(action) if action else {}, plan=plan)
    return render(
        request,
        "plans/action_form.html",
        municipality_context(request, muni, "action_plans", plan=plan, action=action, form=form),
    )


@login_required
def action_update(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = selectors.action_for(request.user, muni, plan_pk, pk)
    require_edit(request.user, muni)
    language = get_language() or "sv"
    if request.method == "POST":
        form = UpdateForm(request.POST, action=action, language=language)
        if form.is_valid():
            try:
                services.record_update(
                    request.user,
                    action,
                    status=form.cleaned_data["status"],
                    progress=form.cleaned_data["progress"],
                    text=form.cleaned_data["text"],
                )
                messages.success(request, _("The status update was saved."))
                return redirect("plans:action", code, plan_pk, action.pk)
            except ValidationError as exc:
                add_validation_errors(form, exc)
    else:
        initial = {"status": action.status_id, "progress": action.progress}
        form = UpdateForm(initial=initial, action=action, language=language)
    return render(
        request,
        "plans/update_form.html",
        municipality_context(
            request, muni, "action_plans", plan=action.plan, action=action, form=form
        ),
    )


def plan_export(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, pk)
    return attachment(
        workbook.export_actions(plan, contact_emails=can_view_unpublished(request.user, muni)),
        f"aktiviteter-{slugify(plan.title)}.xlsx",
    )


@login_required
def plan_import(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, pk)
    require_edit(request.user, muni)
    problems: list[str] = []
    form = ActionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = workbook.import_actions(plan, upload.read(), upload.name, user=request.user)
        except SourceError as exc:
            problems = exc.messages
        else:
            if result.already_imported:
                messages.info(request, _("This file has already been imported; nothing changed."))
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s new actions, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
            return redirect("plans:detail", code, plan.pk)
    return render(
        request,
        "plans/plan_import.html",
        municipality_context(
            request,
            muni,
            "action_plans",
            plan=plan,
            form=form,
            problems=problems,
            imports=plan.imports.select_related("imported_by").order_by("-imported_at"),
            changes=entries_for(muni, ("plans.actionimport",)),
        ),
    )


@login_required
def plan_import_delete(request: HttpRequest, code: str, pk: int, import_pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    plan = selectors.plan_for(request.user, muni, pk)
    require_edit(request.user, muni)
    record = get_object_or_404(ActionImport, plan=plan, pk=import_pk)
    import_url = reverse("plans:import", args=[code, plan.pk])
    return confirm_delete(
        request,
        muni,
        "action_plans",
        delete=lambda: workbook.delete_import(request.user, record),
        deleted=_("The import was removed."),
        done_url=import_url,
        heading=_("Remove the import of %(file)s?") % {"file": record.filename},
        explanation=_(
            "The %(n)s actions this file added to the plan are removed with their status "
            "updates; actions it only updated keep their current values. The change log keeps "
            "who removed it and when."
        )
        % {"n": record.created_actions.count()},
        cancel_url=import_url,
        plan=plan,
    )


@login_required
def action_delete(request: HttpRequest, code: str, plan_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    action = selectors.action_for(request.user, muni, plan_pk, pk)
    require_edit(request.user, muni)
    return confirm_delete(
        request,
        muni,
        "action_plans",
        delete=lambda: services.delete_action(request.user, action),
        deleted=_("The action was deleted."),
        done_url=reverse("plans:detail", args=[code, plan_pk]),
        heading=_("Delete the action %(label)s?")
        % {"label": f"{action.identifier} {action.title}"},
        explanation=_(
            "The action and its status updates are removed from the plan. The plan's change "
            "log keeps what was deleted, without the contact person."
        ),
        cancel_url=reverse("plans:action", args=[code, plan_pk, action.pk]),
        plan=action.plan,
    )
