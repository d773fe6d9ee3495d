"""The training register's page and the editor's forms: add, edit, delete."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from klimatkontrakt.followup import changes, training_selectors, training_services
from klimatkontrakt.followup.models import Training
from klimatkontrakt.followup.plan_forms import TrainingForm
from klimatkontrakt.followup.plan_views import _add_errors, _ctx
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code


def training_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    indicator = muni.indicators.filter(name=training_services.INDICATOR_NAME).first()
    register = training_selectors.register_for(request.user, muni)
    return render(
        request,
        "followup/training_list.html",
        _ctx(
            request,
            muni,
            active="trainings",
            register=register,
            changes=changes.training_changes(muni)[:20] if register.detailed else [],
            indicator=indicator if indicator and indicator.is_published else None,
        ),
    )


def _initial(t: Training) -> dict[str, Any]:
    return {
        "held_on": t.held_on,
        "concept": t.concept,
        "audience": t.audience,
        "department": t.department_id,
        "participants": t.participants,
        "note": t.note,
    }


@login_required
def training_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    training = training_selectors.training_for(request.user, muni, pk) if pk else None
    initial = _initial(training) if training else None
    form = TrainingForm(request.POST or None, initial=initial, municipality=muni)
    if request.method == "POST" and form.is_valid():
        try:
            if training is None:
                training_services.record_training(request.user, muni, **form.cleaned_data)
                messages.success(request, _("The training was added to the register."))
            else:
                training_services.update_training(request.user, training, **form.cleaned_data)
                messages.success(request, _("The training was saved."))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("followup:trainings", code)
    return render(
        request,
        "followup/training_form.html",
        _ctx(request, muni, active="trainings", form=form, training=training),
    )


@login_required
def training_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    training = training_selectors.training_for(request.user, muni, pk)
    if request.method == "POST":
        training_services.delete_training(request.user, training)
        messages.success(request, _("The training was deleted from the register."))
        return redirect("followup:trainings", code)
    label = f"{training.held_on:%Y-%m-%d} {training.concept}"
    return render(
        request,
        "followup/confirm_delete.html",
        _ctx(
            request,
            muni,
            active="trainings",
            heading=_("Delete the training %(label)s?") % {"label": label},
            explanation=_(
                "The training is removed from the register and the count of trained boards and "
                "committees is recalculated. The change log keeps what was deleted."
            ),
            cancel_url=reverse("followup:trainings", args=[code]),
        ),
    )
