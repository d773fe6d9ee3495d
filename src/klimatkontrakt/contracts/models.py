"""The climate contract: one contract per municipality, one version per year, frozen once signed."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.contracts.structure import DEFAULT_STATUSES, default_status_label, heading_of
from klimatkontrakt.organisations.models import (
    Department,
    Municipality,
    MunicipalityStatus,
    Organisation,
)
from klimatkontrakt.organisations.sharing import shared_field


class FrozenVersionError(Exception):
    """A signed contract version cannot change."""


class Contract(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="contract"
    )
    title = models.CharField(_("title"), max_length=200, default="Klimatkontrakt 2030")
    first_signed_year = models.PositiveIntegerField(_("first signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return f"{self.title} – {self.municipality.name}"


class ContractVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published versions are visible to everyone; signing publishes."),
    )
    shared_with_programme = shared_field()
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )
    # The year's common part (sections 4-8 and the programme's and agencies' commitments):
    # linked, not copied, so each text and status has one home (docs/decisions.md).
    common_part = models.ForeignKey(
        "contracts.CommonPart",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("common part"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="unique_version_year")
        ]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")

    def __str__(self) -> str:
        return f"{self.contract} {self.year}"

    @property
    def is_signed(self) -> bool:
        return self.state == self.State.SIGNED

    @property
    def municipality(self) -> Municipality:
        return self.contract.municipality


class FrozenWithVersion(models.Model):
    """Rows of a version refuse any change once the version is signed (defence in depth)."""

    version: "models.ForeignKey[ContractVersion, ContractVersion]"
    version_id: int

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._check_unfrozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._check_unfrozen()
        return super().delete(*args, **kwargs)

    def _check_unfrozen(self) -> None:
        version = ContractVersion.objects.filter(pk=self.version_id).only("state").first()
        if version is not None and version.is_signed:
            raise FrozenVersionError(
                _("The %(year)s version is signed and can no longer be changed.")
                % {"year": version.year}
            )


class Party(FrozenWithVersion):
    class Role(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        AGENCY = "agency", _("Agency")
        PROGRAMME = "programme", _("Viable Cities")

    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveIntegerField(default=0)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="unique_party")
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.organisation.name


class Section(FrozenWithVersion):
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=40)
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_section_key")
        ]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    # Set by selectors.sections_with_commitments when the version takes a year's common part:
    # the common section of this key, shown before the city's own text.
    common_section: Any = None

    @property
    def is_locked_for_city(self) -> bool:
        """Its text is the common part's (set by the selector), not the city's to edit."""
        from klimatkontrakt.contracts.structure import is_locked_for_city

        return self.common_section is not None and is_locked_for_city(self.key)

    @property
    def heading(self) -> str:
        """The title in the interface language (contracts.structure.heading_of)."""
        from klimatkontrakt.contracts.structure import heading_of

        return heading_of(self.key, self.title)


class CommitmentStatus(MunicipalityStatus):
    """Per-municipality list of statuses (municipalities name their stages differently)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="commitment_statuses"
    )
    carries_over = models.BooleanField(
        _("carries over"),
        default=True,
        help_text=_("Commitments with this status are carried over to next year's version."),
    )

    class Meta(MunicipalityStatus.Meta):
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="unique_status_key")
        ]
        verbose_name = _("commitment status")
        verbose_name_plural = _("commitment statuses")


class Commitment(FrozenWithVersion):
    version = models.ForeignKey(
        ContractVersion, on_delete=models.CASCADE, related_name="commitments"
    )
    lineage = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="The same commitment across yearly versions shares one lineage.",
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="commitments")
    joint = models.BooleanField(
        _("joint commitment"),
        default=False,
        help_text=_("Made jointly by all parties of this party's kind, e.g. the six agencies."),
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="commitments")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    planned_year = models.PositiveIntegerField(_("planned year"), null=True, blank=True)
    status = models.ForeignKey(CommitmentStatus, on_delete=models.PROTECT, related_name="+")
    responsible_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        verbose_name=_("responsible department"),
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    carried_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_to"
    )
    order = models.PositiveIntegerField(default=0)
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["version", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "lineage"], name="unique_lineage_per_version"
            )
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    @property
    def party_label(self) -> str:
        if self.joint and self.party.role == Party.Role.AGENCY:
            return str(_("The agencies jointly"))
        return self.party.organisation.name

    @property
    def is_carried_over(self) -> bool:
        return self.carried_over_from_id is not None

    @property
    def status_label(self) -> str:
        return self.status.label(get_language())


class CommitmentChange(models.Model):
    """Who changed what, when. Kept when the commitment itself is removed from a draft."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")
        CARRIED_OVER = "carried_over", _("carried over")

    commitment = models.ForeignKey(
        Commitment, null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="+")
    lineage = models.UUIDField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Kind.choices)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("commitment change")
        verbose_name_plural = _("commitment changes")

    def __str__(self) -> str:
        return f"{self.action} {self.lineage} ({self.at:%Y-%m-%d})"


# The common part of the contract: what every city's contract carries in a year (Viable Cities'
# commitments, the agencies' joint commitments, the strategic development projects, the joint
# follow-up, the contract clause). Kept once by Viable Cities' programme office; each city's
# version links to its year's common part.

STATUS_CHOICES = [(key, en) for key, _sv, en, _carries in DEFAULT_STATUSES]


class CommonPart(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FIXED = "fixed", _("Fixed")

    year = models.PositiveIntegerField(_("year"), unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_part"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("common part of the contract")
        verbose_name_plural = _("common parts of the contract")

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def is_fixed(self) -> bool:
        return self.state == self.State.FIXED


class CommonSection(models.Model):
    common_part = models.ForeignKey(CommonPart, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(_("key"), max_length=40)
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["common_part", "order"]
        constraints = [
            models.UniqueConstraint(fields=["common_part", "key"], name="unique_common_section")
        ]
        verbose_name = _("common section")
        verbose_name_plural = _("common sections")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def heading(self) -> str:
        return heading_of(self.key, self.title)


class CommonCommitment(models.Model):
    """A commitment of the programme or of one agency (the lead of a joint commitment), the
    same in every city's contract of the year; its owner keeps its status, once for all."""

    common_part = models.ForeignKey(
        CommonPart, on_delete=models.CASCADE, related_name="commitments"
    )
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    section = models.ForeignKey(CommonSection, on_delete=models.PROTECT, related_name="commitments")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="common_commitments",
        verbose_name=_("owner"),
    )
    joint = models.BooleanField(
        _("joint commitment"),
        default=False,
        help_text=_("Made jointly by all six agencies; the owner leads it and keeps its status."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    planned_year = models.PositiveIntegerField(_("planned year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    carried_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_to"
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["common_part", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["common_part", "lineage"], name="unique_common_lineage")
        ]
        verbose_name = _("common commitment")
        verbose_name_plural = _("common commitments")

    def __str__(self) -> str:
        return self.title

    @property
    def party_label(self) -> str:
        if self.joint:
            return str(_("The agencies jointly (lead: %(owner)s)") % {"owner": self.owner.name})
        return self.owner.name

    @property
    def status_label(self) -> str:
        return default_status_label(self.status, get_language())

    @property
    def is_carried_over(self) -> bool:
        return self.carried_over_from_id is not None
