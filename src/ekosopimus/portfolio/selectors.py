"""Reads of the portfolio, shaped for the pages that show them."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.formatting import format_eur
from ekosopimus.lib.pickers import label_for
from ekosopimus.lib.query import id_from
from ekosopimus.organizations.models import Organization

from .models import (
    BudgetLine,
    Call,
    ChangeRequest,
    Decision,
    EuraDifference,
    FundingSource,
    Project,
    ProjectStatus,
    SteeringGroupMeeting,
    line_label,
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
        # Counting rows rather than ids, and without the default order by agreement and name
        # (which joined every project to its agreement), the database counts from the index of
        # agreement and status alone: 52 ms became 10 ms for 100,000 projects.
        .annotate(n=Count("*"))
        .order_by()
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
    # The oldest record has nothing before it; a project written without history (generated
    # data, bulk loads) has no entries and must not fail the page.
    for newer, older in pairwise([*records, None]):
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


def change_request_get_for_user(*, pk: int, user) -> ChangeRequest:
    """A change request behind a URL, for those who read the agreement's internal data and the
    project's own editors (its organisations' reporters); 404 otherwise."""
    request = (
        ChangeRequest.objects.select_related(
            "project__agreement",
            "submitted_by",
            "decided_by",
            "statement_meeting",
        )
        .filter(pk=pk)
        .first()
    )
    access = access_for(user)
    if request is None or not (
        access.reads_agreement(request.project.agreement_id)
        or access.edits_project(request.project)
    ):
        raise Http404(_("No such change request."))
    return request


def change_request_list(*, agreement: Agreement) -> list[ChangeRequest]:
    """The agreement's change requests: those waiting first, then the decided, newest first."""
    requests = ChangeRequest.objects.filter(project__agreement=agreement).select_related(
        "project", "submitted_by"
    )
    return sorted(
        requests.order_by("-submitted_at", "-pk"), key=lambda request: not request.is_open
    )


@dataclass(frozen=True)
class DifferenceRow:
    """A difference from EURA as the inbox and the command show it."""

    difference: EuraDifference
    part: str
    held: str
    eura: str


def eura_differences(
    *, agreement: Agreement, field: str = "", open_only: bool = True
) -> QuerySet[EuraDifference]:
    """The agreement's differences from EURA (those waiting, unless ``open_only`` is off),
    by project code and field; ``field`` narrows them to one kind."""
    differences = EuraDifference.objects.filter(project__agreement=agreement)
    if open_only:
        differences = differences.filter(status=EuraDifference.Status.OPEN)
    if field in EuraDifference.Field.values:
        differences = differences.filter(field=field)
    return differences.select_related("project", "project_import", "resolved_by").order_by(
        "project__code", "project_id", "field", "source", "instrument"
    )


def difference_rows(differences) -> list[DifferenceRow]:
    """Each difference with its part named and both values written as the pages write them;
    organisations are read once for all rows."""
    differences = list(differences)
    ids = {
        int(value)
        for d in differences
        if d.field == EuraDifference.Field.LEAD_IMPLEMENTER
        for value in (d.held_value, d.eura_value)
        if value
    }
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        DifferenceRow(d, _part(d), _shown(d, d.held_value, names), _shown(d, d.eura_value, names))
        for d in differences
    ]


def _part(difference: EuraDifference) -> str:
    label = str(difference.get_field_display())
    if difference.field != EuraDifference.Field.GRANTED:
        return label
    return f"{label}: {line_label(difference.source, difference.instrument)}"


def _shown(difference: EuraDifference, value: str, names: dict[int, str]) -> str:
    if not value:
        return "–"
    kind = difference.field
    if kind == EuraDifference.Field.GRANTED:
        return format_eur(Decimal(value), 2)
    if kind in (EuraDifference.Field.START_DATE, EuraDifference.Field.END_DATE):
        return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if kind == EuraDifference.Field.STATUS:
        return str(ProjectStatus(value).label)
    return names.get(int(value), value)


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
