"""Work of the portfolio done by task workers: importing a EURA list, the minutes as PDF."""

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.jobs.services import job_result_record
from ekosopimus.lib.pdf import PdfUnavailable, html_to_pdf

from . import selectors
from .models import SteeringGroupMeeting
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


def minutes_html(meeting: SteeringGroupMeeting) -> str:
    """The minutes of ``meeting`` as a printable page; the PDF is made of the same page."""
    context = {
        "meeting": meeting,
        "created_at": timezone.localtime(),
        **selectors.meeting_detail(meeting=meeting),
    }
    return render_to_string("portfolio/minutes.html", context)


@register(
    "minutes_pdf",
    label=gettext_lazy("Minutes as PDF"),
    phases={"render": gettext_lazy("Laying out")},
)
def minutes_pdf(job: Job, report) -> Outcome:
    """A steering group meeting's minutes as an A4 PDF."""
    meeting = SteeringGroupMeeting.objects.select_related("agreement").get(pk=job.params["meeting"])
    report("render", 0, 0)
    try:
        content = html_to_pdf(minutes_html(meeting))
    except PdfUnavailable as error:
        raise JobRefused(str(error)) from None
    return Outcome(
        message=_("The minutes are ready."),
        content=content,
        file_name=f"poytakirja-{meeting.agreement.slug}-{meeting.held_on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
