"""Work of the portfolio done by task workers: importing a EURA list."""

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.jobs.services import job_result_record

from .services import ImportRejected, projects_import


@register(
    "eura_import",
    label=gettext_lazy("EURA project list import"),
    phases={
        "read": gettext_lazy("Reading the file"),
        "check": gettext_lazy("Checking the rows"),
        "write": gettext_lazy("Saving"),
    },
)
def eura_import(job: Job, report) -> Outcome:
    """Import the uploaded list into the agreement, whole or not at all.

    An import that committed just before its worker was stopped is found done by its job and
    not imported twice.
    """
    if job.result_url:
        return Outcome(url=job.result_url)
    agreement = Agreement.objects.get(pk=job.params["agreement"])
    report("read", 0, 0)
    with default_storage.open(job.input_file, "rb") as stream:
        try:
            record = projects_import(
                agreement=agreement,
                stream=stream,
                filename=job.input_name,
                by=job.created_by,
                progress=report,
                on_recorded=lambda record: job_result_record(
                    job=job, url=reverse("portfolio:import_detail", args=[record.pk])
                ),
            )
        except ImportRejected as rejected:
            problems = [
                {"line": p.line, "column": p.column, "message": p.message}
                for p in rejected.problems
            ]
            raise JobRefused(
                _(
                    "The file was not imported, and nothing was changed. Correct the rows "
                    "listed below and import the file again."
                ),
                problems,
            ) from None
    return Outcome(
        message=_("%(created)s new and %(updated)s updated projects.")
        % {"created": record.created, "updated": record.updated},
        url=job.result_url,
    )
