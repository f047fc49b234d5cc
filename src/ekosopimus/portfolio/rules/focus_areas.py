"""Helsinki–Espoo–Vantaa: the 4th focus area gets less money than each of the other three."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ekosopimus.agreements.models import FundingRule
from ekosopimus.lib.formatting import format_eur

from .facts import STATES, ZERO
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .split import STATE_LABELS
from .sums import PortfolioSums

# Under this margin the rule still holds, but one more project could tip it.
CLOSE = Decimal("0.9")


def money_by_focus_area(sums: PortfolioSums, state: str) -> dict[int, Decimal]:
    """Money per focus area; a project linked to several areas counts in equal shares.

    The money of the projects that share an area with the same number of areas is divided
    once, so that the only rounding is to the cent at the end.
    """
    shared: dict[tuple[int, int], Decimal] = {}
    for group in sums.areas:
        key = (group.focus_area_id, group.shared_by)
        shared[key] = shared.get(key, ZERO) + group.amount(state)
    by_area: dict[int, Decimal] = {}
    for (area_id, shared_by), amount in shared.items():
        by_area[area_id] = by_area.get(area_id, ZERO) + amount / shared_by
    return {
        area: amount.quantize(Decimal("0.01"), ROUND_HALF_UP) for area, amount in by_area.items()
    }


def _status(state: str, own: Decimal, least_other: Decimal) -> RuleStatus:
    if own >= least_other:
        # Planned money is an intention; decided money that breaks the rule is a fact.
        return RuleStatus.AT_RISK if state == "planned" else RuleStatus.BROKEN
    if own >= least_other * CLOSE:
        return RuleStatus.AT_RISK
    return RuleStatus.HOLDS


def below_others_rule(*, rule: FundingRule, sums: PortfolioSums) -> RuleResult:
    """The rule's focus area must get less money than each of the version's other areas."""
    areas = list(rule.version.focus_areas.all())
    others = [area for area in areas if area.pk != rule.focus_area_id]
    money = {state: money_by_focus_area(sums, state) for state in STATES}
    statuses, worst_case = {}, {}
    for state in STATES:
        if not any(money[state].values()):
            continue
        own = money[state].get(rule.focus_area_id, ZERO)
        least = min(others, key=lambda area: money[state].get(area.pk, ZERO))
        statuses[state] = _status(state, own, money[state].get(least.pk, ZERO))
        worst_case[state] = (own, least, money[state].get(least.pk, ZERO))
    status = worst(statuses.values())
    rows = [
        [
            Figure("", str(area), "text", area.get_absolute_url()),
            *(Figure("", money[state].get(area.pk, ZERO)) for state in STATES),
        ]
        for area in areas
    ]
    return RuleResult(
        key=f"below_others_{rule.focus_area.number}",
        title=_("Focus area %(number)s gets the least money") % {"number": rule.focus_area.number},
        status=status,
        sentence=_sentence(status, statuses, worst_case, rule),
        source=rule.sentence,
        figures=[Figure(_("Unlinked projects not counted"), sums.unlinked, "count")],
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
