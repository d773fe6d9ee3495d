"""Public pages of the local climate contract (the contract, its signatories and totals, the
sign-up, the confirmation and report links) and the editor's pages. Figures: selectors.rollup."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.engagement.forms.local_contracts import (
    PledgeForm,
    ReportEntryForm,
    SignUpForm,
)
from klimatkontrakt.engagement.models import Signatory
from klimatkontrakt.engagement.selectors import local_contracts as selectors
from klimatkontrakt.engagement.services import local_contract_signatories as signatories
from klimatkontrakt.engagement.services.local_contract_tokens import BadToken
from klimatkontrakt.organisations.access import require_edit, require_view_unpublished
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.pages import add_validation_errors, municipality_context
from klimatkontrakt.web.security import client_address

ACTIVE = "local_contracts"


def _year(request: HttpRequest, muni: object) -> int:
    raw = request.GET.get("year", "")
    if len(raw) == 4 and raw.isdigit() and 1990 <= int(raw) <= 2100:
        return int(raw)
    return selectors.default_year(muni)  # type: ignore[arg-type]


def public_page(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    contract = selectors.contract_for(muni)
    version = selectors.published_version(contract)
    year = _year(request, muni)
    totals = selectors.labelled_totals(selectors.rollup_json(selectors.rollup(muni, year)))
    return render(
        request,
        "engagement/local_contracts/public.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            contract=contract,
            version=version,
            catalogue=selectors.catalogue(contract),
            totals=totals,
            signatories=selectors.public_signatories(muni) if version else [],
            year=year,
        ),
    )


def _pledge_forms(request: HttpRequest, contract: object) -> list[PledgeForm]:
    data = request.POST if request.method == "POST" else None
    forms = [
        PledgeForm(data, standard=s, prefix=f"p{s.pk}")
        for s in selectors.catalogue(contract)  # type: ignore[arg-type]
    ]
    return [*forms, PledgeForm(data, prefix="own")]


def sign_up(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    contract = selectors.contract_for(muni)
    if selectors.published_version(contract) is None:
        raise Http404("No published local contract")
    form = SignUpForm(request.POST or None)
    pledge_forms = _pledge_forms(request, contract)
    status = 200
    if request.method == "POST":
        if not signatories.signup_allowed(client_address(request)):
            form.add_error(None, _("Too many sign-ups from your address. Try again in an hour."))
            status = 429
        elif request.POST.get("website"):  # the honeypot: answered as a success, nothing kept
            messages.success(request, _("Thank you! Check your e-mail to confirm the sign-up."))
            return redirect("engagement:lc_public", code)
        elif form.is_valid() and all(f.is_valid() for f in pledge_forms):
            pledges = [p for f in pledge_forms if (p := f.to_input()) is not None]
            try:
                signatory = signatories.sign_up(contract, form.to_input(pledges))  # type: ignore[arg-type]
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you! Check your e-mail to confirm the sign-up.")
                    if signatory.contact_email
                    else _("Thank you! The municipality approves the sign-up before it counts."),
                )
                return redirect("engagement:lc_public", code)
    return render(
        request,
        "engagement/local_contracts/sign_up.html",
        municipality_context(
            request, muni, ACTIVE, form=form, pledge_forms=pledge_forms, contract=contract
        ),
        status=status,
    )


def _link_gone(request: HttpRequest, muni: object) -> HttpResponse:
    return render(
        request,
        "engagement/local_contracts/link_gone.html",
        municipality_context(request, muni, ACTIVE),  # type: ignore[arg-type]
        status=404,
    )


def confirm(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """GET asks (a mail scanner that follows the link confirms nothing); POST confirms."""
    muni = municipality_by_code(code)
    if request.method == "POST":
        try:
            signatory = signatories.confirm(token)
        except BadToken:
            return _link_gone(request, muni)
        if signatory.contract.municipality_id != muni.pk:
            return _link_gone(request, muni)
        messages.success(request, _("Thank you, the sign-up is confirmed."))
        return redirect("engagement:lc_public", code)
    return render(
        request,
        "engagement/local_contracts/confirm.html",
        municipality_context(request, muni, ACTIVE),
    )


def report(request: HttpRequest, code: str, token: str) -> HttpResponse:
    muni = municipality_by_code(code)
    try:
        signatory, year = signatories.signatory_for_report(token)
    except BadToken:
        return _link_gone(request, muni)
    if signatory.contract.municipality_id != muni.pk:
        return _link_gone(request, muni)
    data = request.POST if request.method == "POST" else None
    pledges = list(signatory.pledges.select_related("standard"))
    forms = [ReportEntryForm(data, pledge=p, prefix=f"r{p.pk}") for p in pledges]
    if data is not None and all(f.is_valid() for f in forms):
        try:
            signatories.submit_report(token, [f.to_input() for f in forms])
        except BadToken:
            return _link_gone(request, muni)
        except ValidationError as exc:
            add_validation_errors(forms[0], exc)
        else:
            messages.success(
                request, _("Thank you, the report for %(year)s is saved.") % {"year": year}
            )
            return redirect("engagement:lc_public", code)
    return render(
        request,
        "engagement/local_contracts/report.html",
        municipality_context(request, muni, ACTIVE, signatory=signatory, year=year, forms=forms),
    )


@login_required
def not_reported(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_view_unpublished(request.user, muni)
    year = _year(request, muni)
    return render(
        request,
        "engagement/local_contracts/not_reported.html",
        municipality_context(
            request, muni, ACTIVE, year=year, rows=selectors.not_reported(muni, year)
        ),
    )


@login_required
def signatory_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    rows = list(selectors.all_signatories(request.user, muni))
    return render(
        request,
        "engagement/local_contracts/signatories.html",
        municipality_context(
            request,
            muni,
            ACTIVE,
            waiting=[s for s in rows if s.state == Signatory.State.CONFIRMED],
            rows=rows,
            year=selectors.default_year(muni),
        ),
    )


@require_POST
@login_required
def send_link(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    signatory = selectors.signatory_for(request.user, muni, pk)
    year = _year(request, muni)
    if signatories.send_report_link(signatory, year):
        messages.success(request, _("A new report link was sent."))
    else:
        messages.error(request, _("No link sent: the signatory is not approved or has no e-mail."))
    return redirect("engagement:lc_signatories", code)
