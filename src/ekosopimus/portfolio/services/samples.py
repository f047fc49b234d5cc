"""Sample data for trying the system: generated only on request, marked wherever it shows."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement, Instrument
from ekosopimus.agreements.selectors import version_current
from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.services import organization_create

from ..models import FundingSource, Project, ProjectStatus
from .projects import project_budget_set, project_create

PREPARATION = ProjectStatus.PREPARATION
# Codes no EURA list uses, so that sample data never collides with an import.
CODE_PREFIX = "ESIM-"
IMPLEMENTERS = [
    ("Esimerkkiyliopisto", Organization.Kind.UNIVERSITY),
    ("Esimerkin ammattikorkeakoulu", Organization.Kind.UNIVERSITY_OF_APPLIED_SCIENCES),
    ("Esimerkkikaupunki", Organization.Kind.CITY),
    ("Esimerkkiteknologia Oy", Organization.Kind.COMPANY),
]
TOPICS = [
    "Kokeiluympäristö",
    "Yrityskiihdyttämö",
    "TKI-keskittymä",
    "Datan hyödyntäminen",
    "Osaajien saatavuus",
    "Innovatiiviset hankinnat",
]


@transaction.atomic
def sample_data_create(*, agreement: Agreement, by: AbstractBaseUser | None) -> list[Project]:
    """Add a small, clearly marked sample portfolio to ``agreement``: a project idea and a
    project in preparation per focus area, with implementers and planned money."""
    if Project.objects.filter(agreement=agreement, is_sample=True).exists():
        raise ValidationError(_("This agreement already has sample data."))
    version = version_current(agreement)
    areas = list(version.focus_areas.prefetch_related("action_groups")) if version else []
    if not areas:
        raise ValidationError(_("The agreement has no focus areas to put sample projects under."))
    reason = _("Sample data")
    implementers = [
        Organization.objects.filter(name=name, is_sample=True).first()
        or organization_create(name=name, kind=kind, is_sample=True, by=by, reason=reason)
        for name, kind in IMPLEMENTERS
    ]
    methods = list(version.method_categories.all()) if version else []
    projects = []
    for number, (area, status) in enumerate(
        ((area, status) for area in areas for status in (ProjectStatus.IDEA, PREPARATION)),
        start=1,
    ):
        group = area.action_groups.first()
        project = project_create(
            agreement=agreement,
            name=_("%(topic)s (sample %(number)s)")
            % {"topic": TOPICS[number % len(TOPICS)], "number": number},
            code=f"{CODE_PREFIX}{agreement.pk}-{number:03d}",
            summary=_("A sample project for trying the system. It is not a real project."),
            lead_implementer=implementers[number % len(implementers)],
            focus_areas=[area],
            action_group=group,
            method_category=methods[number % len(methods)] if methods else None,
            status=status,
            is_sample=True,
            by=by,
            reason=reason,
        )
        eu_state = Decimal(150_000 * (1 + number % 4))
        project_budget_set(
            project=project,
            lines=[
                {
                    "source": FundingSource.EU_STATE,
                    "instrument": Instrument.ERDF,
                    "planned": eu_state,
                },
                {"source": FundingSource.MUNICIPAL, "planned": eu_state * 2 / 3},
            ],  # fmt: skip
            by=by,
            reason=reason,
        )
        projects.append(project)
    return projects


@transaction.atomic
def sample_data_remove(*, agreement: Agreement, by: AbstractBaseUser | None) -> int:
    """Remove the agreement's sample projects, and sample organisations no project uses."""
    projects = Project.objects.filter(agreement=agreement, is_sample=True)
    count = projects.count()
    for project in projects:
        project._history_user = by
        project._change_reason = _("Sample data removed")
        project.delete()
    Organization.objects.filter(
        is_sample=True, led_projects__isnull=True, co_implemented_projects__isnull=True,
        funded_projects__isnull=True,
    ).delete()  # fmt: skip
    return count
