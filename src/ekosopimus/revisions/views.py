"""Pages of a revision: upload, carry-over review, impact preview, publish, the written record
and termination. Reads go through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekosopimus.accounts.access import ensure
from ekosopimus.agreements.documents import DocumentUnreadable
from ekosopimus.agreements.documents.draft import from_json
from ekosopimus.agreements.documents.extract import refuse_if_too_large
from ekosopimus.agreements.models import Agreement
from ekosopimus.agreements.selectors import agreement_get_internal, draft_get_for_user
from ekosopimus.agreements.services.revisions import (
    RevisionError,
    RevisionRecord,
    revision_check,
    revision_decision_add,
    revision_signature_add,
    termination_notice_record,
)
from ekosopimus.jobs.services import job_submit
from ekosopimus.lib.history import save_with_history

from . import selectors
from .forms import ChoiceForm, DecisionForm, PublishForm, SignatureForm, TerminationForm, UploadForm
from .impact import revision_impact
from .services import revision_choose, revision_plan, revision_publish


def _problems(request, error: RevisionError) -> None:
    for problem in error.problems:
        messages.error(request, problem)


@login_required
def revision_start(request, slug: str):
    """The agreement's revisions under review, and the upload of a revised document."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST":
        ensure(selectors.edits_revisions(request.user, agreement))
        if form.is_valid():
            upload = form.cleaned_data["document"]
            try:
                refuse_if_too_large(upload.size)  # before keeping it for the worker
            except DocumentUnreadable as problem:
                error = str(problem)
            else:
                job = job_submit(
                    kind="revision_document",
                    title=_("Revision of %(region)s: %(file)s")
                    % {"region": agreement.city_region, "file": upload.name},
                    by=request.user,
                    params={"agreement": agreement.slug},
                    upload=upload,
                )
                return redirect(job)
    return render(
        request,
        "revisions/revision_start.html",
        {
            "agreement": agreement,
            "form": form,
            "error": error,
            "drafts": selectors.revision_drafts(agreement),
            "edits": selectors.edits_revisions(request.user, agreement),
        },
        status=400 if error else 200,
    )


def _publish_form(agreement, draft, plan) -> PublishForm:
    contracting = [p for p in draft.data.get("parties") or [] if p.get("kind") == "contracting"]
    return PublishForm(
        initial={
            "expected_version": plan.current.number,
            "label": _("Revised agreement (version %(number)s)")
            % {"number": plan.current.number + 1},
            "initiated_by": contracting[-1]["name"] if contracting else "",
            "enters_into_force_on": timezone.localdate(),
        }
    )


@login_required
def carry_over(request, slug: str, pk: int):
    """Where each item's links go: automatic matches, suggestions to confirm, choices."""
    agreement, draft = selectors.revision_draft_get_for_user(user=request.user, slug=slug, pk=pk)
    if request.method == "POST":
        ensure(selectors.edits_revisions(request.user, agreement))
        form = ChoiceForm(request.POST)
        if form.is_valid():
            action = request.POST.get("action")
            data = form.cleaned_data
            to = {"end": None, "undo": ""}.get(action, data["to"])
            try:
                revision_choose(
                    draft=draft, ref=data["ref"], to=to, reason=data["reason"], by=request.user
                )
            except RevisionError as error:
                _problems(request, error)
        return redirect(reverse("revisions:carry_over", args=[slug, pk]) + "#linked")
    plan = revision_plan(draft=draft) if draft.status == draft.Status.DRAFT else None
    return render(
        request,
        "revisions/carry_over.html",
        {
            "agreement": agreement,
            "draft": draft,
            "plan": plan,
            "publish_form": _publish_form(agreement, draft, plan) if plan else None,
            "edits": selectors.edits_revisions(request.user, agreement),
        },
    )


@login_required
def impact(request, slug: str, pk: int):
    """The version in force beside the revision: structure, money, rules, targets, moves."""
    agreement, draft = selectors.revision_draft_get_for_user(user=request.user, slug=slug, pk=pk)
    if draft.status != draft.Status.DRAFT:
        return redirect("revisions:carry_over", slug=slug, pk=pk)
    plan = revision_plan(draft=draft)
    return render(
        request,
        "revisions/impact.html",
        {
            "agreement": agreement,
            "draft": draft,
            "plan": plan,
            "impact": revision_impact(plan=plan, data=from_json(draft.data)),
        },
    )


@login_required
@require_POST
def publish(request, slug: str, pk: int):
    """Publish the revision with its written record; refused while a link is unsettled."""
    agreement, draft = selectors.revision_draft_get_for_user(user=request.user, slug=slug, pk=pk)
    ensure(selectors.edits_revisions(request.user, agreement))
    form = PublishForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("revisions:carry_over", slug=slug, pk=pk)
    data = form.cleaned_data
    try:
        version = revision_publish(
            draft=draft,
            record=RevisionRecord(
                initiated_by=data["initiated_by"],
                enters_into_force_on=data["enters_into_force_on"],
                summary=data["summary"],
                label=data["label"],
            ),
            expected_version=data["expected_version"],
            by=request.user,
        )
    except RevisionError as error:
        _problems(request, error)
        return redirect("revisions:carry_over", slug=slug, pk=pk)
    messages.success(request, _("Published as %(version)s.") % {"version": version})
    return redirect(version)


def record(request, slug: str, number: int):
    """The written revision behind a version: parties' decisions and signatures."""
    revision = selectors.revision_get(slug=slug, number=number)
    agreement = revision.version.agreement
    edits = selectors.edits_revisions(request.user, agreement)
    decision_form = DecisionForm(prefix="decision")
    signature_form = SignatureForm(prefix="signature")
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        agreement_get_internal(slug=slug, user=request.user)
        ensure(edits)
        try:
            if "decision-party" in request.POST:
                decision_form = DecisionForm(request.POST, request.FILES, prefix="decision")
                if decision_form.is_valid():
                    _add_decision(revision, decision_form.cleaned_data, request.user)
                    messages.success(request, _("The decision was recorded."))
                    return redirect(request.path)
            else:
                signature_form = SignatureForm(request.POST, prefix="signature")
                if signature_form.is_valid():
                    revision_signature_add(
                        revision=revision, by=request.user, **signature_form.cleaned_data
                    )
                    messages.success(request, _("The signature was recorded."))
                    return redirect(request.path)
        except RevisionError as error:
            _problems(request, error)
    return render(
        request,
        "revisions/record.html",
        {
            "agreement": agreement,
            "revision": revision,
            "version": revision.version,
            "edits": edits,
            "decision_form": decision_form,
            "signature_form": signature_form,
        },
    )


def _add_decision(revision, data, by) -> None:
    document = data.pop("document", None)
    revision_decision_add(
        revision=revision,
        document_name=document.name if document else "",
        document=document.read() if document else b"",
        by=by,
        **data,
    )


@login_required
def decision_document(request, slug: str, pk: int):
    """The document attached to a party's decision."""
    decision = selectors.decision_document_get_for_user(user=request.user, slug=slug, pk=pk)
    content = bytes(decision.document)
    kind = "application/pdf" if content.startswith(b"%PDF") else "application/octet-stream"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{_safe(decision.document_name)}"'
    return response


def _safe(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in "._- ") or "asiakirja"


@login_required
def terminate(request, slug: str):
    """Record a party's written notice of termination."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(selectors.edits_revisions(request.user, agreement))
    form = TerminationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            termination_notice_record(agreement=agreement, by=request.user, **form.cleaned_data)
        except RevisionError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("The termination notice was recorded."))
            return redirect(agreement)
    return render(
        request,
        "revisions/terminate.html",
        {"agreement": agreement, "form": form, "notices": agreement.termination_notices.all()},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def adopt(request, pk: int):
    """An imported document becomes the revision of the agreement chosen on its review page."""
    draft = draft_get_for_user(user=request.user, pk=pk)
    agreement = Agreement.objects.filter(slug=request.POST.get("agreement") or "").first()
    if agreement is None:
        messages.error(request, _("Choose the agreement the document revises."))
        return redirect(draft)
    problems = revision_check(agreement=agreement, data=from_json(draft.data))
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect(draft)
    if draft.status == draft.Status.DRAFT and draft.revises_id is None:
        draft.revises = agreement
        save_with_history(draft, by=request.user, reason=_("Reviewed as a revision"), clean=False)
    return redirect("revisions:carry_over", slug=agreement.slug, pk=draft.pk)
