"""Summaries rendered by task workers: a PDF takes seconds to lay out, too long for a page."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import JobRefused, Outcome, register
from ekosopimus.lib.pdf import PdfUnavailable

from .rendering import summary_filename, summary_pdf, summary_xlsx
from .summaries import agreement_summary, national_summary

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RENDERERS = {"pdf": summary_pdf, "xlsx": summary_xlsx}


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
        content_type=CONTENT_TYPES[fmt],
    )
