"""Reads of progress reports and target mappings, with the access rule applied."""

from django.http import Http404
from django.utils.translation import gettext as _

from .models import ProgressReport


def report_get_for_user(*, pk: int, user) -> ProgressReport:
    """A progress report behind a URL. Reports are for signed-in users; 404 otherwise."""
    report = (
        ProgressReport.objects.select_related("project__agreement", "approved_by")
        .prefetch_related("values__indicator", "entities__indicator")
        .filter(pk=pk)
        .first()
        if user.is_authenticated
        else None
    )
    if report is None:
        raise Http404(_("No such report."))
    return report
