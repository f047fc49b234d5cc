"""The agreements' own rules, evaluated live against the portfolio.

Nothing is stored: every call reads the portfolio as it is now, so a decision recorded a
moment ago already shows in the rules' status.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from ekosopimus.agreements.models import Agreement, FundingRule
from ekosopimus.agreements.selectors import version_current

from .action_plan import action_plan_rule
from .facts import PortfolioFacts, portfolio_facts
from .focus_areas import below_others_rule
from .periods import akke_rule, coordination_rule, validity_rule
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .split import split_rule
from .sums import (
    PortfolioMoney,
    PortfolioSums,
    portfolio_money_by_agreement,
    portfolio_sums,
    portfolio_sums_by_agreement,
)

__all__ = [
    "Figure",
    "PortfolioFacts",
    "PortfolioMoney",
    "PortfolioSums",
    "portfolio_facts",
    "portfolio_money_by_agreement",
    "portfolio_sums",
    "portfolio_sums_by_agreement",
    "RuleReport",
    "RuleResult",
    "RuleStatus",
    "Table",
    "rules_evaluate",
    "worst",
]


@dataclass(frozen=True)
class RuleReport:
    """The rules' results, and what the count left out."""

    rules: list[RuleResult]
    earlier_periods: int = 0
    samples_left_out: int = 0

    @property
    def counts(self) -> dict[str, int]:
        """How many rules are in each status, keyed by the status value."""
        return {
            status.value: sum(1 for rule in self.rules if rule.status == status)
            for status in RuleStatus
        }


def rules_evaluate(
    *,
    agreement: Agreement,
    include_samples: bool = False,
    today: date | None = None,
    sums: PortfolioSums | None = None,
) -> RuleReport:
    """Every rule the agreement's current version states, as the portfolio stands now.

    Only the rules the agreement has are returned: an agreement without an action plan has
    no action plan rule. Projects of earlier programme periods are never counted. A caller
    that has already read the portfolio (several agreements' at once) passes its ``sums``.
    """
    version = version_current(agreement)
    if version is None:
        return RuleReport(rules=[])
    today = today or timezone.localdate()
    sums = sums or portfolio_sums(agreement=agreement, include_samples=include_samples)
    results = [split_rule(version=version, sums=sums)]
    if version.split_applies_to_akke:
        results.append(split_rule(version=version, sums=sums, akke_only=True))
    for rule in version.funding_rules.select_related("focus_area", "version"):
        if rule.kind == FundingRule.Kind.FOCUS_AREA_BELOW_OTHERS:
            results.append(below_others_rule(rule=rule, sums=sums))
    results += [
        action_plan_rule(version=version, sums=sums, today=today),
        validity_rule(agreement=agreement, sums=sums),
        akke_rule(version=version, sums=sums),
        coordination_rule(version=version, sums=sums),
    ]
    return RuleReport(
        rules=[result for result in results if result is not None],
        earlier_periods=sums.earlier_periods,
        samples_left_out=sums.samples_left_out,
    )
