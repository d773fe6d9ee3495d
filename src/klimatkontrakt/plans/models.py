"""Action plans: work packages, per-municipality action statuses, actions with dated updates,
action-table imports and the change log of actions and trainings.

The tables keep the names they had in the former follow-up app (docs/decisions.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.investments.models import FUNDER_KINDS
from klimatkontrakt.organisations.models import Department, Municipality, MunicipalityStatus
from klimatkontrakt.organisations.sharing import shared_field


class ActionPlan(models.Model):
    """A plan with actions: the energy and climate plan, the waste plan, a project plan ..."""

    class Kind(models.TextChoices):
        ENERGY_CLIMATE = "energy_climate", _("Energy and climate plan")
        WASTE = "waste", _("Waste plan")
        TRAFFIC = "traffic", _("Traffic plan")
        CYCLING = "cycling", _("Cycling plan")
        STORMWATER = "stormwater", _("Stormwater plan")
        PROJECT = "project", _("Project plan")
        OTHER = "other", _("Other plan")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="action_plans"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    owner_name = models.CharField(
        _("owner"), max_length=200, help_text=_("The coordinator responsible for the document.")
    )
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    update_interval_days = models.PositiveIntegerField(
        _("update interval (days)"),
        default=90,
        help_text=_("Actions not updated within this many days are flagged."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    shared_with_programme = shared_field()
    include_in_report = models.BooleanField(
        _("include in report"),
        default=False,
        help_text=_("A draft follow-up report may use it before it is published."),
    )

    class Meta:
        db_table = "followup_actionplan"
        ordering = ["municipality", "title"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "title"], name="unique_plan_title"),
            models.CheckConstraint(
                condition=models.Q(update_interval_days__gte=1), name="plan_interval_positive"
            ),
        ]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title


class WorkPackage(models.Model):
    """A part of a plan: a work package (AP1-AP4) or a development area of the waste plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="work_packages")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "followup_workpackage"
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_work_package_code")
        ]
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ActionStatus(MunicipalityStatus):
    """Per-municipality list of action statuses; municipalities name their stages differently."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="action_statuses"
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Closed actions are not asked for updates.")
    )

    class Meta(MunicipalityStatus.Meta):
        db_table = "followup_actionstatus"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="unique_action_status")
        ]
        verbose_name = _("action status")
        verbose_name_plural = _("action statuses")


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    identifier = models.CharField(_("identifier"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible department"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.ForeignKey(ActionStatus, on_delete=models.PROTECT, related_name="actions")
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="actions")
    # The link is to one version's commitment; pages follow its lineage to the latest version.
    commitments = models.ManyToManyField(
        "contracts.Commitment",
        blank=True,
        related_name="actions",
        verbose_name=_("linked contract commitments"),
    )
    funders = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="funded_actions",
        limit_choices_to={"kind__in": FUNDER_KINDS},
        verbose_name=_("funded by or part of a programme of"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_update_at = models.DateTimeField(_("last update"), null=True, blank=True)
    # The import that created the action: removing that import removes it.
    source_import = models.ForeignKey(
        "ActionImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_actions",
    )

    class Meta:
        db_table = "followup_action"
        ordering = ["plan", "identifier"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "identifier"], name="unique_action_identifier"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_max_100"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="action_ends_after_start",
            ),
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"


class ActionUpdate(models.Model):
    """A dated status update of an action; kept as its history."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    status = models.ForeignKey(ActionStatus, on_delete=models.PROTECT, related_name="+")
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "followup_actionupdate"
        ordering = ["action", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="update_progress_max_100"
            )
        ]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")

    def __str__(self) -> str:
        return f"{self.action.identifier} {self.created_at:%Y-%m-%d}"


class ActionImport(FileImport):
    """An action table taken in; the hash makes a second import of the same file a no-op."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="imports")

    class Meta:
        db_table = "followup_actionimport"
        constraints = [
            models.UniqueConstraint(fields=["plan", "sha256"], name="unique_action_import")
        ]


class FollowupChange(models.Model):
    """Who changed or removed an action or a training, when; kept after the record is gone."""

    class Kind(models.TextChoices):
        ACTION = "action", _("action")
        TRAINING = "training", _("training")

    class What(models.TextChoices):
        UPDATED = "updated", _("changed")
        DELETED = "deleted", _("deleted")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="followup_changes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    label = models.CharField(max_length=300)
    what = models.CharField(max_length=10, choices=What.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # Field values before (and after) the change; contact names and e-mails are left out.
    changes = models.JSONField(default=dict)

    class Meta:
        db_table = "followup_followupchange"
        ordering = ["-at", "-pk"]
        verbose_name = _("follow-up change")
        verbose_name_plural = _("follow-up changes")

    def __str__(self) -> str:
        return f"{self.what} {self.kind} {self.label}"
