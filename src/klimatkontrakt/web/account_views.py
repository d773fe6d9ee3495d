"""A user's own data (GDPR): see it, download it, erase the account; and their API tokens."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimatkontrakt.organisations import tokens
from klimatkontrakt.organisations.models import ApiToken
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
    return _page(request, data=data, form=form)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the name of the program using it."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
    )
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"),
        min_value=1,
        max_value=tokens.MAX_DAYS,
        initial=tokens.DEFAULT_DAYS,
    )


def _page(
    request: HttpRequest,
    *,
    data: dict[str, object] | None = None,
    form: forms.Form | None = None,
    token_form: forms.Form | None = None,
    issued: tokens.IssuedToken | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "data": data if data is not None else personal_data(request.user),
        "form": form or EraseForm(),
        "token_form": token_form or TokenForm(),
        "tokens": tokens.tokens_of(request.user),
        "issued": issued,
    }
    return render(request, "web/my_data.html", context, status=status)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show it, this once, on the page (never kept in the session)."""
    form = TokenForm(request.POST)
    if form.is_valid():
        issued = tokens.create_token(
            request.user,
            form.cleaned_data["name"],
            form.cleaned_data["scope"],
            form.cleaned_data["days"],
            actor=request.user,
        )
        return _page(request, issued=issued)
    return _page(request, token_form=form, status=422)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = tokens.own_token(request.user, pk)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    tokens.revoke_token(token, actor=request.user)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect(f"{reverse('my_data')}#api-tokens")
