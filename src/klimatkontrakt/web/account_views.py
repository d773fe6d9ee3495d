"""A user's own data (GDPR): see it, download it, erase the account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimatkontrakt.organisations.selectors import personal_data
from klimatkontrakt.organisations.services import erase_user


class EraseForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    data = personal_data(request.user)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
        return response
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            user = request.user
            logout(request)
            erase_user(user)
            messages.success(request, _("Your account and personal data have been erased."))
            return redirect("web:home")
        form.add_error("password", _("The password is wrong."))
    return render(request, "web/my_data.html", {"data": data, "form": form})
