"""Pages for goals with their coordinator and team, and the editor's forms for the team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatkontrakt.emissions.selectors import goals as visible_goals
from klimatkontrakt.goals import selectors, services
from klimatkontrakt.goals.forms import GoalPersonForm
from klimatkontrakt.organisations.access import require_edit
from klimatkontrakt.organisations.selectors import municipality_by_code
from klimatkontrakt.web.pages import add_validation_errors, confirm_delete, municipality_context


def goal_list(request: HttpRequest, code: str) -> HttpResponse:
    muni = municipality_by_code(code)
    rows = [(g, selectors.team_view(request.user, g)) for g in visible_goals(request.user, muni)]
    return render(
        request, "goals/goal_list.html", municipality_context(request, muni, "goals", rows=rows)
    )


def goal_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    goal = selectors.goal_for(request.user, muni, pk)
    return render(
        request,
        "goals/goal_detail.html",
        municipality_context(
            request,
            muni,
            "goals",
            goal=goal,
            team=selectors.team_view(request.user, goal),
            goal_team=selectors.team_record(goal),
        ),
    )


@require_POST
@login_required
def team_publish(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    goal = selectors.goal_for(request.user, muni, pk)
    published = request.POST.get("publish") == "1"
    services.set_team_published(request.user, goal, published)
    messages.success(
        request,
        _("The team is now shown publicly.")
        if published
        else _("The team is now shown only to the municipality's users."),
    )
    return redirect("goals:detail", code, goal.pk)


@login_required
def person_edit(
    request: HttpRequest, code: str, goal_pk: int, pk: int | None = None
) -> HttpResponse:
    muni = municipality_by_code(code)
    goal = selectors.goal_for(request.user, muni, goal_pk)
    require_edit(request.user, muni)
    person = selectors.person_for(request.user, goal, pk) if pk else None
    if request.method == "POST":
        form = GoalPersonForm(request.POST, municipality=muni)
        if form.is_valid():
            try:
                if person is None:
                    services.add_person(request.user, goal, form.to_input())
                else:
                    services.update_person(request.user, person, form.to_input())
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("The team was saved."))
                return redirect("goals:detail", code, goal.pk)
    else:
        initial = GoalPersonForm.initial_for(person) if person else {"role": "member"}
        form = GoalPersonForm(initial=initial, municipality=muni)
    return render(
        request,
        "goals/goal_person_form.html",
        municipality_context(request, muni, "goals", goal=goal, person=person, form=form),
    )


@login_required
def person_delete(request: HttpRequest, code: str, goal_pk: int, pk: int) -> HttpResponse:
    muni = municipality_by_code(code)
    goal = selectors.goal_for(request.user, muni, goal_pk)
    require_edit(request.user, muni)
    person = selectors.person_for(request.user, goal, pk)
    goal_url = reverse("goals:detail", args=[code, goal.pk])
    return confirm_delete(
        request,
        muni,
        "goals",
        delete=lambda: services.remove_person(request.user, person),
        deleted=_("The person was removed from the team."),
        done_url=goal_url,
        heading=_("Remove %(name)s from the team?") % {"name": person.name or person.title},
        explanation=_("The person is removed from the goal's team. Nothing else changes."),
        cancel_url=goal_url,
    )
