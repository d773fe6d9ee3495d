"""Proposals from pupils and citizens (elevborgarråd, medborgarförslag), tracked to an answer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.imports import FileImport
from klimatkontrakt.organisations.models import Department, Municipality, MunicipalityStatus


class Channel(models.TextChoices):
    PUPILS_COUNCIL = "pupils_council", _("Pupils' council")
    CITIZEN = "citizen", _("Citizen proposal")
    DIALOGUE = "dialogue", _("Dialogue")


class ProposalState(MunicipalityStatus):
    """A municipality's stages of a proposal; the defaults are received, selected, assigned,
    answered, done and not selected. The workflow moves proposals by `key`."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposal_states"
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("Closed proposals need nothing more.")
    )

    class Meta(MunicipalityStatus.Meta):
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="unique_proposal_state")
        ]
        verbose_name = _("proposal state")
        verbose_name_plural = _("proposal states")


class ProposalTheme(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposal_themes"
    )
    name = models.CharField(_("theme"), max_length=60)

    class Meta:
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_proposal_theme")
        ]
        verbose_name = _("proposal theme")
        verbose_name_plural = _("proposal themes")

    def __str__(self) -> str:
        return self.name


class ProposalImport(FileImport):
    """A file of proposals taken in; the hash makes the same file a second time a no-op."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposal_imports"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "sha256"], name="unique_proposal_import"
            )
        ]
        verbose_name = _("proposal import")
        verbose_name_plural = _("proposal imports")


class ProposalSelection(models.Model):
    """One editor's bulk selection: which proposals go on to the departments, who and why."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposal_selections"
    )
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    selected_at = models.DateTimeField(_("selected"), default=timezone.now)
    reason = models.TextField(_("reason for the selection"))

    class Meta:
        ordering = ["-selected_at"]
        verbose_name = _("proposal selection")
        verbose_name_plural = _("proposal selections")

    def __str__(self) -> str:
        return f"{self.selected_at:%Y-%m-%d}: {self.reason[:60]}"


class Proposal(models.Model):
    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Published")
        HIDDEN = "hidden", _("Not published")

    class HiddenReason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("Personal data")
        OFFENSIVE = "offensive", _("Offensive content")
        OFF_TOPIC = "off_topic", _("Not a proposal")
        OTHER = "other", _("Other reason")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="proposals"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    text = models.TextField(_("proposal"), max_length=4000)
    # The text as sent, kept private when an editor removed personal data from `text`.
    original_text = models.TextField(_("original text"), blank=True)
    themes = models.ManyToManyField(ProposalTheme, blank=True, related_name="proposals")
    school = models.CharField(_("school"), max_length=120, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    received = models.DateField(_("received"), default=timezone.localdate)
    state = models.ForeignKey(ProposalState, on_delete=models.PROTECT, related_name="proposals")
    # Citizens only, never public; erased after the answer plus the retention period.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    contact_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    hidden_reason = models.CharField(
        _("reason"), max_length=20, choices=HiddenReason.choices, blank=True
    )
    moderation_note = models.TextField(_("moderator's note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    selection = models.ForeignKey(
        ProposalSelection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("department"),
    )
    deadline = models.DateField(_("answer by"), null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    reminded_before = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue = models.DateField(null=True, blank=True, editable=False)
    source_import = models.ForeignKey(
        ProposalImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="proposals",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality", "-received", "pk"]
        indexes = [models.Index(fields=["municipality", "moderation"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__isnull=True) | models.Q(grade__lte=12),
                name="proposal_grade_max_12",
            )
        ]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:60]}"

    @property
    def is_published(self) -> bool:
        return self.moderation == self.Moderation.APPROVED


class Answer(models.Model):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        ALREADY_DONE = "already_done", _("Already done")
        IN_PROGRESS = "in_progress", _("In progress")

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="answer")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    text = models.TextField(_("answer"))
    cost_sek = models.DecimalField(
        _("cost (SEK)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    action = models.ForeignKey(
        "plans.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    measure = models.ForeignKey(
        "investments.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commitment = models.ForeignKey(
        "contracts.Commitment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="rejected") | ~models.Q(reason=""),
                name="rejected_answer_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_sek__isnull=True) | models.Q(cost_sek__gte=0),
                name="answer_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="answer_period_ends_after_start",
            ),
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.text[:60]}"


class IntakeAttempt(models.Model):
    """A public submission's keyed hash of the sender's address and its time, for the rate
    limit; nothing else of the sender, and erased after a day."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    address_key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_key", "at"])]
        verbose_name = _("proposal submission attempt")
        verbose_name_plural = _("proposal submission attempts")

    def __str__(self) -> str:
        return f"{self.address_key[:8]} {self.at:%Y-%m-%d %H:%M}"
