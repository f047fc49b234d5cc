"""The gap list, and turning a gap into a project idea with one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal

from ..gaps import GapKind, agreement_gaps
from ..services import idea_from_gap


@login_required
def gaps(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    found = agreement_gaps(agreement=agreement)
    sections = [(kind, [gap for gap in found if gap.kind == kind]) for kind in GapKind]
    return render(
        request,
        "analysis/gaps.html",
        {
            "agreement": agreement,
            "sections": sections,
            "total": len(found),
            "edits_portfolio": access_for(request.user).edits_portfolio(agreement.pk),
        },
    )


@login_required
@require_POST
def gap_to_idea(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    try:
        project = idea_from_gap(
            agreement=agreement, key=request.POST.get("aukko", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("analysis:gaps", slug=agreement.slug)
    messages.success(
        request, _("A project idea was created from the gap. Describe it further here.")
    )
    return redirect(project)
