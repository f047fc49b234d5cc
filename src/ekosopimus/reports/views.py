"""The summaries as pages and as PDF and XLSX downloads."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import ensure_reads_all
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.jobs.services import job_submit
from ekosopimus.lib.cells import parse_date

from .rendering import summary_context
from .summaries import agreement_summary, national_summary
from .tasks import RENDERERS, summary_params

FORMATS = tuple(RENDERERS)


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


def _download(request, *, slug: str | None, fmt: str, title: str):
    """Hand the rendering to a worker and open its page, which offers the file once it is
    ready. The same download asked again while it is being made is not made twice."""
    if fmt not in FORMATS:
        raise Http404(_("No such format."))
    since, until, _problems = _period(request.GET)
    job = job_submit(
        kind="summary",
        title=f"{title} ({fmt.upper()})",
        by=request.user,
        params=summary_params(slug=slug, fmt=fmt, since=since, until=until),
    )
    return redirect(job)


@login_required
def agreement(request, slug: str):
    """Johtoryhmän kooste of one agreement."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    since, until, problems = _period(request.GET)
    summary = agreement_summary(agreement=agreement, since=since, until=until)
    context = summary_context(summary)
    context.update(
        downloads={f: reverse("reports:agreement_download", args=[slug, f]) for f in FORMATS},
        query=request.GET.urlencode(),
        problems=problems,
    )
    return render(request, "reports/agreement.html", context)


@login_required
def agreement_download(request, slug: str, fmt: str):
    """The agreement's summary as a file, made in the background."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    return _download(
        request,
        slug=agreement.slug,
        fmt=fmt,
        title=_("Steering group summary – %(region)s") % {"region": agreement.city_region},
    )


@login_required
def national(request):
    """Ohjausryhmän kooste across every agreement."""
    ensure_reads_all(request.user)
    since, until, problems = _period(request.GET)
    summary = national_summary(since=since, until=until)
    context = summary_context(summary)
    context.update(
        downloads={f: reverse("reports:national_download", args=[f]) for f in FORMATS},
        query=request.GET.urlencode(),
        problems=problems,
    )
    return render(request, "reports/national.html", context)


@login_required
def national_download(request, fmt: str):
    """The national summary as a file, made in the background."""
    ensure_reads_all(request.user)
    return _download(request, slug=None, fmt=fmt, title=_("National steering group summary"))
