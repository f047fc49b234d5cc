"""What a revision would change, before anyone signs it: the situation picture of the version
in force beside the one the revision would give.

The revision's side is not estimated: the publication itself is rehearsed in a transaction
that is rolled back, and the situation picture is read inside it. What the preview shows is
therefore what publishing would give, by the same code; nothing of the rehearsal is kept.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.services.revisions import (
    Carry,
    Progress,
    RevisionError,
    RevisionRecord,
    agreement_revision_publish,
    entered_into_force,
)
from ekosopimus.agreements.versions import Change, version_changes, version_data
from ekosopimus.lib.comparable import comparable_text
from ekosopimus.monitoring.progress import TargetStatus
from ekosopimus.monitoring.situation import SituationPicture, situation_picture
from ekosopimus.portfolio.rules import Figure, RuleStatus

from .plan import CarryOverPlan

BREAKDOWNS = ("focus_area", "action_group", "action_plan")


@dataclass(frozen=True)
class Money:
    planned: Any
    granted: Any
    paid: Any
    projects: int
    plan: Any = None


@dataclass
class MoneyComparison:
    """One row of a breakdown on both sides; a side without the row is ``None``."""

    label: str
    before: Money | None = None
    after: Money | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class RuleSide:
    status: str
    status_label: str
    sentence: str
    figures: list[Figure]


@dataclass
class RuleComparison:
    key: str
    title: str
    before: RuleSide | None = None
    after: RuleSide | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class TargetSide:
    value: Any
    share: Any
    projected: Any
    status: str
    status_label: str
    indicators: list[str]


@dataclass
class TargetComparison:
    label: str
    before: TargetSide | None = None
    after: TargetSide | None = None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Move:
    """Where one record's link goes."""

    record: str
    name: str
    url: str
    before: str
    after: str
    ends: bool
    settled: bool


@dataclass
class Impact:
    """The version in force and the revision side by side."""

    changes: list[Change]
    money: list[tuple[str, list[MoneyComparison]]]
    rules: list[RuleComparison]
    targets: list[TargetComparison]
    moves: list[Move]
    assumed: int  # unsettled items the preview assumes the suggestion (or an end) for
    problems: list[str] = field(default_factory=list)

    @property
    def headlines(self) -> list[str]:
        """The changes a negotiator asks about first, each as a sentence."""
        found = []
        for rule in self.rules:
            if rule.before and rule.after and rule.before.status != rule.after.status:
                found.append(
                    _("%(rule)s: %(before)s → %(after)s")
                    % {
                        "rule": rule.title,
                        "before": rule.before.status_label.lower(),
                        "after": rule.after.status_label.lower(),
                    }
                )
        ended: dict[str, set[str]] = {}
        for move in self.moves:
            if move.ends:
                ended.setdefault(move.record, set()).add(move.name)
        for record, names in ended.items():
            found.append(_("%(count)s × %(record)s ends") % {"count": len(names), "record": record})
        return found


def _money(row) -> Money:
    return Money(row.planned, row.granted, row.paid, row.projects, row.plan)


def _side_money(picture: SituationPicture) -> dict[str, tuple[str, dict[str, Money]]]:
    found = {}
    for breakdown in picture.breakdowns:
        if breakdown.key not in BREAKDOWNS:
            continue
        rows = {}
        for row in breakdown.rows:
            # Plan items are told apart by their wording, the rest by their number.
            key = row.label if breakdown.key == "action_plan" or not row.key else str(row.key)
            rows[comparable_text(key)] = (row.label, _money(row))
        found[breakdown.key] = (breakdown.title, rows)
    return found


def _side_rules(picture: SituationPicture) -> dict[str, tuple[str, RuleSide]]:
    return {
        rule.key: (
            rule.title,
            RuleSide(
                rule.status,
                str(RuleStatus(rule.status).label),
                rule.sentence,
                list(rule.figures),
            ),
        )
        for rule in picture.rules.rules
    }


def _side_targets(picture: SituationPicture) -> dict[str, tuple[str, TargetSide]]:
    found = {}
    for progress in picture.targets:
        label = f"{progress.target.focus_area.number}: {progress.target.label}"
        found[comparable_text(label)] = (
            label,
            TargetSide(
                progress.value,
                progress.share,
                progress.projected,
                progress.status,
                str(TargetStatus(progress.status).label),
                list(progress.indicators),
            ),
        )
    return found


def _side(picture: SituationPicture) -> dict[str, Any]:
    """Everything compared, as plain values: nothing may be read from the rehearsal's rows
    once it is rolled back."""
    return {
        "money": _side_money(picture),
        "rules": _side_rules(picture),
        "targets": _side_targets(picture),
    }


def _pair(before: dict, after: dict, make):
    rows = []
    for key in list(before) + [key for key in after if key not in before]:
        label, old = before.get(key, (None, None))
        new_label, new = after.get(key, (None, None))
        rows.append(make(label or new_label, old, new))
    return rows


def _moves(plan: CarryOverPlan) -> list[Move]:
    moves = []
    for row in plan.linked:
        carry = row.carry
        if carry is None and row.proposal.to is None:
            after = _("waits for a choice (ends unless chosen)")
        elif carry is not None and carry.to is None:
            after = _("ends: %(reason)s") % {"reason": carry.reason}
        else:
            after = str(row.target) if row.target else ""
        for link in row.links:
            moves.append(
                Move(
                    record=link.field.label,
                    name=link.label,
                    url=link.url,
                    before=f"{row.anchor.kind_label}: {row.anchor}",
                    after=after,
                    ends=row.target is None,
                    settled=row.settled,
                )
            )
    return moves


def revision_impact(
    *,
    plan: CarryOverPlan,
    data: dict[str, Any],
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> Impact:
    """The situation of the version in force beside the situation the revision ``data`` would
    give with ``plan``'s carry-over. Items not yet settled are taken at their suggestion, or as
    ending, and counted in ``Impact.assumed``. Nothing is stored."""
    today = today or timezone.localdate()
    agreement, current = plan.agreement, plan.current
    before = _side(situation_picture(agreement=agreement, today=today))
    carry = plan.carry
    assumed = 0
    for row in plan.unsettled:
        assumed += 1
        carry[row.ref] = _assumed(row)
    record = RevisionRecord(
        initiated_by="–",
        enters_into_force_on=max(entered_into_force(current) or today, today),
    )
    problems: list[str] = []
    after = None
    with transaction.atomic():
        try:
            agreement_revision_publish(
                agreement=agreement,
                data=data,
                carry=carry,
                expected_version=current.number,
                record=record,
                source="",
                by=None,
                progress=progress,
            )
        except RevisionError as error:
            problems = error.problems
        else:
            after = _side(situation_picture(agreement=agreement, today=today))
        transaction.set_rollback(True)
    after = after or before
    money = [
        (
            before["money"][key][0] if key in before["money"] else after["money"][key][0],
            _pair(
                before["money"].get(key, ("", {}))[1],
                after["money"].get(key, ("", {}))[1],
                MoneyComparison,
            ),
        )
        for key in BREAKDOWNS
        if key in before["money"] or key in after["money"]
    ]
    return Impact(
        changes=version_changes(version_data(current), data),
        money=money,
        rules=[
            RuleComparison(key, title, old, new)
            for key, title, old, new in _rules_pairs(before["rules"], after["rules"])
        ],
        targets=_pair(before["targets"], after["targets"], TargetComparison),
        moves=_moves(plan),
        assumed=assumed,
        problems=problems,
    )


def _rules_pairs(before: dict, after: dict):
    for key in list(before) + [key for key in after if key not in before]:
        title, old = before.get(key, (None, None))
        new_title, new = after.get(key, (None, None))
        yield key, title or new_title, old, new


def _assumed(row) -> Carry:
    if row.proposal.to is not None:
        return Carry(to=row.proposal.to)
    return Carry(to=None, reason=_("not yet chosen"))
