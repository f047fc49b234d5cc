"""Reads of the agreement register, shaped for the pages that show them."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    AgreementVersion,
    FocusArea,
    GovernanceBody,
)


def agreement_list() -> QuerySet[Agreement]:
    """All agreements, ordered by city region."""
    return Agreement.objects.order_by("city_region")


def agreement_get(*, slug: str) -> Agreement:
    """The agreement with this slug, or 404."""
    agreement = Agreement.objects.filter(slug=slug).first()
    if agreement is None:
        raise Http404(_("No such agreement."))
    return agreement


def version_current(agreement: Agreement) -> AgreementVersion | None:
    """The version in force: the highest-numbered published one."""
    return (
        agreement.versions.filter(status=AgreementVersion.Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def version_get(*, agreement: Agreement, number: int | None = None) -> AgreementVersion:
    """One version of the agreement with everything it states, ready to show; 404 if absent.

    ``number=None`` means the current version.
    """
    versions = AgreementVersion.objects.filter(
        agreement=agreement, status=AgreementVersion.Status.PUBLISHED
    ).select_related("agreement")
    versions = versions.prefetch_related(
        "parties",
        "method_categories",
        "instruments",
        "funding_rules__focus_area",
        Prefetch(
            "focus_areas",
            queryset=FocusArea.objects.prefetch_related(
                "targets",
                "funding_rules",
                Prefetch(
                    "action_groups",
                    queryset=ActionGroup.objects.prefetch_related("key_measures", "considerations"),
                ),
            ),
        ),
        Prefetch(
            "governance_bodies",
            queryset=GovernanceBody.objects.prefetch_related("tasks", "funding_phases"),
        ),
    )
    version = (
        versions.order_by("-number").first()
        if number is None
        else versions.filter(number=number).first()
    )
    if version is None:
        raise Http404(_("No such version of the agreement."))
    return version


def focus_area_get(*, version: AgreementVersion, number: str) -> FocusArea:
    """A focus area of the given version, by its number; 404 if absent."""
    for area in version.focus_areas.all():
        if area.number == number:
            return area
    raise Http404(_("No such focus area."))


@dataclass
class PlanSection:
    """The action plan rows under one heading (a focus area or a group of common measures)."""

    heading: str
    focus_area: FocusArea | None
    items: list[ActionPlanItem] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((i.planned_amount for i in self.items if i.planned_amount), Decimal(0))

    @property
    def blank_count(self) -> int:
        return sum(1 for item in self.items if item.planned_amount is None)


@dataclass
class PlanTable:
    """The action plan as a table: sections with subtotals and an overall total."""

    sections: list[PlanSection]

    @property
    def total(self) -> Decimal:
        return sum((section.total for section in self.sections), Decimal(0))

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    @property
    def blank_count(self) -> int:
        return sum(section.blank_count for section in self.sections)

    @property
    def has_amounts(self) -> bool:
        return any(i.planned_amount is not None for s in self.sections for i in s.items)


def action_plan_table(*, version: AgreementVersion, focus_area: FocusArea | None = None):
    """The version's action plan grouped by focus area, in annex order; ``None`` if it has none.

    With ``focus_area`` given, only that area's rows.
    """
    plan = getattr(version, "action_plan", None)
    if plan is None:
        return None
    items = plan.items.select_related("focus_area", "action_group").order_by("position")
    if focus_area is not None:
        items = items.filter(focus_area=focus_area)
    sections: list[PlanSection] = []
    for item in items:
        heading = item.focus_area.name if item.focus_area else item.group_label
        if not sections or sections[-1].heading != heading:
            sections.append(PlanSection(heading=heading, focus_area=item.focus_area))
        sections[-1].items.append(item)
    return PlanTable(sections=sections)
