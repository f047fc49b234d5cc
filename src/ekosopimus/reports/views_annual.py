"""The annual reports, the narratives and the meeting pack as pages and downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure, ensure_reads_all
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.jobs.services import job_submit
from ekosopimus.portfolio.selectors import meeting_get_for_user

from .annual import annual_report, national_annual_report
from .compose import annual_document, national_document, national_title
from .forms import NarrativeForm
from .meeting import meeting_document, meeting_pack
from .models import Narrative
from .outputs import RENDERERS
from .periods import YearOutside, agreement_years, year_check
from .services import narrative_approve, narrative_write
from .tasks import report_params

FORMATS = tuple(RENDERERS)
MEETING_FORMATS = ("docx", "pdf")


def _submit(request, *, title: str, fmt: str, formats=FORMATS, **params):
    if fmt not in formats:
        raise Http404(_("No such format."))
    job = job_submit(
        kind="report",
        title=f"{title} ({fmt.upper()})",
        by=request.user,
        params=report_params(fmt=fmt, **params),
    )
    return redirect(job)


def _year_refused(request, agreement, error: YearOutside):
    context = {"agreement": agreement, "message": str(error), "years": agreement_years(agreement)}
    return render(request, "reports/year_refused.html", context, status=404)


def _annual_page(request, agreement, year: int, *, forms=None, status=200):
    report = annual_report(agreement=agreement, year=year, user=request.user)
    access = access_for(request.user)
    forms = forms or {}
    areas = [
        (
            item,
            forms.get(item.focus_area.number)
            or NarrativeForm(initial={"text": item.narrative.text if item.narrative else ""}),
        )
        for item in report.narratives
    ]
    context = {
        "agreement": agreement,
        "year": year,
        "years": agreement_years(agreement),
        "report": report,
        "document": annual_document(report),
        "areas": areas,
        "writes": access.edits_portfolio(agreement.pk),
        "approves": access.is_admin or agreement.pk in access.steers,
        "downloads": {
            f: reverse("reports:annual_download", args=[agreement.slug, year, f]) for f in FORMATS
        },
    }
    return render(request, "reports/annual.html", context, status=status)


@login_required
def annual(request, slug: str, year: int):
    """The agreement's annual report of ``year``, with the narratives to write and approve."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    try:
        year_check(agreement=agreement, year=year)
    except YearOutside as error:
        return _year_refused(request, agreement, error)
    return _annual_page(request, agreement, year)


@login_required
def annual_latest(request, slug: str):
    """The annual report of the last full year the agreement ran (or its first year)."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    years = agreement_years(agreement)
    year = min(max(timezone.localdate().year - 1, years[0]), years[-1])
    return redirect("reports:annual", slug=agreement.slug, year=year)


@login_required
@require_POST
def narrative_save(request, slug: str, year: int, number: str):
    """The coordinator saves a focus area's narrative."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    # Refused before the text is checked: a reader who may not write learns nothing from it.
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            narrative_write(
                agreement=agreement,
                year=year,
                focus_area_number=number,
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("text", error)
    if not form.is_valid():
        try:
            year_check(agreement=agreement, year=year)
        except YearOutside as error:
            return _year_refused(request, agreement, error)
        return _annual_page(request, agreement, year, forms={number: form}, status=400)
    messages.success(
        request, _("The narrative of %(number)s is saved as a draft.") % {"number": number}
    )
    return redirect(reverse("reports:annual", args=[slug, year]) + f"#focus-area-{number}")


@login_required
@require_POST
def narrative_approve_view(request, slug: str, year: int, number: str):
    """A steering group member approves a focus area's narrative as it reads now."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    narrative = get_object_or_404(
        Narrative, agreement=agreement, year=year, focus_area_number=number
    )
    narrative_approve(narrative=narrative, by=request.user)
    messages.success(request, _("The narrative of %(number)s is approved.") % {"number": number})
    return redirect(reverse("reports:annual", args=[slug, year]) + f"#focus-area-{number}")


@login_required
def annual_download(request, slug: str, year: int, fmt: str):
    """The annual report as a file, made in the background."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    try:
        year_check(agreement=agreement, year=year)
    except YearOutside as error:
        return _year_refused(request, agreement, error)
    title = _("Annual report %(year)s – %(region)s") % {
        "year": year,
        "region": agreement.city_region,
    }
    return _submit(request, title=title, fmt=fmt, report="annual", slug=agreement.slug, year=year)


def _national_year(year: int) -> None:
    if not 2021 <= year <= 2027:
        raise Http404(
            _("The agreements run from 2021 to 2027; there is no report of %(year)s.")
            % {"year": year}
        )


@login_required
def national_annual(request, year: int):
    """Every agreement's annual figures side by side, for the national steering group."""
    ensure_reads_all(request.user)
    _national_year(year)
    document = national_document(national_annual_report(year=year))
    context = {
        "document": document,
        "year": year,
        "years": range(2021, 2028),
        "downloads": {
            f: reverse("reports:national_annual_download", args=[year, f]) for f in FORMATS
        },
    }
    return render(request, "reports/national_annual.html", context)


@login_required
def national_annual_download(request, year: int, fmt: str):
    ensure_reads_all(request.user)
    _national_year(year)
    return _submit(request, title=national_title(year), fmt=fmt, report="national", year=year)


@login_required
def meeting(request, pk: int):
    """The meeting pack of a steering group meeting, as a page."""
    found = meeting_get_for_user(pk=pk, user=request.user)
    document = meeting_document(meeting_pack(meeting=found, user=request.user))
    context = {
        "agreement": found.agreement,
        "meeting": found,
        "document": document,
        "downloads": {
            f: reverse("reports:meeting_download", args=[pk, f]) for f in MEETING_FORMATS
        },
    }
    return render(request, "reports/meeting.html", context)


@login_required
def meeting_download(request, pk: int, fmt: str):
    found = meeting_get_for_user(pk=pk, user=request.user)
    title = _("Meeting pack – %(meeting)s") % {"meeting": found.title}
    return _submit(
        request, title=title, fmt=fmt, formats=MEETING_FORMATS, report="meeting", meeting=found.pk
    )
