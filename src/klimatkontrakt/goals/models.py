"""Goal coordinators and teams: who carries each politically decided goal (`emissions.Goal`).

The tables keep the names they had in the former follow-up app (docs/decisions.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Department
from klimatkontrakt.organisations.sharing import shared_field


class GoalTeam(models.Model):
    """Who coordinates a politically decided goal; shown to the public only when published."""

    goal = models.OneToOneField(
        "emissions.Goal", on_delete=models.CASCADE, related_name="team", verbose_name=_("goal")
    )
    is_published = models.BooleanField(
        _("shown publicly"),
        default=False,
        help_text=_("Names, roles and departments are shown to everyone; e-mail never is."),
    )
    shared_with_programme = shared_field()

    class Meta:
        db_table = "followup_goalteam"
        verbose_name = _("goal team")
        verbose_name_plural = _("goal teams")

    def __str__(self) -> str:
        return str(self.goal)


class GoalPerson(models.Model):
    """The goal's coordinator or a team member, in their role: name, title, where they work."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Team member")

    team = models.ForeignKey(GoalTeam, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("role in the team"), max_length=12, choices=Role.choices)
    # Blank after the person's account was erased; the role and department stay.
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. climate strategist."))
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goal_people",
        verbose_name=_("department or company"),
    )
    organisation = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("A company or organisation outside the municipal group."),
    )
    email = models.EmailField(_("work e-mail"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "followup_goalperson"
        ordering = ["team", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"], condition=models.Q(role="coordinator"), name="one_goal_coordinator"
            )
        ]
        verbose_name = _("goal team member")
        verbose_name_plural = _("goal team members")

    def __str__(self) -> str:
        return f"{self.name or '–'} ({self.title})"

    @property
    def workplace(self) -> str:
        return self.department.name if self.department else self.organisation
