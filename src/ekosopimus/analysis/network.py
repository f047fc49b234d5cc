"""The collaboration network: organisations linked by the projects they carry out together.

Two organisations are linked when both implement one project, as lead or co-implementer; the
link weighs as many projects as they share. Counted are the projects of 2021–2027 that the
reader may see, without sample data and without projects turned down (they never ran).
Nationally the network also shows who works across city regions: organisations with projects
in several agreements, and partnerships that recur in more than one city region.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.charts import PALETTE
from ekosopimus.lib.network_chart import Link, Node, network_chart
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import ProgrammePeriod, Project, ProjectStatus

from .similar import visible_projects

# The chart shows the organisations in most projects; the tables list them all.
CHART_NODES = 40
CHART_LABELS = 12
NOT_RUN = (ProjectStatus.REJECTED, ProjectStatus.REFUSED)

Kind = Organization.Kind
COLOURS = (
    (gettext_lazy("Cities"), (Kind.CITY,)),
    (gettext_lazy("Universities"), (Kind.UNIVERSITY, Kind.UNIVERSITY_OF_APPLIED_SCIENCES)),
    (gettext_lazy("Research institutes"), (Kind.RESEARCH_INSTITUTE,)),
    (gettext_lazy("Companies"), (Kind.COMPANY,)),
    (
        gettext_lazy("Public authorities"),
        (Kind.WELLBEING_SERVICES_COUNTY, Kind.REGIONAL_COUNCIL, Kind.ELY_CENTRE, Kind.MINISTRY),
    ),
    (gettext_lazy("Other"), (Kind.OTHER,)),
)
COLOUR_OF = {kind: index for index, (_label, kinds) in enumerate(COLOURS) for kind in kinds}


@dataclass(frozen=True)
class Member:
    organization: Organization
    projects: int
    led: int
    partners: int
    regions: list[str]


@dataclass(frozen=True)
class Partnership:
    first: Organization
    second: Organization
    projects: int
    regions: list[str]


@dataclass(frozen=True)
class Network:
    agreement: Agreement | None  # None: every agreement
    projects: int  # counted projects
    joint_projects: int  # of which with more than one organisation
    members: list[Member]  # most projects first
    partnerships: list[Partnership]  # most shared projects first
    chart: str  # "" when there is nothing to draw
    chart_title: str
    chart_description: str
    chart_key: list[tuple[int, Member]]  # the numbered nodes of the chart, by their number
    chart_legend: list[tuple[str, str]]  # (what a colour stands for, the colour)

    @property
    def across_regions(self) -> list[Member]:
        return [m for m in self.members if len(m.regions) > 1]

    @property
    def partnerships_across_regions(self) -> list[Partnership]:
        return [p for p in self.partnerships if len(p.regions) > 1]


def collaboration_network(*, user, agreement: Agreement | None = None) -> Network:
    """The network of ``agreement``'s projects, or of every agreement's."""
    projects = Project.objects.filter(visible_projects(user)).filter(
        programme_period=ProgrammePeriod.P2021, is_sample=False
    )
    projects = projects.exclude(status__in=NOT_RUN)
    if agreement is not None:
        projects = projects.filter(agreement=agreement)
    rows = list(projects.values_list("pk", "agreement__city_region", "lead_implementer_id"))
    implementers: dict[int, set[int]] = defaultdict(set)
    region: dict[int, str] = {}
    led: Counter = Counter()
    for pk, city_region, lead in rows:
        region[pk] = city_region
        if lead:
            implementers[pk].add(lead)
            led[lead] += 1
    partners = Project.co_implementers.through.objects.filter(project_id__in=region)
    for pk, organization_id in partners.values_list("project_id", "organization_id"):
        implementers[pk].add(organization_id)

    counts: Counter = Counter()
    regions: dict[int, set[str]] = defaultdict(set)
    shared: Counter = Counter()
    shared_regions: dict[tuple[int, int], set[str]] = defaultdict(set)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for pk, organizations in implementers.items():
        for organization_id in organizations:
            counts[organization_id] += 1
            regions[organization_id].add(region[pk])
        for a, b in combinations(sorted(organizations), 2):
            shared[(a, b)] += 1
            shared_regions[(a, b)].add(region[pk])
            neighbours[a].add(b)
            neighbours[b].add(a)
    known = Organization.objects.in_bulk(list(counts))
    members = sorted(
        (
            Member(known[pk], n, led[pk], len(neighbours[pk]), sorted(regions[pk]))
            for pk, n in counts.items()
        ),
        key=lambda m: (-m.projects, -m.partners, m.organization.name),
    )
    partnerships = sorted(
        (
            Partnership(known[a], known[b], n, sorted(shared_regions[(a, b)]))
            for (a, b), n in shared.items()
        ),
        key=lambda p: (-p.projects, p.first.name, p.second.name),
    )
    joint = sum(1 for organizations in implementers.values() if len(organizations) > 1)
    title, description = _chart_text(agreement, len(rows), members, partnerships)
    return Network(
        agreement=agreement,
        projects=len(rows),
        joint_projects=joint,
        members=members,
        partnerships=partnerships,
        chart=_chart(title, description, members, partnerships),
        chart_title=title,
        chart_description=description,
        chart_key=list(enumerate(members[:CHART_LABELS], start=1)),
        chart_legend=_legend(members[:CHART_NODES]),
    )


def _chart_text(agreement, projects, members, partnerships) -> tuple[str, str]:
    where = agreement.city_region if agreement else _("all city regions")
    title = _("Collaboration network – %(where)s") % {"where": where}
    shown = min(len(members), CHART_NODES)
    description = ngettext(
        "%(organizations)s organisations in %(projects)s project, %(links)s links between them.",
        "%(organizations)s organisations in %(projects)s projects, %(links)s links between them.",
        projects,
    ) % {
        "organizations": number_format(len(members)),
        "projects": number_format(projects),
        "links": number_format(len(partnerships)),
    }
    if shown < len(members):
        description += " " + _(
            "The chart shows the %(shown)s organisations in most projects; the tables list all."
        ) % {"shown": number_format(shown)}
    return title, description


def _chart(title, description, members, partnerships) -> str:
    shown = members[:CHART_NODES]
    keys = {m.organization.pk for m in shown}
    nodes = [
        Node(
            key=m.organization.pk,
            label=m.organization.name,
            size=m.projects,
            colour=COLOUR_OF.get(m.organization.kind, len(COLOURS) - 1),
            number=position + 1 if position < CHART_LABELS else None,
        )
        for position, m in enumerate(shown)
    ]
    links = [
        Link(p.first.pk, p.second.pk, p.projects)
        for p in partnerships
        if p.first.pk in keys and p.second.pk in keys
    ]
    return network_chart(title=title, description=description, nodes=nodes, links=links)


def _legend(shown: list[Member]) -> list[tuple[str, str]]:
    used = {COLOUR_OF.get(m.organization.kind, len(COLOURS) - 1) for m in shown}
    return [
        (str(label), PALETTE[index % len(PALETTE)])
        for index, (label, _kinds) in enumerate(COLOURS)
        if index in used
    ]
