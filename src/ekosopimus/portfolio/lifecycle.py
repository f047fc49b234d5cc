"""Which moves a project may make through its life, and which of them only a decision makes."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .models import ProjectStatus as S

# Moves a coordinator makes directly.
DIRECT_MOVES: dict[str, frozenset[str]] = {
    S.IDEA: frozenset({S.PREPARATION, S.DISCONTINUED}),
    S.PREPARATION: frozenset({S.PROPOSED, S.DISCONTINUED}),
    S.RETURNED: frozenset({S.PREPARATION, S.PROPOSED, S.DISCONTINUED}),
    S.GRANTED: frozenset({S.ONGOING, S.DISCONTINUED}),
    S.ONGOING: frozenset({S.CLOSED, S.DISCONTINUED}),
}

# Moves that only a recorded decision makes: the steering group decides on a proposal, the
# funding authority on a project the steering group proposed for funding.
DECISION_MOVES: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.SELECTED, S.REJECTED, S.RETURNED}),
    S.SELECTED: frozenset({S.GRANTED, S.REFUSED}),
}

FINAL = frozenset({S.REJECTED, S.REFUSED, S.CLOSED, S.DISCONTINUED})
# Funding is public once granted (the EU publishes its beneficiaries); earlier stages are not.
PUBLIC = frozenset({S.GRANTED, S.ONGOING, S.CLOSED})


def why_not(current: str, target: str, *, by_decision: bool = False) -> str | None:
    """``None`` when the move is allowed; otherwise one sentence that says why it is not."""
    if current == target:
        return str(_("The project is already in this status."))
    if current in FINAL:
        return str(
            _("The project is “%(status)s”; a finished project does not change status.")
            % {"status": S(current).label}
        )
    if target in DECISION_MOVES.get(current, ()):
        if by_decision:
            return None
        if current == S.PROPOSED:
            return str(_("Only a steering group decision can move a proposed project."))
        return str(_("Only the funding authority's decision can grant or refuse funding."))
    if not by_decision and target in DIRECT_MOVES.get(current, ()):
        return None
    allowed = sorted(DIRECT_MOVES.get(current, set()) | DECISION_MOVES.get(current, set()))
    return str(
        _(
            "A project that is “%(current)s” cannot become “%(target)s”. "
            "Next it can be: %(allowed)s."
        )
        % {
            "current": S(current).label,
            "target": S(target).label,
            "allowed": ", ".join(
                pgettext("a status in a sentence", "“%(status)s”") % {"status": S(status).label}
                for status in allowed
            ),
        }
    )


def next_statuses(current: str) -> list[str]:
    """The statuses a coordinator can move the project to directly, in lifecycle order."""
    allowed = DIRECT_MOVES.get(current, frozenset())
    return [status for status in S.values if status in allowed]
