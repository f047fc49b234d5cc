"""Writes of the analysis: a gap turned into a project idea.

The idea is created through the portfolio's own service, so it is checked and kept in the
history like any project a coordinator creates by hand.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.portfolio.models import Project, ProjectStatus
from ekosopimus.portfolio.services import project_create

from .gaps import Gap, GapKind, agreement_gaps


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
