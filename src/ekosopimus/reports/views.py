"""The summaries as pages and as PDF and XLSX downloads."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import ensure_reads_all
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.cells import parse_date
from ekosopimus.lib.pdf import PdfUnavailable

from .rendering import summary_context, summary_filename, summary_pdf, summary_xlsx
from .summaries import agreement_summary, national_summary

FORMATS = ("pdf", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(query) -> tuple[date | None, date | None, list[str]]:
    """The date range in the URL (alku, loppu); a date that cannot be read is dropped, and
    the page says so."""
    found, problems = {}, []
    for key in ("alku", "loppu"):
        raw = query.get(key, "").strip()
        try:
            found[key] = parse_date(raw)
        except ValueError as error:
            found[key] = None
            problems.append(str(error))
    since, until = found["alku"], found["loppu"]
    if since and until and since > until:
        problems.append(_("The period cannot end before it starts; showing everything until then."))
        since = None
    return since, until, problems


def _respond(request, summary, fmt: str, *, template: str, downloads: dict, problems):
    if fmt == "pdf":
        try:
            content = summary_pdf(summary)
        except PdfUnavailable as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
        response = HttpResponse(content, content_type="application/pdf")
    elif fmt == "xlsx":
        response = HttpResponse(summary_xlsx(summary), content_type=XLSX)
    elif fmt == "":
        context = summary_context(summary)
        context.update(downloads=downloads, query=request.GET.urlencode(), problems=problems)
        return render(request, template, context)
    else:
        raise Http404(_("No such format."))
    filename = summary_filename(summary, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def agreement(request, slug: str, fmt: str = ""):
    """Johtoryhmän kooste of one agreement."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    since, until, problems = _period(request.GET)
    summary = agreement_summary(agreement=agreement, since=since, until=until)
    return _respond(
        request,
        summary,
        fmt,
        template="reports/agreement.html",
        downloads={fmt: reverse("reports:agreement_download", args=[slug, fmt]) for fmt in FORMATS},
        problems=problems,
    )


@login_required
def national(request, fmt: str = ""):
    """Ohjausryhmän kooste across every agreement."""
    ensure_reads_all(request.user)
    since, until, problems = _period(request.GET)
    summary = national_summary(since=since, until=until)
    return _respond(
        request,
        summary,
        fmt,
        template="reports/national.html",
        downloads={fmt: reverse("reports:national_download", args=[fmt]) for fmt in FORMATS},
        problems=problems,
    )
