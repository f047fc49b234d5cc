"""Summaries and reports rendered by task workers: a PDF takes seconds to lay out, too long
for a page."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.lib.pdf import PdfUnavailable
from ekosopimus.portfolio.models import SteeringGroupMeeting

from .annual import annual_report, national_annual_report
from .compose import annual_document, national_document
from .meeting import meeting_document, meeting_pack
from .outputs import CONTENT_TYPES as DOCUMENT_TYPES
from .outputs import document_file
from .periods import YearOutside
from .rendering import summary_docx, summary_filename, summary_pdf, summary_xlsx
from .summaries import agreement_summary, national_summary

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RENDERERS = {"docx": summary_docx, "pdf": summary_pdf, "xlsx": summary_xlsx}


def summary_params(*, slug: str | None, fmt: str, since: date | None, until: date | None) -> dict:
    """The job parameters of a summary download (``slug`` None: the national summary)."""
    return {
        "slug": slug,
        "format": fmt,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@register(
    "summary",
    label=gettext_lazy("Summary file"),
    phases={
        "collect": gettext_lazy("Collecting the figures"),
        "render": gettext_lazy("Laying out"),
    },
)
def summary_render(job: Job, report) -> Outcome:
    """A steering group summary (or the national one) as a PDF or XLSX file."""
    params = job.params
    since, until = _date(params["since"]), _date(params["until"])
    report("collect", 0, 0)
    if params["slug"]:
        agreement = Agreement.objects.get(slug=params["slug"])
        summary = agreement_summary(agreement=agreement, since=since, until=until)
    else:
        summary = national_summary(since=since, until=until)
    report("render", 0, 0)
    fmt = params["format"]
    try:
        content = RENDERERS[fmt](summary)
    except PdfUnavailable as error:
        raise JobRefused(str(error)) from None
    return Outcome(
        message=_("The summary is ready."),
        content=content,
        file_name=summary_filename(summary, fmt),
        content_type=DOCUMENT_TYPES[fmt],
    )


def report_params(*, report: str, fmt: str, slug: str = "", year: int = 0, meeting: int = 0):
    """The job parameters of an annual report, a national one or a meeting pack."""
    return {"report": report, "format": fmt, "slug": slug, "year": year, "meeting": meeting}


@register(
    "report",
    label=gettext_lazy("Report file"),
    phases={
        "collect": gettext_lazy("Collecting the figures"),
        "render": gettext_lazy("Laying out"),
    },
)
def report_render(job: Job, report) -> Outcome:
    """An annual report, the national annual report or a meeting pack as DOCX, PDF or XLSX."""
    params, user = job.params, job.created_by
    report("collect", 0, 0)
    try:
        if params["report"] == "annual":
            agreement = Agreement.objects.get(slug=params["slug"])
            found = annual_report(agreement=agreement, year=params["year"], user=user)
            compose = annual_document
        elif params["report"] == "national":
            found = national_annual_report(year=params["year"])
            compose = national_document
        else:
            meeting = SteeringGroupMeeting.objects.select_related("agreement").get(
                pk=params["meeting"]
            )
            found = meeting_pack(meeting=meeting, user=user)
            compose = meeting_document
    except YearOutside as error:
        raise JobRefused(str(error)) from None
    report("render", 0, 0)
    fmt = params["format"]
    try:
        content, file_name = document_file(lambda: compose(found), fmt)
    except PdfUnavailable as error:
        raise JobRefused(str(error)) from None
    return Outcome(
        message=_("The report is ready."),
        content=content,
        file_name=file_name,
        content_type=DOCUMENT_TYPES[fmt],
    )
