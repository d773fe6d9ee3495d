"""The training register's page and the editor's forms: add, edit, delete."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klimatkontrakt.indicators.selectors import indicator_named
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.plans import changes
from klimatkontrakt.plans.models import FollowupChange
from klimatkontrakt.training import selectors, services
from klimatkontrakt.training.forms import TrainingForm
from klimatkontrakt.training.models import Training
from klimatkontrakt.web.pages import add_validation_errors, confirm_delete, municipality_context


def training_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    indicator = indicator_named(muni, services.INDICATOR_NAME)
    register = selectors.register_for(request.user, muni)
    return render(
        request,
        "training/training_list.html",
        municipality_context(
            request,
            muni,
            "trainings",
            register=register,
            changes=changes.changes_of(muni, FollowupChange.Kind.TRAINING)[:20]
            if register.detailed
            else [],
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
    training = selectors.training_for(request.user, muni, pk) if pk else None
    initial = _initial(training) if training else None
    form = TrainingForm(request.POST or None, initial=initial, municipality=muni)
    if request.method == "POST" and form.is_valid():
        try:
            if training is None:
                services.record_training(request.user, muni, **form.cleaned_data)
                messages.success(request, _("The training was added to the register."))
            else:
                services.update_training(request.user, training, **form.cleaned_data)
                messages.success(request, _("The training was saved."))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return redirect("training:list", code)
    return render(
        request,
        "training/training_form.html",
        municipality_context(request, muni, "trainings", form=form, training=training),
    )


@login_required
def training_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    training = selectors.training_for(request.user, muni, pk)
    list_url = reverse("training:list", args=[code])
    return confirm_delete(
        request,
        muni,
        "trainings",
        delete=lambda: services.delete_training(request.user, training),
        deleted=_("The training was deleted from the register."),
        done_url=list_url,
        heading=_("Delete the training %(label)s?")
        % {"label": f"{date_format(training.held_on, 'SHORT_DATE_FORMAT')} {training.concept}"},
        explanation=_(
            "The training is removed from the register and the count of trained boards and "
            "committees is recalculated. The change log keeps what was deleted."
        ),
        cancel_url=list_url,
    )
