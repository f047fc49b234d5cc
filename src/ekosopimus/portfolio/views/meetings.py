"""Steering group meetings: the agenda, the decisions taken one at a time or together, and the
minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.jobs.services import job_submit
from ekosopimus.lib.forms import add_service_errors, return_to

from .. import selectors, services
from ..forms import AgendaItemForm, AssessmentForm, AttendeeForm, ConflictForm, MeetingForm
from ..models import Decision
from ..services.decisions import SteeringChoice
from ..tasks import minutes_html


@login_required
def meeting_list(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    return render(
        request,
        "portfolio/meeting_list.html",
        {"agreement": agreement, "meetings": selectors.meeting_list(agreement=agreement)},
    )


@login_required
def meeting_create(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                agreement=agreement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            back = return_to(request)
            if back:
                # Back to the page that needed a meeting, with the new one chosen there.
                messages.success(request, _("The meeting was created."))
                separator = "&" if "?" in back else "?"
                return redirect(f"{back}{separator}kokous={meeting.pk}")
            return redirect(meeting)
    return render(request, "portfolio/meeting_form.html", {"form": form, "agreement": agreement})


def _assessment_form(item, data=None) -> AssessmentForm:
    # A prefix per item keeps the ids of the page's many notes fields apart.
    return AssessmentForm(data, prefix=f"arvio-{item.pk}", initial={"notes": item.assessment})


def _agenda_rows(request, meeting, detail, bound=None):
    """The agenda with each proposal's decision and, for those who prepare the meeting, a form
    for the assessor's notes on each proposal not yet decided."""
    prepares = access_for(request.user).edits_portfolio(meeting.agreement_id)
    rows = []
    for item, decision in detail["agenda"]:
        form = None
        if prepares and item.project_id and decision is None:
            form = bound if bound is not None and bound.prefix == f"arvio-{item.pk}" else None
            form = form or _assessment_form(item)
        rows.append((item, decision, form))
    return rows


def _meeting_context(request, meeting, bound_assessment=None, **forms):
    detail = selectors.meeting_detail(meeting=meeting)
    return {
        "meeting": meeting,
        "agreement": meeting.agreement,
        "outcomes": [(o.value, o.label) for o in Decision.STEERING_OUTCOMES],
        "attendee_form": forms.get("attendee_form") or AttendeeForm(),
        "conflict_form": forms.get("conflict_form") or ConflictForm(meeting=meeting),
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(),
        "decides": access_for(request.user).decides(meeting.agreement_id),
        "agenda_rows": _agenda_rows(request, meeting, detail, bound_assessment),
        **detail,
    }


@login_required
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get_for_user(pk=pk, user=request.user)
    return render(request, "portfolio/meeting_detail.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_decide(request, pk: int):
    """Record the decisions chosen on the meeting page: every one of them, or none."""
    meeting = selectors.meeting_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).decides(meeting.agreement_id))
    undecided = {p.pk: p for p in selectors.meeting_detail(meeting=meeting)["undecided"]}
    choices = [
        SteeringChoice(
            project=project,
            outcome=request.POST[f"outcome-{pk}"],
            rationale=request.POST.get(f"rationale-{pk}", ""),
        )
        for pk, project in undecided.items()
        if request.POST.get(f"outcome-{pk}")
    ]
    if not choices:
        messages.error(request, _("Choose a decision for at least one project."))
        return redirect(meeting)
    try:
        services.steering_decisions_record_batch(meeting=meeting, choices=choices, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("No decision was recorded: %(errors)s") % {"errors": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("%(n)s decisions were recorded.") % {"n": len(choices)})
    return redirect(meeting)


@login_required
@require_POST
def meeting_assess(request, pk: int, item: int):
    """Record the assessor's notes on a proposal on the agenda, for the meeting pack."""
    meeting = selectors.meeting_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).edits_portfolio(meeting.agreement_id))
    agenda_item = get_object_or_404(meeting.agenda_items, pk=item)
    form = _assessment_form(agenda_item, request.POST)
    if form.is_valid():
        try:
            services.agenda_item_assess(
                item=agenda_item, notes=form.cleaned_data["notes"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessor's notes were saved."))
            return redirect(f"{meeting.get_absolute_url()}#asia-{agenda_item.pk}")
    context = _meeting_context(request, meeting, bound_assessment=form)
    return render(request, "portfolio/meeting_detail.html", context, status=400)


def _add_attendee(meeting, user, data):
    return services.meeting_attendee_add(meeting=meeting, by=user, **data)


def _declare_conflict(meeting, user, data):
    return services.conflict_declare(by=user, **data)


def _add_agenda_item(meeting, user, data):
    return services.agenda_item_add(meeting=meeting, by=user, **data)


# What can be added to a meeting from its page: (form, its name in the page, the service).
_ADDITIONS = {
    "osallistuja": (AttendeeForm, "attendee_form", _add_attendee),
    "esteellisyys": (ConflictForm, "conflict_form", _declare_conflict),
    "asia": (AgendaItemForm, "agenda_form", _add_agenda_item),
}


@login_required
@require_POST
def meeting_add(request, pk: int, what: str):
    """Add an attendee, a declared conflict of interest or an agenda item to the meeting."""
    meeting = selectors.meeting_get_for_user(pk=pk, user=request.user)
    ensure(access_for(request.user).decides(meeting.agreement_id))
    if what not in _ADDITIONS:
        raise Http404(_("Nothing of that kind can be added to a meeting."))
    form_class, key, save = _ADDITIONS[what]
    kwargs = {"meeting": meeting} if form_class is ConflictForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            save(meeting, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(meeting)
    context = _meeting_context(request, meeting, **{key: form})
    return render(request, "portfolio/meeting_detail.html", context, status=400)


@login_required
def meeting_minutes(request, pk: int, fmt: str):
    """The minutes as a printable page, or as a PDF that a worker lays out."""
    meeting = selectors.meeting_get_for_user(pk=pk, user=request.user)
    if fmt == "html":
        return HttpResponse(minutes_html(meeting))
    if fmt != "pdf":
        raise Http404(_("No such format."))
    job = job_submit(
        kind="minutes_pdf",
        title=_("Minutes of %(meeting)s") % {"meeting": meeting},
        by=request.user,
        params={"meeting": meeting.pk},
    )
    return redirect(job)
