"""The portfolio-wide overlap report: every pair of projects that describe the same work.

One side of each pair is a project of the agreement's portfolio (2021–2027, no sample data);
the other is any project the reader may see, in the same agreement, in another, or from an
earlier programme period. Pairs that share a project are grouped, so that three projects
doing one thing read as one group rather than as three pairs.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import ProgrammePeriod, Project

from .models import OverlapReview
from .similar import (
    OVERLAP_THRESHOLD,
    MatchGroup,
    group_of,
    organizations_of,
    period_overlap,
    visible_projects,
)
from .similarity.corpus import index_current

# The closest pairs explained and listed; the rest are counted. A page of more would not be
# read, and a threshold that finds more is too low for the portfolio.
PAGE_PAIRS = 500
EXPORT_PAIRS = 20_000


@dataclass(frozen=True)
class OverlapPair:
    first: Project  # of the agreement's portfolio
    second: Project
    score: float
    group: MatchGroup  # where ``second`` is, seen from the agreement
    shared_terms: list[str]
    shared_organizations: list[Organization]
    period_overlap: tuple[date, date] | None
    same_action_group: bool
    review: OverlapReview | None = None  # the coordinator's conclusion, if recorded


@dataclass(frozen=True)
class OverlapCluster:
    number: int
    projects: list[Project]
    pairs: list[OverlapPair]

    @property
    def best(self) -> float:
        return self.pairs[0].score


@dataclass(frozen=True)
class OverlapReport:
    agreement: Agreement
    threshold: float
    compared: int  # the agreement's projects compared
    clusters: list[OverlapCluster]  # of the closest pairs, up to the limit
    only_within: bool
    total_pairs: int  # every pair found, listed or not
    reviewed_pairs: int = 0  # of the pairs found, those a coordinator has concluded on
    unreviewed_only: bool = False  # the concluded pairs are left out of the list and count

    @property
    def pair_count(self) -> int:
        """The pairs listed in the groups."""
        return sum(len(cluster.pairs) for cluster in self.clusters)

    @property
    def is_cut(self) -> bool:
        return self.pair_count < self.total_pairs


def overlap_report(
    *,
    agreement: Agreement,
    user,
    threshold: float = OVERLAP_THRESHOLD,
    only_within: bool = False,
    limit: int = PAGE_PAIRS,
    unreviewed_only: bool = False,
) -> OverlapReport:
    """The pairs of ``agreement``'s portfolio at least ``threshold`` alike, grouped; the
    ``limit`` closest of them explained and listed, all of them counted, with the
    coordinators' conclusions on them.

    ``only_within`` keeps the pairs whose both projects are the agreement's own;
    ``unreviewed_only`` leaves out the pairs already concluded on.
    """
    visible = Project.objects.filter(visible_projects(user))
    own = set(
        visible.filter(
            agreement=agreement, programme_period=ProgrammePeriod.P2021, is_sample=False
        ).values_list("pk", flat=True)
    )
    index = index_current()
    if only_within:
        found = index.subset(own).pairs(threshold=threshold)
    else:
        found = index.pairs(threshold=threshold, keys=own)
        readable = _readable(user)
        if readable is not None:  # the other side must be the reader's to see
            found = [pair for pair in found if pair[0] in readable and pair[1] in readable]
    reviews = reviews_of(agreement)
    concluded = (
        [pair for pair in found if OverlapReview.key(pair[0], pair[1]) in reviews]
        if reviews
        else []
    )
    if unreviewed_only and concluded:
        found = [pair for pair in found if OverlapReview.key(pair[0], pair[1]) not in reviews]
    listed = found[:limit]
    projects = _read(visible, {pk for pair in listed for pk in pair[:2]})
    pairs = []
    for a, b, score in listed:
        if a not in own:  # the agreement's own project first
            a, b = b, a
        review = reviews.get(OverlapReview.key(a, b))
        pairs.append(_pair(index, agreement, projects[a], projects[b], score, review))
    return OverlapReport(
        agreement=agreement,
        threshold=threshold,
        compared=len(own),
        clusters=_clusters(pairs),
        only_within=only_within,
        total_pairs=len(found),
        reviewed_pairs=len(concluded),
        unreviewed_only=unreviewed_only,
    )


def overlap_pair(
    *, agreement: Agreement, first: Project, second: Project, review: OverlapReview | None
) -> OverlapPair:
    """The pair ``first``–``second`` explained as the overlap report explains it; similarity 0
    if either text is not in the index yet."""
    index = index_current()
    try:
        score = float(index.vector_of(first.pk).multiply(index.vector_of(second.pk)).sum())
    except KeyError:
        score = 0.0
    return _pair(index, agreement, first, second, score, review)


def _pair(index, agreement, first, second, score, review) -> OverlapPair:
    return OverlapPair(
        first=first,
        second=second,
        score=score,
        group=group_of(second, agreement),
        shared_terms=index.shared_terms(index.vector_of(first.pk), second.pk) if score else [],
        shared_organizations=_shared_organizations(first, second),
        period_overlap=period_overlap(
            first.start_date, first.end_date, second.start_date, second.end_date
        ),
        same_action_group=bool(
            first.action_group_id and first.action_group_id == second.action_group_id
        ),
        review=review,
    )


def reviews_recorded(*, agreement: Agreement, since: date, until: date) -> dict[str, int]:
    """How many of ``agreement``'s overlapping pairs had a conclusion recorded or changed in
    the days ``since``–``until``, by the outcome each held at the end of ``until`` (each outcome
    present, zero if none). Read from the conclusions' history: a conclusion changed later
    still counts in the year it was recorded, as it stood then; one withdrawn by the end of
    ``until`` does not count."""
    counts = dict.fromkeys(OverlapReview.Outcome.values, 0)
    start, end = (
        timezone.make_aware(datetime.combine(day, time.min))
        for day in (since, until + timedelta(days=1))
    )
    latest: dict[int, tuple[str, str]] = {}
    touched: set[int] = set()
    rows = (
        OverlapReview.history.filter(agreement_id=agreement.pk, history_date__lt=end)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "outcome", "history_type", "history_date")
    )
    for pk, outcome, kind, recorded in rows:
        latest[pk] = (outcome, kind)
        if kind != "-" and recorded >= start:
            touched.add(pk)
    for pk in touched:
        outcome, kind = latest[pk]
        if kind != "-":
            counts[outcome] += 1
    return counts


def reviews_of(agreement: Agreement) -> dict[tuple[int, int], OverlapReview]:
    """The coordinators' conclusions on ``agreement``'s overlapping pairs, by stored pair."""
    return {
        (review.project_a_id, review.project_b_id): review
        for review in OverlapReview.objects.filter(agreement=agreement).select_related(
            "reviewed_by"
        )
    }


def _read(visible, ids: set[int], chunk: int = 2000) -> dict[int, Project]:
    """The projects by id, read a chunk at a time: a database takes only so many parameters."""
    ordered, found = sorted(ids), {}
    for start in range(0, len(ordered), chunk):
        projects = (
            visible.filter(pk__in=ordered[start : start + chunk])
            .select_related("agreement", "lead_implementer", "action_group")
            .prefetch_related("co_implementers")
        )
        found.update((project.pk, project) for project in projects)
    return found


def _readable(user) -> set[int] | None:
    """The ids of the projects ``user`` may read, or None for every project."""
    if user is None or access_for(user).reads_all:
        return None
    return set(Project.objects.filter(visible_projects(user)).values_list("pk", flat=True))


def _shared_organizations(first: Project, second: Project) -> list[Organization]:
    theirs = organizations_of(second)
    return [o for pk, o in organizations_of(first).items() if pk in theirs]


def _clusters(pairs: list[OverlapPair]) -> list[OverlapCluster]:
    """Pairs joined into groups by the projects they share (connected components), the group
    with the closest pair first."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        parent.setdefault(pk, pk)
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for pair in pairs:
        parent[root(pair.first.pk)] = root(pair.second.pk)
    grouped: dict[int, list[OverlapPair]] = {}
    for pair in pairs:  # already best first
        grouped.setdefault(root(pair.first.pk), []).append(pair)
    clusters = []
    for number, members in enumerate(grouped.values(), start=1):
        projects: dict[int, Project] = {}
        for pair in members:
            projects.setdefault(pair.first.pk, pair.first)
            projects.setdefault(pair.second.pk, pair.second)
        clusters.append(OverlapCluster(number, list(projects.values()), members))
    return clusters


# Export ----------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "Ryhmä",
    "Samankaltaisuus",
    "Hankekoodi",
    "Hankkeen nimi",
    "Toteuttaja",
    "Verrattava hankekoodi",
    "Verrattavan hankkeen nimi",
    "Verrattavan toteuttaja",
    "Verrattavan sopimus",
    "Verrattavan ohjelmakausi",
    "Missä",
    "Yhteiset käsitteet",
    "Yhteiset organisaatiot",
    "Yhtäaikaa alkaen",
    "Yhtäaikaa päättyen",
    "Sama toimenpidekokonaisuus",
    "Koordinaattorin johtopäätös",
    "Miten ratkaistu",
]


def export_rows(report: OverlapReport):
    """One list of cells per pair, in ``EXPORT_HEADERS`` order, in Finnish."""
    with translation.override("fi"):
        for cluster in report.clusters:
            for pair in cluster.pairs:
                overlap = pair.period_overlap or (None, None)
                yield [
                    cluster.number,
                    Decimal(str(pair.score)).quantize(Decimal("0.01"), ROUND_HALF_UP),
                    pair.first.code,
                    pair.first.name,
                    _lead(pair.first),
                    pair.second.code,
                    pair.second.name,
                    _lead(pair.second),
                    pair.second.agreement.city_region,
                    pair.second.programme_period,
                    str(pair.group.label),
                    ", ".join(pair.shared_terms),
                    "; ".join(o.name for o in pair.shared_organizations),
                    *overlap,
                    "kyllä" if pair.same_action_group else "",
                    str(pair.review.get_outcome_display()) if pair.review else "",
                    pair.review.note if pair.review else "",
                ]


def _lead(project: Project) -> str:
    return project.lead_implementer.name if project.lead_implementer_id else ""
