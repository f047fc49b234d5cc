from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekosopimus.agreements.models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    FocusArea,
    MethodCategory,
)
from ekosopimus.lib.versions import Versioned
from ekosopimus.monitoring.models import IndicatorDefinition
from ekosopimus.organizations.models import Organization


class ProjectStatus(models.TextChoices):
    """Where a project is in its life; ``portfolio.lifecycle`` says which moves are allowed."""

    IDEA = "idea", _("Project idea")
    PREPARATION = "preparation", _("In preparation")
    PROPOSED = "proposed", _("Proposed to the steering group")
    SELECTED = "selected", _("Proposed for funding")
    REJECTED = "rejected", _("Rejected by the steering group")
    RETURNED = "returned", _("Returned for revision")
    GRANTED = "granted", _("Funding granted")
    REFUSED = "refused", _("Funding refused")
    ONGOING = "ongoing", _("Ongoing")
    CLOSED = "closed", _("Closed")
    DISCONTINUED = "discontinued", _("Discontinued")


class ProgrammePeriod(models.TextChoices):
    P2021 = "2021-2027", _("2021–2027")
    P2014 = "2014-2020", _("2014–2020")
    P2007 = "2007-2013", _("2007–2013")


class Project(Versioned):
    """A project that implements (or is meant to implement) one agreement.

    A project with no focus area is "unlinked": it waits in the coordinators' queue.
    """

    # No index of its own: the (agreement, status) index starts with it.
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("agreement"),
        db_index=False,
    )
    code = models.CharField(
        _("project code"), max_length=20, blank=True, help_text=_("EURA code, e.g. A70301.")
    )
    group_code = models.CharField(_("group project code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    programme_period = models.CharField(
        _("programme period"),
        max_length=10,
        choices=ProgrammePeriod.choices,
        default=ProgrammePeriod.P2021,
    )
    lead_implementer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("lead implementer"),
    )
    co_implementers = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="co_implemented_projects",
        verbose_name=_("co-implementers"),
    )
    funding_authority = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_projects",
        verbose_name=_("funding authority"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="projects", verbose_name=_("focus areas")
    )
    action_group = models.ForeignKey(
        ActionGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("action group"),
    )
    action_plan_item = models.ForeignKey(
        ActionPlanItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("action plan item"),
    )
    method_category = models.ForeignKey(
        MethodCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("method category"),
    )
    call = models.ForeignKey(
        "Call",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("call"),
    )
    indicators = models.ManyToManyField(
        IndicatorDefinition,
        blank=True,
        related_name="projects",
        verbose_name=_("indicators reported"),
    )
    is_coordination_project = models.BooleanField(_("coordination project"), default=False)
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The file a project was imported from."),
    )
    import_fingerprint = models.CharField(
        _("last imported row"),
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("A digest of the file row the project was last imported from."),
    )
    # The budget is edited as a whole on a form of its own, so it has a version of its own: a
    # change of the money does not make an open edit of the name stale, nor the other way.
    budget_version = models.PositiveIntegerField(_("budget version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # History is read per project (by id and date); indexing its links would only slow imports.
    history = HistoricalRecords(
        m2m_fields=[focus_areas, co_implementers],
        no_db_index=[
            "agreement",
            "lead_implementer",
            "funding_authority",
            "action_group",
            "action_plan_item",
            "method_category",
            "call",
        ],
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["agreement", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="project_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProjectStatus.values),
                name="project_status_known",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="project_has_a_name"),
        ]
        indexes = [
            models.Index(fields=["agreement", "status"]),
            # The portfolio list's order: a page is read from the index, not sorted anew.
            models.Index(fields=["agreement", "name"], name="project_agreement_name"),
            # The portfolio page counts its sample projects: few, found without a scan.
            models.Index(fields=["agreement"], condition=Q(is_sample=True), name="project_sample"),
        ]

    def clean(self) -> None:
        # The check constraint's rule, said in the user's language before the database refuses.
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The project cannot end before it starts.")}, code="order"
            )

    def __str__(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    def get_absolute_url(self) -> str:
        return reverse("portfolio:project", kwargs={"pk": self.pk})
