"""Writes of the analysis: a gap turned into a project idea, and a coordinator's conclusion
on a pair of overlapping projects.

The idea is created through the portfolio's own service, so it is checked and kept in the
history like any project a coordinator creates by hand.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.history import save_with_history
from ekosopimus.portfolio.models import ProgrammePeriod, Project, ProjectStatus
from ekosopimus.portfolio.services import project_create

from .gaps import Gap, GapKind, agreement_gaps
from .models import REVIEW_NOTE_MAX_LENGTH, OverlapReview


@transaction.atomic
def idea_from_gap(*, agreement: Agreement, key: str, by: AbstractBaseUser | None) -> Project:
    """Create a project idea that would fill the gap named ``key`` (``Gap.key``).

    The idea is linked to what the gap is about: its focus area, action group and measure, and
    for a target the indicators mapped to it. A key that names no current gap is refused: the
    gap may have been filled since the list was shown.
    """
    gap = next((gap for gap in agreement_gaps(agreement=agreement) if gap.key == key), None)
    if gap is None:
        raise ValidationError(
            _("This is not a gap of the agreement any more; the list has been brought up to date."),
            code="no_gap",
        )
    return project_create(
        agreement=agreement,
        name=_idea_name(gap),
        by=by,
        focus_areas=[gap.focus_area] if gap.focus_area else [],
        action_group=gap.action_group,
        action_plan_item=gap.item,
        indicators=gap.indicators,
        status=ProjectStatus.IDEA,
        reason=_("Created from the gap list: %(gap)s") % {"gap": gap.kind.label},
    )


def _idea_name(gap: Gap) -> str:
    if gap.kind == GapKind.TARGET:
        return _("Towards the target: %(target)s") % {"target": gap.title}
    return gap.title[:500]


@transaction.atomic
def overlap_review_record(
    *,
    agreement: Agreement,
    first: Project,
    second: Project,
    outcome: str,
    note: str,
    by: AbstractBaseUser | None,
    seen: int | None = None,
) -> OverlapReview:
    """Record the coordinator's conclusion on the pair ``first``–``second`` of ``agreement``'s
    overlap report, or change the one recorded before. ``seen`` is the version of the
    conclusion the coordinator read (0: none was recorded), so that a conclusion saved by
    someone else meanwhile is not overwritten unread.

    One of the pair must be a 2021–2027 project of the agreement's portfolio; the note says
    how the matter was settled, so that the steering group can read it in the annual report.
    """
    if first.pk == second.pk:
        raise ValidationError(_("A project is not compared with itself."), code="same_project")
    if not any(
        p.agreement_id == agreement.pk and p.programme_period == ProgrammePeriod.P2021
        for p in (first, second)
    ):
        raise ValidationError(
            _("Neither project is in this agreement's 2021–2027 portfolio."), code="not_own"
        )
    if outcome not in OverlapReview.Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the conclusions listed.")})
    note = "\n".join(line.rstrip() for line in note.strip().splitlines())
    if not note:
        raise ValidationError({"note": _("Say how the matter was settled.")})
    if len(note) > REVIEW_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("The note is %(n)s characters long; at most %(max)s fit.")
                % {"n": len(note), "max": REVIEW_NOTE_MAX_LENGTH}
            }
        )
    a, b = OverlapReview.key(first.pk, second.pk)
    review = (
        OverlapReview.objects.select_for_update()
        .filter(agreement=agreement, project_a_id=a, project_b_id=b)
        .first()
    )
    if seen is not None and seen != (review.version if review else 0):
        raise ValidationError(
            _(
                "Someone else recorded a conclusion on this pair while you were writing. "
                "Read it below and save yours again if it still holds."
            ),
            code="stale",
        )
    if review is None:
        review = OverlapReview(agreement=agreement, project_a_id=a, project_b_id=b)
        reason = _("Overlap reviewed")
    elif review.outcome == outcome and review.note == note:
        return review
    else:
        reason = _("Overlap review changed")
    review.outcome, review.note = outcome, note
    review.reviewed_by, review.reviewed_at = by, timezone.now()
    return save_with_history(review, by=by, reason=reason)


@transaction.atomic
def overlap_review_withdraw(*, review: OverlapReview, by: AbstractBaseUser | None) -> None:
    """Take back a conclusion: the pair reads as unreviewed again. The history keeps what was
    concluded, by whom and when."""
    review = OverlapReview.objects.select_for_update().filter(pk=review.pk).first()
    if review is None:
        return
    review._history_user = by
    review._change_reason = _("Overlap review withdrawn")
    review.delete()
