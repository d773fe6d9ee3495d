"""The national comparison's source files and the figures each holds per municipality.

A file is stored once (its SHA-256 is unique); a figure belongs to the file it came from, so
removing a file removes its figures. The newest import of each layout (`kind`) is the one the
comparison reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.organisations.models import Municipality


class SourceFile(models.Model):
    file_name = models.CharField(_("file name"), max_length=300)
    kind = models.CharField(_("layout"), max_length=40)
    publisher = models.CharField(_("publisher"), max_length=100)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    edition_date = models.DateField(_("edition date"), null=True, blank=True)
    sha256 = models.CharField(_("file SHA-256"), max_length=64, unique=True)
    rows = models.PositiveIntegerField(_("figures"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("national comparison source file")
        verbose_name_plural = _("national comparison source files")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.edition_label})"

    @property
    def edition_label(self) -> str:
        """The edition, else its date, else the start of its hash: a file always has a name."""
        if self.edition:
            return self.edition
        if self.edition_date:
            return self.edition_date.isoformat()
        return f"sha256 {self.sha256[:12]}"


class Figure(models.Model):
    """One municipality's figure in one file: a number, or text and a link (a climate plan)."""

    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="figures")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="national_figures"
    )
    key = models.CharField(_("key"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number = models.FloatField(_("number"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=2000, blank=True)
    row = models.PositiveIntegerField(_("row in the file"), null=True, blank=True)

    class Meta:
        ordering = ["source_file", "municipality", "key", "year"]
        indexes = [models.Index(fields=["source_file", "key"])]
        verbose_name = _("national comparison figure")
        verbose_name_plural = _("national comparison figures")

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.key} {self.year}: {self.number or self.text}"
