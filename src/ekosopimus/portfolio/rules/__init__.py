"""The agreements' own rules, evaluated live against the portfolio.

Nothing is stored: every call reads the portfolio as it is now, so a decision recorded a
moment ago already shows in the rules' status. The rules read the agreement's current version
from the relations ``VERSION_READS`` prefetches, so that sixteen agreements cost as many
queries as one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from ekosopimus.agreements.models import ActionPlanItem, Agreement, AgreementVersion, FundingRule
from ekosopimus.agreements.selectors import versions_current
from ekosopimus.lib.stamp import remembered

from .action_plan import action_plan_rule
from .as_of import PortfolioAsOf, portfolio_as_of
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
    "PortfolioAsOf",
    "PortfolioFacts",
    "PortfolioMoney",
    "PortfolioSums",
    "portfolio_as_of",
    "portfolio_facts",
    "portfolio_money_by_agreement",
    "portfolio_sums",
    "portfolio_sums_by_agreement",
    "RuleReport",
    "RuleResult",
    "RuleStatus",
    "Table",
    "rules_evaluate",
    "rules_evaluate_by_agreement",
    "rules_figure",
    "rules_kept",
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


# Everything the rules read of an agreement's current version.
VERSION_READS = (
    Prefetch("funding_rules", queryset=FundingRule.objects.select_related("focus_area")),
    "focus_areas",
    Prefetch("action_plan__items", queryset=ActionPlanItem.objects.select_related("focus_area")),
    "instruments",
    "governance_bodies__funding_phases",
)


def rules_evaluate(
    *,
    agreement: Agreement,
    include_samples: bool = False,
    today: date | None = None,
) -> RuleReport:
    """Every rule the agreement's current version states, as the portfolio stands now.

    Only the rules the agreement has are returned: an agreement without an action plan has
    no action plan rule. Projects of earlier programme periods are never counted.
    """
    found = rules_evaluate_by_agreement(
        agreements=[agreement], include_samples=include_samples, today=today
    )
    return found[agreement.pk]


def rules_figure(agreement: Agreement) -> tuple[tuple, Callable[[], RuleReport]]:
    """The name under which the agreement's rules are kept in the cache, and how they are
    computed (``lib/stamp.py``)."""
    return ("rules", agreement.pk), lambda: rules_evaluate(agreement=agreement)


def rules_kept(*, agreement: Agreement) -> RuleReport:
    """``rules_evaluate`` of the agreement, kept in the cache until the data changes; what the
    agreement page shows."""
    key, compute = rules_figure(agreement)
    return remembered(*key, compute=compute)


def rules_evaluate_by_agreement(
    *,
    agreements: list[Agreement],
    include_samples: bool = False,
    today: date | None = None,
    sums: dict[int, PortfolioSums] | None = None,
) -> dict[int, RuleReport]:
    """``rules_evaluate`` of several agreements (by agreement id) in as many queries as for
    one. A caller that has already read the portfolios' ``sums`` passes them."""
    today = today or timezone.localdate()
    versions = versions_current(agreements=agreements, prefetch=VERSION_READS)
    if sums is None:
        with_version = [agreement for agreement in agreements if agreement.pk in versions]
        sums = portfolio_sums_by_agreement(agreements=with_version, include_samples=include_samples)
    return {
        agreement.pk: _evaluate(agreement, versions[agreement.pk], sums[agreement.pk], today)
        if agreement.pk in versions
        else RuleReport(rules=[])
        for agreement in agreements
    }


def _evaluate(
    agreement: Agreement, version: AgreementVersion, sums: PortfolioSums, today: date
) -> RuleReport:
    results = [split_rule(version=version, sums=sums)]
    if version.split_applies_to_akke:
        results.append(split_rule(version=version, sums=sums, akke_only=True))
    for rule in version.funding_rules.all():
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
