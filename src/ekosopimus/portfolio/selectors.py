"""Reads of the portfolio, shaped for the pages that show them."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.pickers import label_for
from ekosopimus.lib.query import id_from

from .models import (
    BudgetLine,
    Call,
    Decision,
    FundingSource,
    Project,
    ProjectStatus,
    SteeringGroupMeeting,
)


def _visible(queryset: QuerySet[Project], user) -> QuerySet[Project]:
    """The projects ``user``'s roles let them read. The public sees projects once funding is
    granted (as the EU publishes its beneficiaries), never ideas, proposals or decisions in
    progress; see ``accounts.access``."""
    return queryset.filter(access_for(user).project_scope())


def project_get_for_user(*, pk: int, user) -> Project:
    """The project behind a URL, if ``user`` may see it; 404 otherwise."""
    project = (
        _visible(Project.objects.all(), user)
        .select_related(
            "agreement",
            "lead_implementer",
            "funding_authority",
            "action_group__focus_area",
            "action_plan_item",
            "method_category",
            "call",
        )
        .prefetch_related("focus_areas", "co_implementers", "indicators")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404(_("No such project."))
    return project


def meeting_get_for_user(*, pk: int, user) -> SteeringGroupMeeting:
    """A steering group meeting; its deliberations are for those who read the agreement's
    internal data (its coordinators and steering group, the ministry)."""
    meeting = SteeringGroupMeeting.objects.select_related("agreement").filter(pk=pk).first()
    if meeting is None or not access_for(user).reads_agreement(meeting.agreement_id):
        raise Http404(_("No such meeting."))
    return meeting


def call_get_for_user(*, pk: int, user) -> Call:
    """A call for projects. Calls are public: the city region announces them."""
    call = Call.objects.select_related("agreement").prefetch_related("focus_areas").filter(pk=pk)
    call = call.first()
    if call is None:
        raise Http404(_("No such call."))
    return call


@dataclass(frozen=True)
class PortfolioFilter:
    """What the portfolio list is narrowed to; every field comes from the URL."""

    status: str = ""
    focus_area: int | None = None
    unlinked: bool = False
    search: str = ""

    @classmethod
    def from_query(cls, query) -> "PortfolioFilter":
        """The filter that a URL's query asks for (the pages' and the API's); unknown values
        are ignored."""
        return cls(
            status=query.get("tila", "") if query.get("tila") in ProjectStatus.values else "",
            focus_area=id_from(query.get("painopiste", "")),
            unlinked=query.get("linkittamattomat") == "1",
            search=query.get("haku", "").strip(),
        )

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.status:
            projects = projects.filter(status=self.status)
        if self.focus_area:
            projects = projects.filter(focus_areas=self.focus_area)
        if self.unlinked:
            projects = projects.filter(focus_areas__isnull=True)
        if self.search:
            projects = projects.filter(
                Q(name__icontains=self.search) | Q(code__icontains=self.search)
            )
        return projects


def project_list(*, agreement: Agreement, user, filters: PortfolioFilter) -> QuerySet[Project]:
    """The agreement's projects that ``user`` may see, narrowed by ``filters``, with their money."""
    projects = filters.apply(_visible(Project.objects.filter(agreement=agreement), user))
    return (
        projects.select_related("lead_implementer")
        .prefetch_related("focus_areas")
        .annotate(
            planned_total=Sum("budget_lines__planned"),
            granted_total=Sum("budget_lines__granted"),
            paid_total=Sum("budget_lines__paid"),
        )
        .order_by("name")
        .distinct()
    )


def project_page(
    *, agreement: Agreement, user, filters: PortfolioFilter, number, per_page: int = 100
) -> Page:
    """One page of the agreement's projects that ``user`` may see, narrowed by ``filters``, in
    name order, each with its money summed.

    The page is picked first and only its projects are summed and read in full: summing every
    project's lines before the page was cut took seconds at 20,000 projects. Neither the role's
    scope nor the filters repeat a project (they use subqueries), so no DISTINCT is needed, and
    the (agreement, name) index gives the order.
    """
    projects = filters.apply(_visible(Project.objects.filter(agreement=agreement), user))
    page = Paginator(projects.order_by("name", "pk").values_list("pk", flat=True), per_page)
    page = page.get_page(number)
    ids = list(page.object_list)
    money = {
        row["project_id"]: row
        for row in BudgetLine.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(planned=Sum("planned"), granted=Sum("granted"), paid=Sum("paid"))
        .order_by()
    }
    found = Project.objects.filter(pk__in=ids).select_related("lead_implementer")
    by_id = {project.pk: project for project in found.prefetch_related("focus_areas")}
    listed = []
    for pk in ids:
        project = by_id[pk]
        sums = money.get(pk, {})
        project.planned_total = sums.get("planned")
        project.granted_total = sums.get("granted")
        project.paid_total = sums.get("paid")
        listed.append(project)
    page.object_list = listed
    return page


def sample_count(*, agreement: Agreement, user) -> int:
    """How many of the projects ``user`` sees in the portfolio are sample data."""
    return _visible(Project.objects.filter(agreement=agreement, is_sample=True), user).count()


def status_counts(*, agreement: Agreement, user) -> list[tuple[str, str, int]]:
    """(status, label, count) for every lifecycle status, in lifecycle order."""
    counts = dict(
        _visible(Project.objects.filter(agreement=agreement), user)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in ProjectStatus.choices]


@dataclass(frozen=True)
class BudgetRow:
    label: str
    planned: Decimal
    granted: Decimal
    paid: Decimal


def project_budget(*, project: Project) -> tuple[list[BudgetRow], BudgetRow]:
    """The project's budget lines in source order, and their total."""
    order = {value: index for index, value in enumerate(FundingSource.values)}
    lines = sorted(project.budget_lines.all(), key=lambda b: (order[b.source], b.instrument))
    rows = [BudgetRow(str(b), b.planned, b.granted, b.paid) for b in lines]
    total = BudgetRow(
        _("Total"),
        sum((r.planned for r in rows), Decimal(0)),
        sum((r.granted for r in rows), Decimal(0)),
        sum((r.paid for r in rows), Decimal(0)),
    )
    return rows, total


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: object
    reason: str
    changes: list[tuple[str, str, str]]


def project_history(*, project: Project) -> list[HistoryEntry]:
    """Every recorded change of the project, newest first, with who, when, why and what."""
    records = list(project.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = Project._meta.get_field(change.field)
                changes.append(
                    (
                        str(field.verbose_name),
                        _display(field, change.old),
                        _display(field, change.new),
                    )
                )
        entries.append(
            HistoryEntry(
                newer.history_date, newer.history_user, newer.history_change_reason or "", changes
            )
        )
    return entries


def _display(field, value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, list):  # many-to-many: a list of through-row dicts
        return _("%(n)s linked") % {"n": len(value)}
    choices = dict(field.choices or ())
    return str(choices.get(value, value))


def project_decisions(*, project: Project) -> QuerySet[Decision]:
    return project.decisions.select_related("meeting", "recorded_by").order_by("decided_on", "pk")


def meeting_detail(*, meeting: SteeringGroupMeeting):
    """The meeting with its attendees, agenda (with each project's decision) and conflicts."""
    agenda = meeting.agenda_items.select_related("project").order_by("position")
    decisions = {
        d.project_id: d for d in meeting.decisions.select_related("project").order_by("pk")
    }
    conflicts = meeting.conflicts.select_related("attendee", "project")
    return {
        "attendees": list(meeting.attendees.all()),
        "agenda": [(item, decisions.get(item.project_id)) for item in agenda],
        "conflicts": list(conflicts),
        "undecided": [
            item.project
            for item in agenda
            if item.project is not None
            and item.project_id not in decisions
            and item.project.status == ProjectStatus.PROPOSED
        ],
    }


def meeting_list(*, agreement: Agreement) -> QuerySet[SteeringGroupMeeting]:
    return SteeringGroupMeeting.objects.filter(agreement=agreement).annotate(
        decision_count=Count("decisions", distinct=True),
        item_count=Count("agenda_items", distinct=True),
    )


def call_list(*, agreement: Agreement) -> QuerySet[Call]:
    return (
        Call.objects.filter(agreement=agreement)
        .prefetch_related("focus_areas")
        .annotate(proposal_count=Count("projects"))
    )


def project_suggestions(*, agreement: Agreement, user, text: str, limit: int = 10) -> list[Project]:
    """The agreement's projects ``user`` may read whose code or name holds ``text``: what a
    picker offers as the user types, codes that begin with it first."""
    text = text.strip()
    if len(text) < 2:
        return []
    found = _visible(Project.objects.filter(agreement=agreement), user).filter(
        Q(code__istartswith=text) | Q(name__icontains=text)
    )
    return list(found.only("pk", "code", "name", "status").order_by("name", "pk")[:limit])


def project_label(project: Project) -> str:
    """How a picker writes the project."""
    return label_for(str(project), pk=project.pk)
