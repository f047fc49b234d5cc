"""A coordinator's conclusion on one pair of the overlap report: read, recorded, withdrawn."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.forms import add_service_errors
from ekosopimus.portfolio.models import ProgrammePeriod
from ekosopimus.portfolio.selectors import project_get_for_user

from .. import services
from ..forms import OverlapReviewForm
from ..models import OverlapReview
from ..overlaps import overlap_pair


def _pair(request, slug: str, first: int, second: int):
    """The agreement and the pair behind the URL: the first must be of the agreement's
    2021–2027 portfolio, and both the reader's to see."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    own = project_get_for_user(pk=first, user=request.user)
    other = project_get_for_user(pk=second, user=request.user)
    if (
        own.pk == other.pk
        or own.agreement_id != agreement.pk
        or own.programme_period != ProgrammePeriod.P2021
    ):
        raise Http404(_("No such pair in this agreement's overlaps."))
    return agreement, own, other


def _stored(agreement, first, second):
    a, b = OverlapReview.key(first.pk, second.pk)
    found = OverlapReview.objects.filter(agreement=agreement, project_a_id=a, project_b_id=b)
    history = OverlapReview.history.filter(
        agreement_id=agreement.pk, project_a_id=a, project_b_id=b
    ).select_related("history_user")
    return found.select_related("reviewed_by").first(), history.order_by("-history_date")


def _form(review, data=None) -> OverlapReviewForm:
    initial = {"seen": review.version if review else 0}
    if review:
        initial |= {"outcome": review.outcome, "note": review.note}
    return OverlapReviewForm(data, initial=initial)


@login_required
def overlap_review(request, slug: str, first: int, second: int):
    """The pair explained, the conclusion recorded on it and its history; a coordinator of the
    agreement records or changes the conclusion here."""
    agreement, first, second = _pair(request, slug, first, second)
    review, history = _stored(agreement, first, second)
    edits = access_for(request.user).edits_portfolio(agreement.pk)
    form, status = (_form(review) if edits else None), 200
    if request.method == "POST":
        ensure(edits)
        form = _form(review, request.POST)
        if form.is_valid():
            try:
                services.overlap_review_record(
                    agreement=agreement,
                    first=first,
                    second=second,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    seen=form.cleaned_data["seen"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                if getattr(error, "code", None) == "stale":
                    # Saving again means saving over what is stored now, which the page shows.
                    form.data = form.data.copy()
                    form.data["seen"] = review.version if review else 0
            else:
                messages.success(request, _("The conclusion on the pair was saved."))
                return redirect(_report_anchor(agreement, first, second))
        status = 400
    context = {
        "agreement": agreement,
        "pair": overlap_pair(agreement=agreement, first=first, second=second, review=review),
        "review": review,
        "history": history,
        "form": form,
    }
    return render(request, "analysis/overlap_review.html", context, status=status)


@login_required
@require_POST
def overlap_review_withdraw(request, slug: str, first: int, second: int):
    """Take the conclusion back: the pair reads as open again."""
    agreement, first, second = _pair(request, slug, first, second)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    review, _history = _stored(agreement, first, second)
    if review is not None:
        services.overlap_review_withdraw(review=review, by=request.user)
        messages.success(request, _("The conclusion was withdrawn; the pair is open again."))
    return redirect("analysis:overlap_review", agreement.slug, first.pk, second.pk)


def _report_anchor(agreement, first, second) -> str:
    url = reverse("analysis:overlaps", args=[agreement.slug])
    return f"{url}#pari-{first.pk}-{second.pk}"
