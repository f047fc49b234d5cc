"""Reads of progress reports and target mappings, with the access rule applied."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.portfolio.selectors import project_get_for_user

from .models import IndicatorDefinition, ProgressReport, ProjectTarget, TargetContribution


def report_get_for_user(*, pk: int, user) -> ProgressReport:
    """A progress report behind a URL, for those who read the agreement's internal data and
    the reporters of the project's organisations; 404 otherwise."""
    report = (
        ProgressReport.objects.select_related("project__agreement", "approved_by")
        .prefetch_related("values__indicator", "values__parts", "entities__indicator")
        .filter(pk=pk)
        .first()
    )
    access = access_for(user)
    if report is None or not (
        access.reads_agreement(report.project.agreement_id) or access.edits_project(report.project)
    ):
        raise Http404(_("No such report."))
    return report


def project_targets_get_for_user(*, pk: int, user):
    """A project whose targets ``user`` may read: those who read the agreement's internal data
    and the reporters of the project's organisations; 404 otherwise (as its reports)."""
    project = project_get_for_user(pk=pk, user=user)
    access = access_for(user)
    if not (access.reads_agreement(project.agreement_id) or access.edits_project(project)):
        raise Http404(_("No such project."))
    return project


def project_targets(*, project) -> list[ProjectTarget]:
    """The project's targets with their periods and categories, by indicator code."""
    return list(
        ProjectTarget.objects.filter(project=project)
        .select_related("indicator")
        .prefetch_related("periods", "parts")
        .order_by("indicator__code")
    )


def report_unmapped_indicators(*, report: ProgressReport) -> list[IndicatorDefinition]:
    """The indicators ``report`` gives values of that count towards none of its agreement's
    targets, neither from every project nor from the report's own: what to map next."""
    mapped = TargetContribution.objects.filter(
        target__focus_area__version__agreement_id=report.project.agreement_id
    ).filter(Q(project__isnull=True) | Q(project_id=report.project_id))
    return list(
        IndicatorDefinition.objects.filter(values__report=report)
        .exclude(pk__in=mapped.values("indicator_id"))
        .distinct()
        .order_by("code")
    )
