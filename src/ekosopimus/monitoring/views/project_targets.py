"""A project's targets per indicator, as its application or funding decision states them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.lib.forms import add_service_errors

from .. import services
from ..forms import ProjectTargetsForm
from ..selectors import project_targets, project_targets_get_for_user


@login_required
def project_target_list(request, pk: int):
    """The project's targets; its editors set them here."""
    project = project_targets_get_for_user(pk=pk, user=request.user)
    access = access_for(request.user)
    targets = project_targets(project=project)
    editable = access.edits_project(project)
    form = None
    if editable:
        form = ProjectTargetsForm(
            request.POST or None,
            indicators=list(project.indicators.order_by("code")),
            initial=ProjectTargetsForm.initial_for(targets),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.project_targets_set(
                    project=project, targets=form.targets(), by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The project's targets were saved."))
                return redirect("monitoring:project_targets", pk=project.pk)
    elif request.method == "POST":
        ensure(False)
    return render(
        request,
        "monitoring/project_targets.html",
        {"project": project, "targets": targets, "form": form},
        status=400 if form is not None and form.errors else 200,
    )
