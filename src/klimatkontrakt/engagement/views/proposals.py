"""Public pages of proposals: the list with its filters and totals (a class finds its own by
school and grade), one proposal with its answer, and the forms pupils and citizens send."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatkontrakt.documents.tables import download
from klimatkontrakt.engagement.forms.proposals import (
    CitizenProposalForm,
    PupilProposalForm,
    StateForm,
)
from klimatkontrakt.engagement.models import Answer, Channel
from klimatkontrakt.engagement.proposal_tables import proposal_table
from klimatkontrakt.engagement.selectors import proposals as selectors
from klimatkontrakt.engagement.services import proposal_intake as intake
from klimatkontrakt.organisations.access import can_view_unpublished, department_ids
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.sources.proposals import MAX_GRADE
from klimatkontrakt.web.pages import add_validation_errors, municipality_context
from klimatkontrakt.web.security import client_address

ACTIVE = "proposals"
PER_PAGE = 50


def _filters(request: HttpRequest) -> selectors.Filters:
    """The list's filters from the query; a value outside its choices is ignored, not an error."""
    get = request.GET
    channel = get.get("kanal", "")
    grade_text = get.get("arskurs", "")
    grade = int(grade_text) if grade_text.isdigit() and int(grade_text) <= MAX_GRADE else None
    return selectors.Filters(
        channel=channel if channel in Channel.values else "",
        state=get.get("status", "")[:40],
        theme=get.get("tema", "")[:60],
        school=get.get("skola", "")[:120],
        grade=grade,
    )


def _labels(muni: Any, language: str) -> dict[str, dict[str, str]]:
    states = selectors.filter_choices(muni)["states"]
    return {
        "channel": {str(k): str(v) for k, v in Channel.choices},
        "state": {s.key: s.label(language) for s in states},
        "decision": {str(k): str(v) for k, v in Answer.Decision.choices},
    }


def proposal_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    language = get_language() or "sv"
    f = _filters(request)
    qs = selectors.filtered(selectors.visible_proposals(request.user, muni), f).filter(
        merged_into__isnull=True
    )
    fmt = request.GET.get("format")
    if fmt:
        rows = qs.select_related("answer", "state", "department").prefetch_related("themes")
        return download(proposal_table(rows.order_by("pk"), language), fmt)
    page = Paginator(qs.order_by("school", "grade", "pk"), PER_PAGE).get_page(
        request.GET.get("sida")
    )
    totals = selectors.totals(muni)
    labels = _labels(muni, language)
    query = urlencode(
        {
            k: v
            for k, v in {
                "kanal": f.channel,
                "status": f.state,
                "tema": f.theme,
                "skola": f.school,
                "arskurs": "" if f.grade is None else f.grade,
            }.items()
            if v != ""
        }
    )
    return render(
        request,
        "engagement/proposals/list.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            page=page,
            filters=f,
            query=query,
            choices=selectors.filter_choices(muni),
            channels=Channel.choices,
            totals=totals,
            answered_pct=None if totals.answered_share is None else 100 * totals.answered_share,
            by_channel=[(labels["channel"][k], n) for k, n in totals.by_channel.items()],
            by_state=[(labels["state"].get(k, k), n) for k, n in totals.by_state.items()],
            by_decision=[(labels["decision"][k], n) for k, n in totals.by_decision.items()],
            is_member=can_view_unpublished(request.user, muni)
            or bool(department_ids(request.user, muni)),
        ),
    )


def proposal_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    proposal = selectors.proposal_for(request.user, muni, pk)
    language = get_language() or "sv"
    answer = getattr(proposal, "answer", None)
    context = municipality_context(
        request,
        muni,
        ACTIVE,
        proposal=proposal,
        answer=answer,
        carried_by=selectors.carried_by(request.user, answer, language) if answer else [],
        state_label=proposal.state.label(language),
        show_contact=selectors.shows_contact(request.user, muni),
        merged=proposal.merged.all()
        if can_view_unpublished(request.user, muni)
        else proposal.merged.filter(moderation="approved"),
    )
    if context["can_edit"]:
        context["state_form"] = StateForm(initial={"state": proposal.state_id}, municipality=muni)
    return render(request, "engagement/proposals/detail.html", context)


def _submit(request: HttpRequest, code: str, form_class: Any, channel: str) -> HttpResponse:
    muni = municipality_by_code(code)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intake.submit_public(
                muni,
                form.to_input(),
                address=client_address(request),
                honeypot=form.cleaned_data.get("website", ""),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you! Your proposal was received. It is published once it has been read."),
            )
            return redirect("engagement:proposals", code)
    return render(
        request,
        "engagement/proposals/submit.html",
        municipality_context(request, muni, ACTIVE, form=form, channel=channel),
    )


def submit_pupil(request: HttpRequest, code: str) -> HttpResponse:
    return _submit(request, code, PupilProposalForm, Channel.PUPILS_COUNCIL)


def submit_citizen(request: HttpRequest, code: str) -> HttpResponse:
    return _submit(request, code, CitizenProposalForm, Channel.CITIZEN)
