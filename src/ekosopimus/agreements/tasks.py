"""Work of the register done by task workers: reading an agreement from its document."""

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.jobs.services import job_result_record

from .documents import DocumentUnreadable
from .services import agreement_draft_create


@register("agreement_document", label=gettext_lazy("Reading an agreement document"))
def agreement_document(job: Job, report) -> Outcome:
    """Read the uploaded document into a draft for review; the draft's page is the result."""
    if job.result_url:
        return Outcome(url=job.result_url)
    with default_storage.open(job.input_file, "rb") as stream:
        content = stream.read()
    try:
        agreement_draft_create(
            content=content,
            filename=job.input_name,
            by=job.created_by,
            on_recorded=lambda draft: job_result_record(job=job, url=draft.get_absolute_url()),
        )
    except DocumentUnreadable as problem:
        raise JobRefused(f"{problem} {_('Nothing was stored.')}") from None
    return Outcome(message=_("The draft is ready for review."), url=job.result_url)
