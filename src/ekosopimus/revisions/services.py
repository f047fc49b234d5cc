"""Writes of a revision: its document read into a draft, the coordinator's carry-over choices,
and the publication.

The pages, the API and ``revise_agreement`` call these. Each takes its inputs and returns its
result (a long publication reports its steps to ``progress``), so that it can also run as a
background task.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.documents.draft import from_json
from ekosopimus.agreements.models import Agreement, AgreementDraft, AgreementVersion
from ekosopimus.agreements.selectors import version_current
from ekosopimus.agreements.services import agreement_draft_create
from ekosopimus.agreements.services.revisions import (
    Progress,
    RevisionError,
    RevisionRecord,
    agreement_lock,
    agreement_revision_publish,
    revision_check,
)
from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.text import collapse

from .plan import CarryOverPlan, carry_over_plan


def revision_draft_create(
    *,
    agreement: Agreement,
    content: bytes,
    filename: str,
    by: AbstractBaseUser | None,
    on_recorded: Callable[[AgreementDraft], None] | None = None,
) -> AgreementDraft:
    """Read the revised document of ``agreement`` into a draft to review.

    A document that is not an agreement, or that is another agreement's, is refused with the
    reason (``DocumentUnreadable``), and nothing is stored. ``on_recorded(draft)`` runs in the
    transaction that stores the draft.
    """
    return agreement_draft_create(
        content=content,
        filename=filename,
        by=by,
        revises=agreement,
        check=lambda data: revision_check(agreement=agreement, data=data),
        on_recorded=on_recorded,
    )


def revision_plan(*, draft: AgreementDraft) -> CarryOverPlan:
    """The carry-over plan of a revision draft, with the choices made on it so far."""
    return carry_over_plan(
        agreement=draft.revises, data=from_json(draft.data), choices=draft.carry_over
    )


def _open(draft: AgreementDraft) -> AgreementDraft:
    draft = (
        AgreementDraft.objects.select_for_update(of=("self",))
        .select_related("revises")
        .get(pk=draft.pk)
    )
    if draft.status != AgreementDraft.Status.DRAFT:
        raise RevisionError(
            [
                _("The draft is %(status)s and can no longer be changed.")
                % {"status": draft.get_status_display().lower()}
            ]
        )
    if draft.revises is None:
        raise RevisionError([_("The draft is not a revision of an agreement.")])
    return draft


@transaction.atomic
def revision_choose(
    *,
    draft: AgreementDraft,
    ref: str,
    to: str | None,
    reason: str = "",
    by: AbstractBaseUser | None,
) -> AgreementDraft:
    """Record the coordinator's choice for the links on the item ``ref`` of the version in
    force: carry them to the revision's item ``to``, or end them (``to=None``) for ``reason``.
    ``to=""`` takes a choice back, leaving the automatic match."""
    draft = _open(draft)
    plan = revision_plan(draft=draft)
    row = next((row for row in plan.rows if row.ref == ref), None)
    if row is None:
        raise RevisionError([_("The version in force has no such item.")])
    choices = dict(draft.carry_over)
    if to == "":
        choices.pop(ref, None)
        why = _("Choice taken back: %(item)s") % {"item": row.anchor}
    elif to is None:
        if not collapse(reason):
            raise RevisionError([_("Say why the links of %(item)s end.") % {"item": row.anchor}])
        choices[ref] = {"to": None, "reason": collapse(reason)}
        why = _("Links ended: %(item)s") % {"item": row.anchor}
    else:
        if to not in {anchor.key for anchor in plan.options(row.anchor.kind)}:
            raise RevisionError(
                [_("The revision has no such %(kind)s.") % {"kind": row.anchor.kind_label.lower()}]
            )
        choices[ref] = {"to": to, "reason": ""}
        why = _("Links carried to %(key)s: %(item)s") % {"key": to, "item": row.anchor}
    draft.carry_over = choices
    return save_with_history(draft, by=by, reason=why[:100], clean=False)


def _refuse_unsettled(plan: CarryOverPlan) -> None:
    if plan.unsettled:
        raise RevisionError(
            [
                _(
                    "%(kind)s %(item)s: %(count)s links wait for a choice (carry them to an "
                    "item of the revision, or end them with a reason)."
                )
                % {"kind": row.anchor.kind_label, "item": row.anchor, "count": len(row.links)}
                for row in plan.unsettled
            ]
        )


@transaction.atomic
def revision_publish(
    *,
    draft: AgreementDraft,
    record: RevisionRecord,
    expected_version: int,
    by: AbstractBaseUser | None,
    progress: Progress | None = None,
) -> AgreementVersion:
    """Publish a revision draft as the next version of its agreement, carrying every link
    over. Refused, storing nothing, while a link is unsettled, when another version was
    published since the review (``expected_version``), or when the dates do not follow."""
    if draft.revises_id is not None:
        agreement_lock(draft.revises)
    draft = _open(draft)
    plan = revision_plan(draft=draft)
    _refuse_unsettled(plan)
    version = agreement_revision_publish(
        agreement=draft.revises,
        data=from_json(draft.data),
        carry=plan.carry,
        expected_version=expected_version,
        record=record,
        source=draft.filename,
        by=by,
        progress=progress,
    )
    draft.status = AgreementDraft.Status.PUBLISHED
    draft.published_version = version
    save_with_history(
        draft, by=by, reason=_("Published as %(version)s") % {"version": version}, clean=False
    )
    return version


@transaction.atomic
def revision_publish_data(
    *,
    agreement: Agreement,
    data: dict[str, Any],
    record: RevisionRecord,
    source: str,
    by: AbstractBaseUser | None,
    progress: Progress | None = None,
) -> AgreementVersion:
    """Publish ``data`` as the next version of ``agreement`` when every link carries over by
    itself; otherwise refuse, listing the links that wait for a choice."""
    agreement_lock(agreement)
    current = version_current(agreement)
    if current is None:
        raise RevisionError(
            [_("%(agreement)s has no version in force to revise.") % {"agreement": agreement}]
        )
    plan = carry_over_plan(agreement=agreement, data=data, current=current)
    _refuse_unsettled(plan)
    return agreement_revision_publish(
        agreement=agreement,
        data=data,
        carry=plan.carry,
        expected_version=current.number,
        record=record,
        source=source,
        by=by,
        progress=progress,
    )
