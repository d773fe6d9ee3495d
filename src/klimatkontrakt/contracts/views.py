from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.contracts import selectors, services
from klimatkontrakt.contracts.documents import contract_docx
from klimatkontrakt.contracts.forms import CommitmentForm, SectionTextForm
from klimatkontrakt.contracts.models import CommitmentStatus
from klimatkontrakt.organisations.access import can_admin, require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.cache import cached_html
from klimatkontrakt.web.pages import (
    add_validation_errors,
    municipality_context,
    refusal_text,
    write_and_tell,
)
from klimatkontrakt.web.security import allow_own_styles
from klimatkontrakt.web.status_lists import status_list_page


def contract_latest(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    versions = list(selectors.visible_versions(request.user, muni))
    if not versions:
        return render(
            request,
            "contracts/none.html",
            municipality_context(request, muni, "contract"),
            status=404,
        )
    return redirect("contracts:version", code, versions[-1].year)


def version_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    ctx = municipality_context(request, muni, "contract", version=version)

    def content() -> str:
        return render_to_string(
            "contracts/version.html#content",
            {
                **ctx,
                "sections": selectors.sections_with_commitments(version),
                "parties": version.parties.select_related("organisation"),
                "versions": list(selectors.visible_versions(request.user, muni)),
                "statuses": CommitmentStatus.objects.filter(municipality=muni),
                "has_next": hasattr(version, "next_version"),
            },
            request,
        )

    html = cached_html(request, muni, "contracts:version", content, version.pk)
    return render(request, "contracts/version.html", {**ctx, "content": html})


def version_print(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    # A stand-alone document with its own <style> block (also for printing to PDF).
    return allow_own_styles(
        render(
            request,
            "contracts/print.html",
            municipality_context(
                request,
                muni,
                "contract",
                version=version,
                sections=selectors.sections_with_commitments(version),
                parties=version.parties.select_related("organisation"),
            ),
        )
    )


def version_docx(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    body = contract_docx(version, language=get_language() or "sv")
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"klimatkontrakt-{slugify(muni.name)}-{version.year}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def commitment_detail(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    c = selectors.commitment_for(request.user, muni, pk)
    if c.version_id != version.pk:
        return redirect("contracts:commitment", code, c.version.year, c.pk)
    return render(
        request,
        "contracts/commitment.html",
        municipality_context(
            request,
            muni,
            "contract",
            version=version,
            commitment=c,
            history=selectors.history_of(c),
        ),
    )


@login_required
def commitment_edit(
    request: HttpRequest, code: str, year: int, pk: int | None = None
) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    require_edit(request.user, muni)
    commitment = selectors.commitment_for(request.user, muni, pk) if pk else None
    if commitment is not None and commitment.version_id != version.pk:
        raise PermissionDenied(_("The commitment belongs to another version."))
    language = get_language() or "sv"
    if version.is_signed:
        messages.error(
            request,
            _("The %(year)s version is signed and can no longer be changed.")
            % {"year": version.year},
        )
        return redirect("contracts:version", code, year)
    if request.method == "POST":
        form = CommitmentForm(request.POST, version=version, language=language)
        if form.is_valid():
            try:
                if commitment is None:
                    commitment = services.create_commitment(request.user, version, form.to_input())
                    messages.success(request, _("The commitment was added."))
                else:
                    commitment = services.update_commitment(
                        request.user,
                        commitment,
                        form.to_input(),
                        expected_edit_version=form.cleaned_data["edit_version"] or 0,
                    )
                    messages.success(request, _("The commitment was saved."))
                return redirect("contracts:commitment", code, year, commitment.pk)
            except services.StaleEditError as exc:
                form.add_error(None, str(exc))
            except services.FrozenVersionError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_validation_errors(form, exc)
    else:
        initial: dict[str, Any] = CommitmentForm.initial_for(commitment) if commitment else {}
        if commitment is None:
            party = version.parties.filter(role="municipality").first()
            section = version.sections.filter(key="municipality").first()
            status = CommitmentStatus.objects.filter(municipality=muni).first()
            initial = {
                "party": party,
                "section": section,
                "status": status,
                "planned_year": version.year,
            }
        form = CommitmentForm(initial=initial, version=version, language=language)
    return render(
        request,
        "contracts/commitment_form.html",
        municipality_context(
            request, muni, "contract", version=version, commitment=commitment, form=form
        ),
    )


@login_required
@require_POST
def commitment_delete(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    c = selectors.commitment_for(request.user, muni, pk)
    write_and_tell(
        request,
        lambda: services.delete_commitment(request.user, c),
        success=_("The commitment was removed from the draft."),
        refused=services.FrozenVersionError,
    )
    return redirect("contracts:version", code, year)


@login_required
def section_edit(request: HttpRequest, code: str, year: int, key: str) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    require_edit(request.user, muni)
    section = version.sections.filter(key=key).first()
    if section is None:
        return render(request, "404.html", status=404)
    if request.method == "POST":
        form = SectionTextForm(request.POST)
        if form.is_valid():
            try:
                services.update_section_text(request.user, section, form.cleaned_data["body"])
                messages.success(request, _("The section text was saved."))
                return redirect(f"{version_url(code, year)}#section-{key}")
            except services.FrozenVersionError as exc:
                form.add_error(None, str(exc))
    else:
        form = SectionTextForm(initial={"body": section.body})
    return render(
        request,
        "contracts/section_form.html",
        municipality_context(
            request, muni, "contract", version=version, section=section, form=form
        ),
    )


def version_url(code: str, year: int) -> str:
    from django.urls import reverse

    return reverse("contracts:version", args=[code, year])


@login_required
def sign(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    require_edit(request.user, muni)
    if request.method == "POST":
        write_and_tell(
            request,
            lambda: services.sign_version(request.user, version),
            success=_("The %(year)s version is signed and frozen.") % {"year": year},
            refused=(services.FrozenVersionError, ValidationError),
        )
        return redirect("contracts:version", code, year)
    return render(
        request,
        "contracts/confirm.html",
        municipality_context(
            request,
            muni,
            "contract",
            version=version,
            action="sign",
            question=_("Sign the %(year)s version? After signing, nothing in it can be changed.")
            % {"year": year},
        ),
    )


@login_required
def start_next(request: HttpRequest, code: str, year: int) -> HttpResponse:
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    require_edit(request.user, muni)
    if request.method == "POST":
        try:
            new = services.start_next_version(request.user, version)
        except ValidationError as exc:
            messages.error(request, refusal_text(exc))
            return redirect("contracts:version", code, year)
        messages.success(
            request,
            _("The %(year)s draft was started; unfinished commitments were carried over.")
            % {"year": new.year},
        )
        return redirect("contracts:version", code, new.year)
    return render(
        request,
        "contracts/confirm.html",
        municipality_context(
            request,
            muni,
            "contract",
            version=version,
            action="next",
            question=_(
                "Start the %(next)s version from the signed %(year)s version? Unfinished "
                "commitments are carried over; finished and cancelled ones stay behind."
            )
            % {"next": year + 1, "year": year},
        ),
    )


def diff(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    versions = list(selectors.visible_versions(request.user, muni))
    years = [v.year for v in versions]
    try:
        a = int(request.GET.get("fran", years[-2] if len(years) > 1 else 0))
        b = int(request.GET.get("till", years[-1] if years else 0))
    except ValueError:
        a = b = 0
    result = None
    asked = "fran" in request.GET or "till" in request.GET
    if asked and (a not in years or b not in years):
        return render(
            request,
            "contracts/diff.html",
            municipality_context(
                request, muni, "contract", versions=versions, year_a=a, year_b=b, diff=None
            ),
            status=404,
        )
    if a in years and b in years:
        result = selectors.diff_versions(
            selectors.version_for(request.user, muni, a),
            selectors.version_for(request.user, muni, b),
        )
    return render(
        request,
        "contracts/diff.html",
        municipality_context(
            request,
            muni,
            "contract",
            versions=versions,
            year_a=a,
            year_b=b,
            diff=result,
        ),
    )


@login_required
def statuses(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    if not can_admin(request.user, muni):
        raise PermissionDenied(
            _("Only the municipality's administrators can change the status list.")
        )
    services.ensure_statuses(muni)
    return status_list_page(
        request,
        muni,
        CommitmentStatus,
        flag="carries_over",
        can_delete=False,
        active="contract",
        heading=_("Commitment statuses"),
        intro=_(
            "The statuses this municipality uses for its commitments. Statuses that carry over "
            "move unfinished commitments into next year's version."
        ),
    )


@login_required
@require_POST
def commitment_status(request: HttpRequest, code: str, year: int, pk: int) -> HttpResponse:
    """Change only the status, from the version page (htmx swaps the item; plain POST redirects)."""
    muni = municipality_by_code(code)
    version = selectors.version_for(request.user, muni, year)
    c = selectors.commitment_for(request.user, muni, pk)
    if c.version_id != version.pk:
        raise PermissionDenied(_("The commitment belongs to another version."))
    status_id = request.POST.get("status", "")
    status = (
        CommitmentStatus.objects.filter(municipality=muni, pk=status_id).first()
        if status_id.isdigit()
        else None
    )
    error = ""
    try:
        if status is None:
            raise ValidationError({"status": _("Choose a status from the list.")})
        data = services.CommitmentInput.of(c, status=status)
        expected = int(request.POST.get("edit_version") or 0)
        c = services.update_commitment(request.user, c, data, expected_edit_version=expected)
    except (services.StaleEditError, services.FrozenVersionError, ValidationError) as exc:
        error = refusal_text(exc)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect(f"{version_url(code, year)}#c{pk}")
    c = selectors.commitments_of(version).get(pk=pk)
    return render(
        request,
        "contracts/_commitment_item.html",
        municipality_context(
            request,
            muni,
            "contract",
            version=version,
            c=c,
            status_error=error,
            statuses=CommitmentStatus.objects.filter(municipality=muni),
        ),
    )  # htmx swaps only 2xx answers, so a refused change is shown with 200
