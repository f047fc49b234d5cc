"""A job's page while it runs and after, its status for the page's script, and its file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .selectors import job_get_for_user, job_list_for_user, job_state
from .services import job_retry


@login_required
def job_list(request):
    """The user's recent work."""
    jobs = job_list_for_user(request.user)[:50]
    return render(request, "jobs/list.html", {"states": [job_state(job) for job in jobs]})


@login_required
def job_detail(request, pk):
    """How far the work has come; its result or what went wrong once it has finished."""
    state = job_state(job_get_for_user(pk=pk, user=request.user))
    return render(request, "jobs/detail.html", {"state": state, "job": state.job})


@login_required
def job_status(request, pk):
    """The job's state as JSON, which the page asks for every second while the work runs."""
    state = job_state(job_get_for_user(pk=pk, user=request.user))
    response = JsonResponse(state.as_json())
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_result(request, pk):
    """The file the work made."""
    job = job_get_for_user(pk=pk, user=request.user)
    if not job.result_file or not default_storage.exists(job.result_file):
        raise Http404(_("This work left no file, or it is no longer kept."))
    return FileResponse(
        default_storage.open(job.result_file),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type or "application/octet-stream",
    )


@login_required
@require_POST
def job_run_again(request, pk):
    """Run failed or interrupted work again."""
    job = job_get_for_user(pk=pk, user=request.user)
    try:
        job = job_retry(job=job, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(job)
