"""The training register's page and form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatkontrakt.followup import training_services
from klimatkontrakt.followup.plan_forms import TrainingForm
from klimatkontrakt.followup.plan_views import _add_errors, _ctx
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code


def training_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    indicator = muni.indicators.filter(name=training_services.INDICATOR_NAME).first()
    return render(
        request,
        "followup/training_list.html",
        _ctx(
            request,
            muni,
            active="trainings",
            trainings=training_services.trainings_of(muni),
            per_year=training_services.trained_bodies_per_year(muni),
            indicator=indicator if indicator and indicator.is_published else None,
        ),
    )


@login_required
def training_new(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    require_edit(request.user, muni)
    form = TrainingForm(request.POST or None, municipality=muni)
    if request.method == "POST" and form.is_valid():
        try:
            training_services.record_training(request.user, muni, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The training was added to the register."))
            return redirect("followup:trainings", code)
    return render(
        request, "followup/training_form.html", _ctx(request, muni, active="trainings", form=form)
    )
