from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ekosopimus.agreements.models import Agreement


class ProjectImport(models.Model):
    """One accepted import of a project list: who brought which file, and what it changed.

    A rejected file leaves no record of its own, as it changes nothing; its errors are shown to
    the user who tried.
    """

    class Format(models.TextChoices):
        EURA_2021 = "eura2021", _("EURA 2021 project export")
        EURA_2014 = "eura2014", _("EURA 2014 project list")
        EURA_2007 = "eura2007", _("EURA 2007 project list")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="imports", verbose_name=_("agreement")
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("new projects"))
    updated = models.PositiveIntegerField(_("updated projects"))
    unchanged = models.PositiveIntegerField(_("unchanged projects"))
    unlinked = models.PositiveIntegerField(_("left unlinked"))
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project import")
        verbose_name_plural = _("project imports")
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows=models.F("created") + models.F("updated") + models.F("unchanged")),
                name="project_import_rows_add_up",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name
