"""Reads of progress reports and target mappings, with the access rule applied."""

from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for

from .models import ProgressReport


def report_get_for_user(*, pk: int, user) -> ProgressReport:
    """A progress report behind a URL, for those who read the agreement's internal data and
    the reporters of the project's organisations; 404 otherwise."""
    report = (
        ProgressReport.objects.select_related("project__agreement", "approved_by")
        .prefetch_related("values__indicator", "entities__indicator")
        .filter(pk=pk)
        .first()
    )
    access = access_for(user)
    if report is None or not (
        access.reads_agreement(report.project.agreement_id) or access.edits_project(report.project)
    ):
        raise Http404(_("No such report."))
    return report
