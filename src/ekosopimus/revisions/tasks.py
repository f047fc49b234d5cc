"""Work of revisions done by task workers: reading a revised agreement from its document."""

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.documents import DocumentUnreadable
from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.jobs.services import job_result_record

from .services import revision_draft_create


@register("revision_document", label=gettext_lazy("Reading a revised agreement"))
def revision_document(job: Job, report) -> Outcome:
    """Read the revised document into a revision draft; its carry-over page is the result."""
    if job.result_url:
        return Outcome(url=job.result_url)
    agreement = Agreement.objects.get(slug=job.params["agreement"])
    with default_storage.open(job.input_file, "rb") as stream:
        content = stream.read()

    def recorded(draft) -> None:
        url = reverse("revisions:carry_over", args=[agreement.slug, draft.pk])
        job_result_record(job=job, url=url)

    try:
        revision_draft_create(
            agreement=agreement,
            content=content,
            filename=job.input_name,
            by=job.created_by,
            on_recorded=recorded,
        )
    except DocumentUnreadable as problem:
        raise JobRefused(f"{problem} {_('Nothing was stored.')}") from None
    return Outcome(message=_("The revision is ready for review."), url=job.result_url)
