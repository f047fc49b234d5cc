"""Importing an agreement from its document: upload, review side by side, edit, publish.

Only administrators import agreements; everyone else sees 404.
"""

import yaml
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ekosopimus.jobs.services import job_submit
from ekosopimus.lib.conflicts import conflict_page, merged_post
from ekosopimus.lib.forms import version_field
from ekosopimus.lib.versions import StaleEdit

from .. import selectors
from ..documents import DocumentUnreadable
from ..documents.draft import from_json
from ..documents.extract import refuse_if_too_large
from ..services import (
    AgreementDraftError,
    agreement_draft_discard,
    agreement_draft_edit,
    agreement_draft_publish,
)
from ..versions import version_changes, version_data


class UploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Agreement document"),
        help_text=gettext_lazy("PDF, Word (DOCX) or plain text, at most 20 MB."),
    )


class EditForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Agreement data (YAML)"), widget=forms.Textarea)
    version = version_field()


@login_required
def draft_upload(request):
    """Upload a document; a worker reads it into a draft, which opens for review."""
    selectors.require_importer(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            refuse_if_too_large(upload.size)  # before keeping it for the worker
        except DocumentUnreadable as problem:
            error = str(problem)
        else:
            job = job_submit(
                kind="agreement_document",
                title=_("Agreement document %(file)s") % {"file": upload.name},
                by=request.user,
                upload=upload,
            )
            return redirect(job)
    return render(
        request,
        "agreements/draft_upload.html",
        {"form": form, "error": error, "drafts": selectors.draft_list()},
    )


@login_required
def draft_review(request, pk: int):
    """The draft beside its source text, with the changes against an agreement in force."""
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    data = from_json(draft.data)
    compared = selectors.agreement_to_compare(draft=draft, slug=request.GET.get("vertaa"))
    current = selectors.version_current(compared) if compared else None
    return render(
        request,
        "agreements/draft_review.html",
        {
            "draft": draft,
            "data": data,
            "sourced": selectors.draft_outline(draft),
            "lines": selectors.draft_lines(draft),
            "compared": compared,
            "current": current,
            "changes": version_changes(version_data(current), data) if current else None,
            "agreements": selectors.agreement_list(),
        },
    )


@login_required
def draft_edit(request, pk: int):
    """Edit the draft's data as YAML beside the source text; saved only if it checks out."""
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    text = yaml.safe_dump(from_json(draft.data), allow_unicode=True, sort_keys=False, width=100)
    form = EditForm(
        merged_post(request.POST) if request.method == "POST" else None,
        initial={"text": text, "version": draft.version},
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            agreement_draft_edit(
                draft=draft,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except StaleEdit as stale:
            stored = yaml.safe_dump(
                from_json(stale.current.data), allow_unicode=True, sort_keys=False, width=100
            )
            return conflict_page(
                request,
                mine=form,
                theirs=EditForm(initial={"text": stored, "version": stale.current.version}),
                current=stale.current,
                title=_("The draft was changed meanwhile"),
                back_url=stale.current.get_absolute_url(),
            )
        except AgreementDraftError as error:
            problems = error.problems
        else:
            messages.success(request, _("The draft was saved."))
            return redirect(draft)
    return render(
        request,
        "agreements/draft_edit.html",
        {"draft": draft, "form": form, "problems": problems, "lines": selectors.draft_lines(draft)},
    )


@login_required
@require_POST
def draft_publish(request, pk: int):
    """Publish as a new agreement, or as the next version of the agreement chosen."""
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    slug = request.POST.get("agreement") or ""
    agreement = selectors.agreement_get(slug=slug) if slug else None
    try:
        version = agreement_draft_publish(draft=draft, agreement=agreement, by=request.user)
    except AgreementDraftError as error:
        for problem in error.problems:
            messages.error(request, problem)
        return redirect(draft)
    messages.success(request, _("Published as %(version)s.") % {"version": version})
    return redirect(version)


@login_required
@require_POST
def draft_discard(request, pk: int):
    """Set the draft aside."""
    draft = selectors.draft_get_for_user(user=request.user, pk=pk)
    try:
        agreement_draft_discard(draft=draft, by=request.user)
    except AgreementDraftError as error:
        messages.error(request, error.problems[0])
        return redirect(draft)
    messages.success(request, _("The draft was discarded."))
    return redirect("agreements:draft_upload")
