"""Reads of the agreement register, shaped for the pages that show them."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for

from .models import (
    ActionGroup,
    ActionPlanItem,
    Agreement,
    AgreementDraft,
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


def agreement_get_internal(*, slug: str, user) -> Agreement:
    """The agreement behind a URL whose page shows its non-public data (the whole portfolio,
    meetings, the situation picture): 404 for anyone who does not read that agreement."""
    agreement = agreement_get(slug=slug)
    if not access_for(user).reads_agreement(agreement.pk):
        raise Http404(_("No such agreement."))
    return agreement


def version_current(agreement: Agreement) -> AgreementVersion | None:
    """The version in force: the highest-numbered published one."""
    return (
        agreement.versions.filter(status=AgreementVersion.Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def versions_current(*, agreements, prefetch=()) -> dict[int, AgreementVersion]:
    """``version_current`` of several agreements at once, by agreement id (an agreement with no
    published version is left out), each with its agreement and ``prefetch`` read for all of
    them in one query per relation."""
    versions = (
        AgreementVersion.objects.filter(
            agreement__in=agreements, status=AgreementVersion.Status.PUBLISHED
        )
        .select_related("agreement")
        .order_by("agreement_id", "-number")
    )
    current: dict[int, AgreementVersion] = {}
    for version in versions:
        current.setdefault(version.agreement_id, version)
    prefetch_related_objects(list(current.values()), *prefetch)
    return current


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


# Importing agreements from documents ---------------------------------------------------------


def require_importer(user) -> None:
    """Only administrators import agreements into the register (an agreement being imported
    may have no coordinators yet); to anyone else the pages do not exist."""
    if not access_for(user).is_admin:
        raise Http404(_("No such page."))


def draft_list() -> QuerySet[AgreementDraft]:
    """Drafts waiting for review, newest first."""
    return AgreementDraft.objects.filter(status=AgreementDraft.Status.DRAFT).select_related(
        "uploaded_by"
    )


def draft_get_for_user(*, user, pk: int) -> AgreementDraft:
    """The draft with this id if the user may import agreements, else 404."""
    require_importer(user)
    draft = AgreementDraft.objects.filter(pk=pk).select_related("published_version").first()
    if draft is None:
        raise Http404(_("No such draft."))
    return draft


def agreement_to_compare(*, draft: AgreementDraft, slug: str | None) -> Agreement | None:
    """The agreement a draft is compared with: the one asked for, else the one of its slug."""
    return Agreement.objects.filter(slug=slug or draft.data.get("slug")).first()


@dataclass(frozen=True)
class SourcedItem:
    """One item of a draft as the review page lists it, with where it came from."""

    label: str
    text: str
    depth: int
    page: int | None
    line: int | None

    @property
    def anchor(self) -> str:
        return f"r-{self.page}-{self.line}" if self.line else ""


def draft_outline(draft: AgreementDraft) -> list[SourcedItem]:
    """The draft's items in document order, each with the page and line it was read from."""
    data, sources = draft.data, draft.sources
    items: list[SourcedItem] = []

    def add(label, text, depth, place):
        page, line = sources.get(place) or (None, None)
        items.append(SourcedItem(str(label), str(text), depth, page, line))

    for i, party in enumerate(data.get("parties") or []):
        kind = _("contracting party") if party["kind"] == "contracting" else _("cooperation party")
        add(_("Party"), f"{party['name']} ({kind})", 0, f"parties[{i}]")
    for i, area in enumerate(data.get("focus_areas") or []):
        place = f"focus_areas[{i}]"
        add(_("Focus area"), f"{area['number']} {area['name']}", 0, place)
        for j, target in enumerate(area.get("targets") or []):
            add(_("Target"), f"{target['value']} {target['label']}", 1, f"{place}.targets[{j}]")
        for j, group in enumerate(area.get("action_groups") or []):
            gplace = f"{place}.action_groups[{j}]"
            add(_("Action group"), f"{group['number']} {group['name']}", 1, gplace)
            for key, label in (
                ("key_measures", _("Key measure")),
                ("considerations", _("Consideration")),
            ):
                for k, text in enumerate(group.get(key) or []):
                    add(label, text, 2, f"{gplace}.{key}[{k}]")
    for i, item in enumerate((data.get("action_plan") or {}).get("items") or []):
        where = item.get("action_group") or item.get("focus_area") or item.get("group_label") or ""
        amount = f" – {item['amount_meur']} M€" if item.get("amount_meur") else ""
        add(
            _("Action plan row"),
            f"{where}: {item['measure']}{amount}",
            0,
            f"action_plan.items[{i}]",
        )
    funding = data.get("funding") or {}
    if funding.get("split_sentence"):
        split = (
            f"{funding.get('local_share_percent')} % / {funding.get('eu_state_share_percent')} %"
        )
        add(_("Funding split"), split, 0, "funding.split_sentence")
    for i, instrument in enumerate(funding.get("instruments") or []):
        add(_("Instrument"), instrument["code"], 0, f"funding.instruments[{i}]")
    for i, body in enumerate(data.get("governance") or []):
        add(_("Governance"), body["name"], 0, f"governance[{i}]")
        for j, task in enumerate(body.get("tasks") or []):
            add(_("Task"), task, 1, f"governance[{i}].tasks[{j}]")
    if data.get("ends_on"):
        ends = datetime.date.fromisoformat(str(data["ends_on"]))
        add(_("Valid until"), date_format(ends, "SHORT_DATE_FORMAT"), 0, "ends_on")
    return items


def draft_lines(draft: AgreementDraft) -> list[SourcedItem]:
    """The document's lines with anchors, for the source column of the review."""
    return [SourcedItem("", text, 0, page, line) for page, line, text in draft.source_lines]


# Comparing versions ---------------------------------------------------------------------------


class CompareError(ValueError):
    """Two versions that cannot be compared; the message says why."""


def versions_to_compare(
    *, agreement: Agreement, older: object, newer: object
) -> tuple[AgreementVersion, AgreementVersion]:
    """The two published versions named by number (text from a URL or a command line);
    without numbers the version in force and the one before it."""
    published = {
        version.number: version
        for version in agreement.versions.filter(status=AgreementVersion.Status.PUBLISHED)
    }
    numbers = sorted(published)
    if len(numbers) < 2 and not (older and newer):
        raise CompareError(_("%(agreement)s has only one version.") % {"agreement": agreement})
    chosen = []
    for given, default in (
        (older, numbers[-2] if len(numbers) > 1 else None),
        (newer, numbers[-1]),
    ):
        if given in (None, ""):
            chosen.append(default)
            continue
        try:
            number = int(str(given).strip())
        except ValueError:
            raise CompareError(
                _("%(value)s is not a version number.") % {"value": str(given)[:20]}
            ) from None
        if number not in published:
            raise CompareError(
                _("%(agreement)s has no published version %(number)s.")
                % {"agreement": agreement, "number": number}
            )
        chosen.append(number)
    first, second = chosen
    if first == second:
        raise CompareError(_("Choose two different versions."))
    return published[min(first, second)], published[max(first, second)]
