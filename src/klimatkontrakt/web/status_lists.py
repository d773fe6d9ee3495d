"""The editor page of a municipality's status list; commitment and action statuses share it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet, ModelForm, modelformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatkontrakt.organisations.models import Municipality, MunicipalityStatus
from klimatkontrakt.organisations.services import save_status_list
from klimatkontrakt.web.pages import municipality_context


def status_list_page(
    request: HttpRequest,
    muni: Municipality,
    model: type[MunicipalityStatus],
    *,
    flag: str,
    can_delete: bool,
    active: str,
    heading: str,
    intro: str,
) -> HttpResponse:
    """Rename, reorder, flag and add statuses (and delete unused ones when `can_delete`).

    `flag` names the model's own boolean field, e.g. `carries_over` or `is_closed`. The caller
    has checked the user's role and created the default list."""
    formset_class: type[BaseModelFormSet[MunicipalityStatus, ModelForm[MunicipalityStatus]]]
    formset_class = modelformset_factory(
        model,
        fields=["name_sv", "name_en", flag, "order"],
        labels={"order": _("Order")},
        extra=1,
        can_delete=can_delete,
    )
    queryset = model.objects.filter(municipality=muni)
    refused: list[str] = []
    if request.method == "POST":
        formset = formset_class(request.POST, queryset=queryset)
        if formset.is_valid():
            deleted = [f.instance for f in formset.deleted_forms if f.instance.pk is not None]
            changed = [
                f.instance
                for f in formset.forms
                if f.has_changed() and f not in formset.deleted_forms
            ]
            try:
                save_status_list(request.user, muni, changed, deleted)
            except ValidationError as exc:
                refused = exc.messages
            else:
                messages.success(request, _("The status list was saved."))
                return redirect(request.path)
    else:
        formset = formset_class(queryset=queryset)
    return render(
        request,
        "web/status_list.html",
        municipality_context(
            request, muni, active, formset=formset, heading=heading, intro=intro, refused=refused
        ),
    )
