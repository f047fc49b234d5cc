"""The action plan: planned money per measure against what its projects were granted."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import AgreementVersion

from .facts import ZERO
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .sums import PlanItemSum, PortfolioSums

# Granted money this far over a measure's plan means the plan needs updating.
OVER_PLAN = Decimal("1.1")


def action_plan_rule(
    *, version: AgreementVersion, sums: PortfolioSums, today: date
) -> RuleResult | None:
    """Each measure's planned amount against the money granted to the projects linked to it.

    A measure with no project is a gap: at risk during the plan's review period, broken once
    the period is over.
    """
    plan = getattr(version, "action_plan", None)
    if plan is None:
        return None
    items = sorted(plan.items.all(), key=lambda item: item.position)
    if not items:
        return None
    period_over = plan.review_period_end is not None and today.year > plan.review_period_end

    rows, gaps, over, statuses = [], [], [], []
    for item in items:
        linked = sums.plan_items.get(item.pk, PlanItemSum())
        granted, planned = linked.granted, item.planned_amount
        if not linked.projects:
            gaps.append(item)
            statuses.append(RuleStatus.BROKEN if period_over else RuleStatus.AT_RISK)
        elif planned and granted > planned * OVER_PLAN:
            over.append(item)
            statuses.append(RuleStatus.AT_RISK)
        else:
            statuses.append(RuleStatus.HOLDS)
        rows.append(
            [
                Figure("", item.measure, "text"),
                Figure("", planned),
                Figure("", granted),
                Figure(
                    "",
                    (granted * 100 / planned).quantize(Decimal(1)) if planned else None,
                    "percent",
                ),
                Figure("", linked.projects, "count"),
            ]
        )
    status = worst(statuses)
    planned_total = sum((i.planned_amount or ZERO for i in items), ZERO)
    # Every project linked to an action plan item counts, whichever version's plan it is in.
    granted_total = sum((linked.granted for linked in sums.plan_items.values()), ZERO)
    tables = [
        Table(
            caption=plan.title,
            headers=[_("Measure"), _("Planned"), _("Granted"), _("Of plan"), _("Projects")],
            rows=rows,
        )
    ]
    if gaps:
        tables.append(
            Table(
                caption=_("Measures with no project"),
                headers=[_("Measure"), _("Focus area"), _("Planned")],
                rows=[
                    [
                        Figure("", item.measure, "text", _new_idea_url(version, item)),
                        Figure("", str(item.focus_area or item.group_label), "text"),
                        Figure("", item.planned_amount),
                    ]
                    for item in gaps
                ],
            )
        )
    return RuleResult(
        key="action_plan",
        title=_("The action plan's measures and their money"),
        status=status,
        sentence=_sentence(status, len(items), gaps, over, period_over, plan),
        source=plan.intro,
        figures=[
            Figure(_("Measures"), len(items), "count"),
            Figure(_("Measures with no project"), len(gaps), "count"),
            Figure(_("Measures granted over plan"), len(over), "count"),
            Figure(_("Planned in the action plan"), planned_total),
            Figure(_("Granted to linked projects"), granted_total),
        ],
        tables=tables,
    )


def _new_idea_url(version: AgreementVersion, item) -> str:
    return reverse("portfolio:project_create", kwargs={"slug": version.agreement.slug}) + (
        f"?toimenpide={item.pk}"
    )


def _sentence(status, total, gaps, over, period_over, plan) -> str:
    values = {
        "gaps": len(gaps),
        "total": total,
        "over": len(over),
        "end": plan.review_period_end,
    }
    if status == RuleStatus.HOLDS:
        return (
            _("Every one of the %(total)s measures has a project, and none is over its plan.")
            % values
        )
    if gaps and period_over:
        return (
            _(
                "%(gaps)s of the %(total)s measures still have no project, although the plan's "
                "review period ended in %(end)s."
            )
            % values
        )
    if gaps:
        return _("%(gaps)s of the %(total)s measures have no project yet.") % values
    return (
        _(
            "%(over)s measures have been granted more than 10 %% over their planned money; the "
            "action plan needs updating."
        )
        % values
    )
