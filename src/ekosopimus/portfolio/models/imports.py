from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
    differences = models.PositiveIntegerField(
        _("differences from the portfolio"),
        default=0,
        help_text=_("Values the list states otherwise than the portfolio; they wait in the inbox."),
    )
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


class EuraDifference(models.Model):
    """A value a re-imported EURA list states otherwise than the portfolio holds it: granted
    money, dates, status or the lead implementer. The import does not overwrite it; the
    difference waits, with both values, until a coordinator accepts EURA's value, keeps the
    portfolio's, or records a change request of it.

    Values are kept as text a machine reads back: dates in ISO form, amounts with two decimals,
    a status by its key, an organisation by its id.
    """

    class Field(models.TextChoices):
        GRANTED = "granted", _("Granted money")
        START_DATE = "start_date", _("Start date")
        END_DATE = "end_date", _("End date")
        STATUS = "status", _("Status")
        LEAD_IMPLEMENTER = "lead_implementer", _("Lead implementer")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        ACCEPTED = "accepted", _("EURA's value accepted")
        KEPT = "kept", _("The portfolio's value kept")
        CHANGE_REQUEST = "change_request", _("Recorded as a change request")
        AGREED = "agreed", _("A later EURA list agrees")

    project = models.ForeignKey(
        "Project",
        on_delete=models.CASCADE,
        related_name="eura_differences",
        verbose_name=_("project"),
        db_index=False,
    )
    project_import = models.ForeignKey(
        ProjectImport,
        on_delete=models.PROTECT,
        related_name="differences_found",
        verbose_name=_("EURA list"),
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    # The budget line of a difference in granted money; blank otherwise.
    source = models.CharField(_("source"), max_length=20, blank=True)
    instrument = models.CharField(_("instrument"), max_length=10, blank=True)
    held_value = models.CharField(_("value held"), max_length=200, blank=True)
    eura_value = models.CharField(_("EURA's value"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    change_request = models.ForeignKey(
        "ChangeRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eura_differences",
        verbose_name=_("change request"),
    )

    history = HistoricalRecords(no_db_index=["project", "project_import", "change_request"])

    class Meta:
        verbose_name = _("difference from EURA")
        verbose_name_plural = _("differences from EURA")
        ordering = ["project", "field", "source", "instrument", "-found_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "field", "source", "instrument"],
                condition=Q(status="open"),
                name="eura_difference_open_once",
            ),
            models.CheckConstraint(
                condition=Q(field__in=["granted", "start_date", "end_date", "status",
                                       "lead_implementer"]),
                name="eura_difference_field_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "accepted", "kept", "change_request", "agreed"]),
                name="eura_difference_status_known",
            ),
            models.CheckConstraint(
                condition=Q(field="granted") | Q(source="", instrument=""),
                name="eura_difference_line_only_for_money",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["project", "status"])]

    def __str__(self) -> str:
        return f"{self.project} – {self.get_field_display()}"
