"""Staff pages of proposals: the work overview, moderation, paper intake, file import, bulk
selection, merging, assignment, the departments' queue, answers and the state list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatkontrakt.engagement.forms.proposals import (
    AnswerForm,
    AssignForm,
    MergeForm,
    ModerationForm,
    PaperProposalForm,
    ProposalImportForm,
    SelectForm,
    StateForm,
)
from klimatkontrakt.engagement.models import Proposal, ProposalState
from klimatkontrakt.engagement.selectors import proposals as selectors
from klimatkontrakt.engagement.services import proposal_intake as intake
from klimatkontrakt.engagement.services import proposals as services
from klimatkontrakt.organisations.access import (
    can_answer_for,
    department_ids,
    require_edit,
)
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.errors import SourceError
from klimatkontrakt.web.pages import add_validation_errors, municipality_context, write_and_tell
from klimatkontrakt.web.status_lists import status_list_page

ACTIVE = "proposals"
BULK_LIMIT = 2000


def _require_worker(user: Any, muni: Any) -> None:
    """An editor of the municipality, or a member of one of its departments."""
    if not department_ids(user, muni):
        require_edit(user, muni)


@login_required
def work(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    _require_worker(request.user, muni)
    return render(
        request,
        "engagement/proposals/work.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            waiting=selectors.waiting_for_moderation(muni)[:BULK_LIMIT],
            queue=selectors.queue_for(request.user, muni),
            overdue=selectors.overdue_proposals(muni),
            imports=muni.proposal_imports.select_related("imported_by").order_by("-imported_at"),
        ),
    )


@login_required
def moderate(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    proposal = selectors.proposal_for(request.user, muni, pk)
    form = ModerationForm(
        request.POST or None,
        initial={
            "publish": "yes" if proposal.moderation != Proposal.Moderation.HIDDEN else "no",
            "hidden_reason": proposal.hidden_reason,
            "text": proposal.text,
            "note": proposal.moderation_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.moderate(
                request.user,
                proposal,
                publish=d["publish"],
                reason=d["hidden_reason"],
                note=d["note"],
                text=d["text"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The moderation was saved."))
            return redirect("engagement:proposal_work", code)
    return render(
        request,
        "engagement/proposals/moderate.html",
        municipality_context(request, muni, ACTIVE, proposal=proposal, form=form),
    )


@login_required
def publish_many(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("proposals") if i.isdigit() and len(i) < 10]
        n = services.publish_many(request.user, muni, ids)
        messages.success(request, _("%(n)s proposals were published.") % {"n": n})
    return redirect("engagement:proposal_work", code)


@login_required
def new(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = PaperProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = intake.record_proposal(request.user, muni, form.to_input())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The proposal was added; it waits for moderation."))
            return redirect("engagement:proposal", code, proposal.pk)
    return render(
        request,
        "engagement/proposals/form.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            heading=_("Type in a proposal collected on paper"),
            cancel_name="engagement:proposal_work",
        ),
    )


@login_required
def import_file(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    problems: list[str] = []
    form = ProposalImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = intake.import_proposals(
                request.user, muni, upload.read(), upload.name, form.cleaned_data["channel"]
            )
        except SourceError as exc:
            problems = exc.messages
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            if result.already_imported:
                messages.info(request, _("This file has already been imported; nothing changed."))
            else:
                messages.success(
                    request,
                    _("Imported: %(n)s proposals, waiting for moderation.") % {"n": result.created},
                )
            return redirect("engagement:proposal_work", code)
    return render(
        request,
        "engagement/proposals/import.html",
        municipality_context(request, muni, ACTIVE, form=form, problems=problems),
    )


@login_required
def select(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    candidates = list(selectors.selectable(muni)[:BULK_LIMIT])
    form = SelectForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            selection = services.select_proposals(
                request.user, muni, form.cleaned_data["proposals"], form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(n)s proposals were selected.") % {"n": selection.proposals.count()},
            )
            return redirect("engagement:proposal_assign", code)
    return render(
        request,
        "engagement/proposals/bulk.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            heading=_("Select proposals"),
            intro=_(
                "Choose the published proposals that go on to the departments and say why. "
                "Who selected them and when is recorded."
            ),
            button=_("Select"),
            selections=muni.proposal_selections.select_related("selected_by")[:20],
        ),
    )


@login_required
def assign(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    candidates = list(selectors.assignable(muni)[:BULK_LIMIT])
    form = AssignForm(request.POST or None, municipality=muni, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            n = services.assign_proposals(
                request.user, muni, d["proposals"], d["department"], d["deadline"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("%(n)s proposals were assigned.") % {"n": n})
            return redirect("engagement:proposal_work", code)
    return render(
        request,
        "engagement/proposals/bulk.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            heading=_("Assign proposals to a department"),
            intro=_(
                "The department answers by the date given; its people are reminded a week "
                "before and, while the answer is overdue, once a week."
            ),
            button=_("Assign"),
        ),
    )


@login_required
def merge(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    keep = selectors.proposal_for(request.user, muni, pk)
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        others = list(
            Proposal.objects.filter(municipality=muni, pk__in=form.cleaned_data["others"])
        )
        try:
            if len(others) != len(set(form.cleaned_data["others"])):
                raise ValidationError({"others": _("A chosen proposal does not exist here.")})
            services.merge_proposals(request.user, keep, others)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The proposals were merged into this one."))
            return redirect("engagement:proposal", code, keep.pk)
    return render(
        request,
        "engagement/proposals/form.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            proposal=keep,
            heading=_("Merge duplicates into proposal #%(n)s") % {"n": keep.pk},
            cancel_name="engagement:proposal_work",
        ),
    )


@login_required
def change_state(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    proposal = selectors.proposal_for(request.user, muni, pk)
    form = StateForm(request.POST or None, municipality=muni)
    if request.method == "POST" and form.is_valid():
        write_and_tell(
            request,
            lambda: services.set_state(request.user, proposal, form.cleaned_data["state"]),
            success=_("The state was saved."),
            refused=ValidationError,
        )
    return redirect("engagement:proposal", code, proposal.pk)


@login_required
def answer(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    proposal = selectors.proposal_for(request.user, muni, pk)
    if not can_answer_for(request.user, muni, proposal.department_id):
        raise PermissionDenied(_("Only an editor or the assigned department may answer this."))
    existing = getattr(proposal, "answer", None)
    form = AnswerForm(
        request.POST or None,
        initial=AnswerForm.initial_for(existing) if existing else {},
        municipality=muni,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_proposal(request.user, proposal, form.to_input())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The answer was saved."))
            return redirect("engagement:proposal", code, proposal.pk)
    return render(
        request,
        "engagement/proposals/form.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            proposal=proposal,
            heading=_("Answer proposal #%(n)s") % {"n": proposal.pk},
            cancel_name="engagement:proposal_work",
        ),
    )


@login_required
def states(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    services.ensure_proposal_states(muni)
    return status_list_page(
        request,
        muni,
        ProposalState,
        flag="is_closed",
        can_delete=False,
        active=ACTIVE,
        heading=_("Proposal states"),
        intro=_(
            "The states this municipality uses for proposals. Selecting, assigning and answering "
            "move a proposal to the states received, selected, assigned and answered; rename "
            "them as you like. Closed proposals are not reminded of."
        ),
    )
