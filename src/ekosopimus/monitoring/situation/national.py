"""The national situation picture: every agreement side by side, for the national steering
group, with totals."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.portfolio.models import ProjectStatus as S
from ekosopimus.portfolio.rules import (
    PortfolioMoney,
    RuleReport,
    RuleStatus,
    portfolio_as_of,
    portfolio_money_by_agreement,
    portfolio_sums_by_agreement,
    rules_evaluate_by_agreement,
)

from ..progress import AsOf, TargetProgress, TargetStatus, target_progress_by_agreement
from .filters import SituationFilter
from .money import ZERO, MoneyRow

# The pipeline in the stages the national steering group follows.
STAGES = (
    ("preparing", (S.IDEA, S.PREPARATION, S.PROPOSED, S.RETURNED)),
    ("selected", (S.SELECTED,)),
    ("running", (S.GRANTED, S.ONGOING)),
    ("closed", (S.CLOSED,)),
    ("stopped", (S.REJECTED, S.REFUSED, S.DISCONTINUED)),
)


def stage_labels() -> dict[str, str]:
    return {
        "preparing": _("Ideas and proposals"),
        "selected": _("Proposed for funding"),
        "running": _("Granted or ongoing"),
        "closed": _("Closed"),
        "stopped": _("Rejected, refused or discontinued"),
    }


@dataclass
class NationalRow:
    agreement: Agreement
    money: MoneyRow
    local_granted: Decimal
    stages: dict[str, int]
    targets: dict[str, int]
    rules: dict[str, int]
    target_count: int = 0

    @property
    def is_public_summary(self) -> bool:
        return self.agreement.completeness == Agreement.Completeness.PUBLIC_SUMMARY

    @property
    def targets_behind(self) -> int:
        return self.targets.get("at_risk", 0) + self.targets.get("off_track", 0)

    @property
    def local_share(self) -> Decimal | None:
        """The local share of granted money, in per cent."""
        if not self.money.granted:
            return None
        share = self.local_granted * 100 / self.money.granted
        return share.quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class NationalPicture:
    rows: list[NationalRow]
    total: NationalRow
    filters: SituationFilter
    stage_labels: dict[str, str] = field(default_factory=stage_labels)
    today: date | None = None

    @property
    def full_text_count(self) -> int:
        return sum(1 for row in self.rows if not row.is_public_summary)


def _row(
    agreement: Agreement,
    *,
    money: PortfolioMoney,
    rules: RuleReport,
    targets: list[TargetProgress],
) -> NationalRow:
    return NationalRow(
        agreement=agreement,
        money=MoneyRow(
            key="total",
            label=agreement.city_region,
            planned=money.amount("planned"),
            granted=money.amount("granted"),
            paid=money.amount("paid"),
            projects=money.project_count,
        ),
        local_granted=money.amount("granted", local=True),
        stages={
            key: sum(money.projects.get(status, 0) for status in statuses)
            for key, statuses in STAGES
        },
        targets={s.value: sum(1 for t in targets if t.status == s) for s in TargetStatus},
        rules=rules.counts,
        target_count=len(targets),
    )


def national_picture(
    *,
    filters: SituationFilter | None = None,
    slugs: list[str] | None = None,
    today=None,
    as_of: datetime | None = None,
) -> NationalPicture:
    """Every agreement in the register (or those of ``slugs``) side by side, with totals; as
    the data stands now, or as it stood just before ``as_of`` (rebuilt from the history, with
    ``today`` its last day; the filters are then ignored).

    Agreements held only as public summaries are listed too, so that all city regions show.
    The focus area filter does not apply across agreements and is ignored here.
    """
    # Focus areas are numbered per agreement: one number means nothing across them.
    filters = replace(filters or SituationFilter(), focus_area="")
    today = today or timezone.localdate()
    agreements = Agreement.objects.order_by("city_region")
    if slugs:
        agreements = agreements.filter(slug__in=slugs)
    agreements = list(agreements)
    past = {}
    if as_of is not None:
        filters = SituationFilter()
        past = {a.pk: portfolio_as_of(agreement=a, moment=as_of) for a in agreements}
        sums = {pk: found.sums for pk, found in past.items()}
    else:
        sums = portfolio_sums_by_agreement(agreements=agreements)
    # The rules read the whole portfolio; only the money and the pipeline follow the filter.
    money = (
        portfolio_money_by_agreement(
            agreements=agreements,
            status=filters.status,
            instrument=filters.instrument,
            start_year=filters.year,
        )
        if filters.is_active
        else {pk: found.money for pk, found in sums.items()}
    )
    rules = rules_evaluate_by_agreement(agreements=agreements, today=today, sums=sums)
    targets = target_progress_by_agreement(
        agreements=agreements,
        today=today,
        as_of={pk: AsOf(moment=as_of, statuses=found.statuses) for pk, found in past.items()},
    )
    rows = [
        _row(
            agreement,
            money=money[agreement.pk],
            rules=rules[agreement.pk],
            targets=targets[agreement.pk],
        )
        for agreement in agreements
    ]
    money = MoneyRow(key="total", label=_("All city regions"))
    for row in rows:
        money.add(planned=row.money.planned, granted=row.money.granted, paid=row.money.paid)
        money.projects += row.money.projects
    total = NationalRow(
        agreement=Agreement(city_region=_("All city regions")),
        money=money,
        local_granted=sum((row.local_granted for row in rows), ZERO),
        stages={key: sum(row.stages[key] for row in rows) for key, _statuses in STAGES},
        targets={s.value: sum(row.targets[s.value] for row in rows) for s in TargetStatus},
        rules={s.value: sum(row.rules.get(s.value, 0) for row in rows) for s in RuleStatus},
        target_count=sum(row.target_count for row in rows),
    )
    return NationalPicture(rows=rows, total=total, filters=filters, today=today)
