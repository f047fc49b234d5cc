"""The two tiers of decisions: the steering group selects, the funding authority grants."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.versions import locked_for_edit
from ekosopimus.messaging.notifications import announce

from .. import lifecycle
from ..models import BudgetLine, Decision, FundingSource, Project, SteeringGroupMeeting
from .projects import budget_changed

_STATUS_AFTER = {
    Decision.Outcome.SELECTED: "selected",
    Decision.Outcome.REJECTED: "rejected",
    Decision.Outcome.RETURNED: "returned",
    Decision.Outcome.GRANTED: "granted",
    Decision.Outcome.REFUSED: "refused",
}


@dataclass(frozen=True)
class SteeringChoice:
    """One project's outcome in a batch of steering group decisions."""

    project: Project
    outcome: str
    rationale: str = ""


def _apply(project: Project, decision: Decision, by: AbstractBaseUser | None) -> Decision:
    target = _STATUS_AFTER[decision.outcome]
    problem = lifecycle.why_not(project.status, target, by_decision=True)
    if problem:
        raise ValidationError(
            _("%(project)s: %(problem)s") % {"project": project, "problem": problem},
            code="transition",
        )
    save_with_history(decision, by=by, reason=_("Decision recorded"))
    announce(partial(_notify_decision, decision.pk))
    project.status = target
    save_with_history(
        project,
        by=by,
        reason=_("%(body)s: %(outcome)s")
        % {"body": decision.get_body_display(), "outcome": decision.get_outcome_display()},
    )
    return decision


@transaction.atomic
def steering_decision_record(
    *,
    project: Project,
    meeting: SteeringGroupMeeting,
    outcome: str,
    by: AbstractBaseUser | None,
    rationale: str = "",
    version: int | None = None,
) -> Decision:
    """The steering group's decision on a proposed project, taken at ``meeting``.

    Rejecting or returning a proposal needs a rationale, so that the applicant learns why.
    ``version``, when given, is the project's version the decision was taken on.
    """
    if outcome not in Decision.STEERING_OUTCOMES:
        raise ValidationError(_("A steering group proposes for funding, rejects or returns."))
    if meeting.agreement_id != project.agreement_id:
        raise ValidationError(_("The meeting belongs to another agreement's steering group."))
    if outcome != Decision.Outcome.SELECTED and not rationale.strip():
        raise ValidationError(
            {"rationale": _("Give the rationale for rejecting or returning the proposal.")}
        )
    project = locked_for_edit(Project.objects, pk=project.pk, version=version)
    decision = Decision(
        project=project,
        body=Decision.Body.STEERING_GROUP,
        outcome=outcome,
        meeting=meeting,
        decided_on=meeting.held_on,
        rationale=rationale.strip(),
        recorded_by=by,
    )
    return _apply(project, decision, by)


@transaction.atomic
def steering_decisions_record_batch(
    *,
    meeting: SteeringGroupMeeting,
    choices: Iterable[SteeringChoice],
    by: AbstractBaseUser | None,
) -> list[Decision]:
    """Record several steering group decisions of one meeting: all of them, or none."""
    decisions, problems = [], []
    for choice in choices:
        try:
            with transaction.atomic():
                decisions.append(
                    steering_decision_record(
                        project=choice.project,
                        meeting=meeting,
                        outcome=choice.outcome,
                        rationale=choice.rationale,
                        by=by,
                    )
                )
        except ValidationError as error:
            problems.extend(f"{choice.project}: {message}" for message in error.messages)
    if problems:
        raise ValidationError(problems)
    return decisions


@transaction.atomic
def funding_decision_record(
    *,
    project: Project,
    outcome: str,
    decided_on: date,
    by: AbstractBaseUser | None,
    amount: Decimal | None = None,
    decision_number: str = "",
    rationale: str = "",
    instrument: str = "",
    version: int | None = None,
) -> Decision:
    """The funding authority's decision on a project the steering group proposed for funding.

    A grant records its amount (EU + State), date and decision number, and sets the granted
    amount of the project's EU + State budget line for ``instrument`` (the only EU + State line
    when ``instrument`` is not given). ``version`` as in ``steering_decision_record``.
    """
    if outcome not in Decision.FUNDING_OUTCOMES:
        raise ValidationError(_("A funding authority grants or refuses funding."))
    project = locked_for_edit(Project.objects, pk=project.pk, version=version)
    decision = Decision(
        project=project,
        body=Decision.Body.FUNDING_AUTHORITY,
        outcome=outcome,
        decided_on=decided_on,
        amount=amount,
        decision_number=decision_number.strip(),
        rationale=rationale.strip(),
        recorded_by=by,
    )
    if outcome == Decision.Outcome.GRANTED:
        errors = {}
        if amount is None or amount < 0:
            errors["amount"] = _("A grant needs the granted amount.")
        if not decision.decision_number:
            errors["decision_number"] = _("A grant needs the decision number.")
        if errors:
            raise ValidationError(errors)
    _apply(project, decision, by)
    if outcome == Decision.Outcome.GRANTED:
        _set_granted(project, amount, instrument, by)
    return decision


def _set_granted(project: Project, amount: Decimal, instrument: str, by) -> None:
    lines = project.budget_lines.filter(source=FundingSource.EU_STATE)
    if instrument:
        lines = lines.filter(instrument=instrument)
    lines = list(lines)
    if len(lines) > 1:
        raise ValidationError(
            {"instrument": _("The project has several EU and State lines: choose the instrument.")}
        )
    line = (
        lines[0]
        if lines
        else BudgetLine(project=project, source=FundingSource.EU_STATE, instrument=instrument)
    )
    line.granted = amount
    save_with_history(line, by=by, reason=_("Granted by the funding authority"))
    budget_changed(project)


def _notify_decision(decision_id: int) -> None:
    from ..tasks import notify_decision

    notify_decision.enqueue(decision_id)
