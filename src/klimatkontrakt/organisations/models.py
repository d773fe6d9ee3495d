"""Who is who: counties, municipalities, their departments, agencies, and users' roles."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Organisation(models.Model):
    """The unit that holds roles: a municipality, an agency, Viable Cities, a company ..."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        AGENCY = "agency", _("Agency")
        PROGRAMME = "programme", _("Programme (Viable Cities)")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    # The contact point of the open data catalogue (opendata/catalogue.py): published as is.
    # db_default: a row written without it (an older release, a migration's historical model)
    # has none, as the sharing flags do (organisations/sharing.py).
    open_data_email = models.EmailField(
        _("open data contact e-mail"),
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "A functional mailbox of the organisation for questions about its open data (e.g. "
            "oppnadata@kommun.se), never a person's own address: it is published in the open "
            "data catalogue that dataportal.se harvests."
        ),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("SCB code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="municipality"
    )
    in_climate_contract = models.BooleanField(_("signatory of Klimatkontrakt 2030"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def display_name(self) -> str:
        """'Karlstads kommun' style name used in documents."""
        stem = self.name
        genitive = stem if stem.endswith(("s", "x", "z")) else f"{stem}s"
        return f"{genitive} kommun"


class MunicipalityStatus(models.Model):
    """A municipality's own list of stages (commitment statuses, action statuses).

    Municipalities name their stages differently, so each keeps a table instead of an enum.
    A concrete table adds its flag and its unique constraint on (municipality, key), and
    redeclares `municipality` to keep its own related_name."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    key = models.SlugField(_("key"), max_length=40)
    name_sv = models.CharField(_("name (Swedish)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)
    order = models.PositiveIntegerField(default=0)

    objects = models.Manager()  # declared so that code typed with the base can query

    class Meta:
        abstract = True
        ordering = ["municipality", "order"]

    def __str__(self) -> str:
        return self.name_sv

    def label(self, language: str | None) -> str:
        return self.name_en if (language or "sv").startswith("en") else self.name_sv


class Department(models.Model):
    """A unit of the municipal group (kommunkoncernen)."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "forvaltning", _("Administration (förvaltning)")
        COMPANY = "bolag", _("Municipal company (bolag)")
        COMMITTEE = "namnd", _("Committee (nämnd)")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_department_name")
        ]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    # The unit the member works in: its queue of proposals to answer (engagement).
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("department"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class ApiToken(models.Model):
    """A personal token for programs using the API (`Authorization: Bearer <token>`).

    Only a hash of the token is stored: the token itself is shown once, when it is created, and
    `prefix` (its first characters) names it on the page. It acts with its user's roles and no
    more; a read token cannot write (organisations/tokens.py, docs/api.md)."""

    class Scope(models.TextChoices):
        READ = "read", _("Read")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("access"), max_length=10, choices=Scope.choices)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    # SHA-256 of the whole token, hex: the token has 256 random bits, no slow hash is needed.
    secret_hash = models.CharField(max_length=64)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.revoked is None and self.expires > now
