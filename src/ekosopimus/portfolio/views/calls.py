"""Calls for projects."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get, agreement_get_internal
from ekosopimus.lib.forms import add_service_errors

from .. import selectors, services
from ..forms import CallForm


def call_list(request, slug: str):
    agreement = agreement_get(slug=slug)
    return render(
        request,
        "portfolio/call_list.html",
        {"agreement": agreement, "calls": selectors.call_list(agreement=agreement)},
    )


def call_detail(request, pk: int):
    call = selectors.call_get_for_user(pk=pk, user=request.user)
    proposals = selectors.project_list(
        agreement=call.agreement, user=request.user, filters=selectors.PortfolioFilter()
    ).filter(call=call)
    return render(request, "portfolio/call_detail.html", {"call": call, "proposals": proposals})


@login_required
def call_create(request, slug: str):
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = CallForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(call)
    return render(request, "portfolio/call_form.html", {"form": form, "agreement": agreement})
