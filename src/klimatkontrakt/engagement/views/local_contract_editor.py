"""The editor's pages of the local climate contract: the rule, the versions of the text, the
catalogue of standard pledges, and approving signatories."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.engagement.forms.local_contracts import (
    PledgeLinksForm,
    RuleForm,
    StandardPledgeForm,
    VersionForm,
)
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.engagement.services import local_contracts as services
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.pages import add_validation_errors, municipality_context, write_and_tell

ACTIVE = "local_contracts"


@login_required
def manage(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    contract = selectors.contract_for(muni)
    initial = (
        {"min_pledges": contract.min_pledges, "roadmap_instead": contract.roadmap_instead}
        if contract
        else {"min_pledges": 3, "roadmap_instead": True}
    )
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rule(request.user, muni, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The rule was saved."))
            return redirect("engagement:lc_manage", code)
    return render(
        request,
        "engagement/local_contracts/manage.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            form=form,
            versions=selectors.visible_versions(request.user, muni),
            catalogue=selectors.catalogue(contract, active_only=False),
        ),
    )


@login_required
def version_edit(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    version = selectors.version_for(request.user, muni, number) if number else None
    initial = {"title": version.title, "text": version.text} if version else None
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if version is None:
                services.create_version(request.user, muni, **form.cleaned_data)
            else:
                services.update_version(request.user, version, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The version was saved as a draft."))
            return redirect("engagement:lc_manage", code)
    return render(
        request,
        "engagement/local_contracts/version_form.html",
        municipality_context(request, muni, ACTIVE, form=form, version=version),
    )


@require_POST
@login_required
def version_publish(request: HttpRequest, code: str, number: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    version = selectors.version_for(request.user, muni, number)
    write_and_tell(
        request,
        lambda: services.publish_version(request.user, version),
        success=_("The version is published."),
        refused=ValidationError,
    )
    return redirect("engagement:lc_manage", code)


@login_required
def standard_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    pledge = selectors.standard_pledge_for(request.user, muni, pk) if pk else None
    initial = StandardPledgeForm.initial_for(pledge) if pledge else {"is_active": True}
    form = StandardPledgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_standard_pledge(request.user, muni, form.to_input(), pledge)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The standard pledge was saved."))
            return redirect("engagement:lc_manage", code)
    return render(
        request,
        "engagement/local_contracts/standard_form.html",
        municipality_context(request, muni, ACTIVE, form=form, pledge=pledge),
    )


@require_POST
@login_required
def decide(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    signatory = selectors.signatory_for(request.user, muni, pk)
    approve = request.POST.get("decision") == "approve"
    write_and_tell(
        request,
        lambda: services.decide(request.user, signatory, approve=approve),
        success=_("The signatory was approved.") if approve else _("The signatory was rejected."),
        refused=ValidationError,
    )
    return redirect("engagement:lc_signatories", code)


@login_required
def pledge_links(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    pledge = selectors.pledge_for(request.user, muni, pk)
    initial = {"commitments": list(pledge.commitments.all()), "actions": list(pledge.actions.all())}
    form = PledgeLinksForm(request.POST or None, initial=initial, municipality=muni)
    if request.method == "POST" and form.is_valid():
        services.link_pledge(
            request.user,
            pledge,
            commitment_ids=[c.pk for c in form.cleaned_data["commitments"]],
            action_ids=[a.pk for a in form.cleaned_data["actions"]],
        )
        messages.success(request, _("The pledge's links were saved."))
        return redirect("engagement:lc_signatories", code)
    return render(
        request,
        "engagement/local_contracts/pledge_links.html",
        municipality_context(request, muni, ACTIVE, form=form, pledge=pledge),
    )
