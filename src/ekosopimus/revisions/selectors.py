"""Reads of revisions, each behind the access rule of its page."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement, AgreementDraft, PartyDecision, Revision
from ekosopimus.agreements.selectors import agreement_get, agreement_get_internal


def revision_drafts(agreement: Agreement) -> QuerySet[AgreementDraft]:
    """Revisions of the agreement being reviewed, newest first."""
    return AgreementDraft.objects.filter(
        revises=agreement, status=AgreementDraft.Status.DRAFT
    ).select_related("uploaded_by")


def revision_draft_get_for_user(*, user, slug: str, pk: int) -> tuple[Agreement, AgreementDraft]:
    """The agreement and its revision draft behind a URL; 404 for anyone who does not read the
    agreement's internal data, and for a draft of another agreement."""
    agreement = agreement_get_internal(slug=slug, user=user)
    draft = (
        AgreementDraft.objects.filter(pk=pk, revises=agreement)
        .select_related("revises", "published_version")
        .first()
    )
    if draft is None:
        raise Http404(_("No such revision."))
    return agreement, draft


def revision_get(*, slug: str, number: int) -> Revision:
    """The written record of a published version; 404 if the version was not a revision."""
    agreement = agreement_get(slug=slug)
    revision = (
        Revision.objects.filter(version__agreement=agreement, version__number=number)
        .select_related("version__agreement", "published_by")
        .prefetch_related("decisions", "signatures")
        .first()
    )
    if revision is None:
        raise Http404(_("No such revision."))
    return revision


def decision_document_get_for_user(*, user, slug: str, pk: int) -> PartyDecision:
    """A party's decision with its document, for those who read the agreement's internal data."""
    agreement = agreement_get_internal(slug=slug, user=user)
    decision = PartyDecision.objects.filter(pk=pk, revision__version__agreement=agreement).first()
    if decision is None or not decision.document_name:
        raise Http404(_("No such document."))
    return decision


def edits_revisions(user, agreement: Agreement) -> bool:
    """Revisions are the coordinators' work, as the rest of the agreement's portfolio."""
    return access_for(user).edits_portfolio(agreement.pk)
