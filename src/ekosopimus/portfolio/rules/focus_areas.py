"""Helsinki–Espoo–Vantaa: the 4th focus area gets less money than each of the other three."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ekosopimus.agreements.models import FundingRule
from ekosopimus.lib.formatting import format_eur

from .facts import STATES, ZERO, PortfolioFacts
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .split import STATE_LABELS

# Under this margin the rule still holds, but one more project could tip it.
CLOSE = Decimal("0.9")


def money_by_focus_area(facts: PortfolioFacts, state: str) -> dict[int, Decimal]:
    """Money per focus area; a project linked to several areas counts in equal shares."""
    sums: dict[int, Decimal] = {}
    for project in facts.projects:
        if not project.focus_area_ids:
            continue
        share = project.amount(state) / len(project.focus_area_ids)
        for area_id in project.focus_area_ids:
            sums[area_id] = sums.get(area_id, ZERO) + share
    return {area: amount.quantize(Decimal("0.01"), ROUND_HALF_UP) for area, amount in sums.items()}


def _status(state: str, own: Decimal, least_other: Decimal) -> RuleStatus:
    if own >= least_other:
        # Planned money is an intention; decided money that breaks the rule is a fact.
        return RuleStatus.AT_RISK if state == "planned" else RuleStatus.BROKEN
    if own >= least_other * CLOSE:
        return RuleStatus.AT_RISK
    return RuleStatus.HOLDS


def below_others_rule(*, rule: FundingRule, facts: PortfolioFacts) -> RuleResult:
    """The rule's focus area must get less money than each of the version's other areas."""
    areas = list(rule.version.focus_areas.all())
    others = [area for area in areas if area.pk != rule.focus_area_id]
    sums = {state: money_by_focus_area(facts, state) for state in STATES}
    statuses, worst_case = {}, {}
    for state in STATES:
        if not any(sums[state].values()):
            continue
        own = sums[state].get(rule.focus_area_id, ZERO)
        least = min(others, key=lambda area: sums[state].get(area.pk, ZERO))
        statuses[state] = _status(state, own, sums[state].get(least.pk, ZERO))
        worst_case[state] = (own, least, sums[state].get(least.pk, ZERO))
    status = worst(statuses.values())
    rows = [
        [
            Figure("", str(area), "text", area.get_absolute_url()),
            *(Figure("", sums[state].get(area.pk, ZERO)) for state in STATES),
        ]
        for area in areas
    ]
    unlinked = sum(1 for p in facts.projects if not p.focus_area_ids)
    return RuleResult(
        key=f"below_others_{rule.focus_area.number}",
        title=_("Focus area %(number)s gets the least money") % {"number": rule.focus_area.number},
        status=status,
        sentence=_sentence(status, statuses, worst_case, rule),
        source=rule.sentence,
        figures=[Figure(_("Unlinked projects not counted"), unlinked, "count")],
        tables=[
            Table(
                caption=_(
                    "Money by focus area (a project in several areas counts in equal shares)"
                ),
                headers=[_("Focus area"), *(str(STATE_LABELS[s]) for s in STATES)],
                rows=rows,
            )
        ],
    )


def _sentence(status, statuses, worst_case, rule) -> str:
    number = rule.focus_area.number
    if status == RuleStatus.NO_DATA:
        return _("No project linked to a focus area has money yet, so the rule cannot be checked.")
    state = next(s for s in reversed(STATES) if statuses.get(s) == status)
    own, least, least_amount = worst_case[state]
    values = {
        "number": number,
        "own": format_eur(own),
        "other": least.number,
        "other_amount": format_eur(least_amount),
        "state": str(STATE_LABELS[state]).lower(),
    }
    if status == RuleStatus.HOLDS:
        return (
            _(
                "Focus area %(number)s has %(own)s %(state)s, less than the %(other_amount)s of "
                "focus area %(other)s, the least of the others."
            )
            % values
        )
    if own < least_amount:
        return (
            _(
                "Focus area %(number)s has %(own)s %(state)s, close to the %(other_amount)s of "
                "focus area %(other)s."
            )
            % values
        )
    return (
        _(
            "Focus area %(number)s has %(own)s %(state)s, not less than the %(other_amount)s of "
            "focus area %(other)s, although the agreement directs fewer resources to it."
        )
        % values
    )
