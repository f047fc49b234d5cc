"""The EURA reconciliation inbox: what re-imported lists state otherwise than the portfolio."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.lib.query import id_from

from .. import selectors
from ..models import EuraDifference
from ..services import reconciliation

RECENTLY_RESOLVED = 20


@login_required
def eura_inbox(request, slug: str):
    """The differences waiting, by project and field, with both values; coordinators accept
    EURA's, keep the portfolio's, or record a change request."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    resolves = access_for(request.user).edits_portfolio(agreement.pk)
    field = request.GET.get("kentta", "")
    if request.method == "POST":
        ensure(resolves)
        return redirect(_resolve(request, agreement) or f"{request.path}?{request.GET.urlencode()}")
    waiting = selectors.eura_differences(agreement=agreement, field=field)
    page = Paginator(waiting, 100).get_page(request.GET.get("sivu"))
    counts = dict(
        EuraDifference.objects.filter(
            project__agreement=agreement, status=EuraDifference.Status.OPEN
        )
        .values_list("field")
        .annotate(n=Count("pk"))
    )
    resolved = (
        selectors.eura_differences(agreement=agreement, open_only=False)
        .exclude(status=EuraDifference.Status.OPEN)
        .order_by("-resolved_at", "-pk")[:RECENTLY_RESOLVED]
    )
    return render(
        request,
        "portfolio/eura_inbox.html",
        {
            "agreement": agreement,
            "page": page,
            "rows": selectors.difference_rows(page.object_list),
            "field": field if field in EuraDifference.Field.values else "",
            "fields": [
                (value, label, counts.get(value, 0))
                for value, label in EuraDifference.Field.choices
            ],
            "total": sum(counts.values()),
            "resolved": selectors.difference_rows(resolved),
            "resolves": resolves,
        },
    )


def _resolve(request, agreement) -> str | None:
    """Resolve the chosen differences as the button says; returns where to go next when that
    is not the inbox (a change request just recorded)."""
    ids = [pk for pk in (id_from(value) for value in request.POST.getlist("ero")) if pk]
    chosen = list(EuraDifference.objects.filter(pk__in=ids, project__agreement=agreement))
    if not chosen:
        messages.error(request, _("Choose the differences first."))
        return None
    action = request.POST.get("toiminto")
    try:
        if action == "hyvaksy":
            done = reconciliation.eura_differences_accept(differences=chosen, by=request.user)
            messages.success(
                request,
                ngettext(
                    "EURA's value was taken into the portfolio.",
                    "EURA's values were taken into the portfolio (%(count)s).",
                    done,
                )
                % {"count": done},
            )
        elif action == "pida":
            done = reconciliation.eura_differences_keep(differences=chosen, by=request.user)
            messages.success(
                request,
                ngettext(
                    "The portfolio's value was kept.",
                    "The portfolio's values were kept (%(count)s).",
                    done,
                )
                % {"count": done},
            )
        elif action == "muutoshakemus":
            change_request = reconciliation.eura_differences_request_change(
                differences=chosen,
                by=request.user,
                justification=request.POST.get("perustelut", ""),
            )
            messages.success(request, _("A change request was recorded from EURA's values."))
            return change_request.get_absolute_url()
        else:
            messages.error(request, _("Choose what to do with the differences."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return None
