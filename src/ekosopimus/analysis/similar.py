"""The projects most like a project, or like an idea typed into a form, and why.

The score is the similarity of the two texts (0–1, see ``similarity.index``). Beside it each
match says what else the two share: organisations, time, the action group or measure. Matches
are grouped as a coordinator reads them: in the same agreement (a possible overlap to settle
now), in other agreements (someone to work with) and in earlier programme periods (work to
build on).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import ProgrammePeriod, Project

from .similarity.corpus import index_current, project_text

# At or above this similarity two texts are taken to describe the same work. Chosen on the
# labelled set (``similarity.quality``; the README gives its precision and recall).
OVERLAP_THRESHOLD = 0.40
# Below this a match says too little to be worth showing.
SHOW_FLOOR = 0.15
# How many of the closest texts are read to fill the groups after access is applied.
POOL = 200


class MatchGroup(models.TextChoices):
    SAME_AGREEMENT = "same", _("In the same agreement")
    OTHER_AGREEMENTS = "other", _("In other agreements")
    EARLIER_PERIODS = "earlier", _("In earlier programme periods")


@dataclass(frozen=True)
class Draft:
    """What is compared: a text, and what is known of the work it describes."""

    text: str
    agreement: Agreement | None = None
    organizations: frozenset[int] = frozenset()
    start_date: date | None = None
    end_date: date | None = None
    action_group_id: int | None = None
    action_plan_item_id: int | None = None
    project_id: int | None = None  # the project itself, never its own match


def draft_of(project: Project) -> Draft:
    """A stored project as a draft to compare."""
    return Draft(
        text=project_text(project.name, project.summary),
        agreement=project.agreement,
        organizations=frozenset(organizations_of(project)),
        start_date=project.start_date,
        end_date=project.end_date,
        action_group_id=project.action_group_id,
        action_plan_item_id=project.action_plan_item_id,
        project_id=project.pk,
    )


def organizations_of(project: Project) -> dict[int, Organization]:
    """The project's lead implementer and co-implementers, by id."""
    found = {o.pk: o for o in project.co_implementers.all()}
    if project.lead_implementer_id:
        found[project.lead_implementer_id] = project.lead_implementer
    return found


@dataclass(frozen=True)
class Match:
    project: Project
    score: float
    group: MatchGroup
    shared_terms: list[str]
    shared_organizations: list[Organization]
    period_overlap: tuple[date, date] | None
    same_action_group: bool
    same_measure: bool

    @property
    def likely_overlap(self) -> bool:
        return self.score >= OVERLAP_THRESHOLD

    def as_data(self) -> dict:
        """The match as plain data, for the command line's JSON and the API."""
        project = self.project
        return {
            "id": project.pk,
            "code": project.code,
            "name": project.name,
            "agreement": project.agreement.slug,
            "programme_period": project.programme_period,
            "status": project.status,
            "group": str(self.group.value),
            "score": round(self.score, 4),
            "likely_overlap": self.likely_overlap,
            "shared_terms": self.shared_terms,
            "shared_organizations": [o.name for o in self.shared_organizations],
            "period_overlap": [day.isoformat() for day in self.period_overlap]
            if self.period_overlap
            else None,
            "same_action_group": self.same_action_group,
            "same_measure": self.same_measure,
            "url": project.get_absolute_url(),
        }


@dataclass
class Matches:
    draft: Draft
    groups: dict[MatchGroup, list[Match]] = field(default_factory=dict)

    threshold = OVERLAP_THRESHOLD

    @property
    def likely_overlaps(self) -> list[Match]:
        return [m for group in self.groups.values() for m in group if m.likely_overlap]

    def __bool__(self) -> bool:
        return any(self.groups.values())


def period_overlap(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> tuple[date, date] | None:
    """The days two projects run at the same time, if both periods are known and meet."""
    if None in (a_start, a_end, b_start, b_end):
        return None
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (start, end) if start <= end else None


def visible_projects(user) -> Q:
    """The projects a match may name: what ``user`` may read; everything on the command line
    (``user`` None), which only the installation's operator runs."""
    return Q() if user is None else access_for(user).project_scope()


def group_of(project: Project, agreement: Agreement | None) -> MatchGroup:
    return _group(project.agreement_id, project.programme_period, agreement)


def _group(agreement_id: int, period: str, agreement: Agreement | None) -> MatchGroup:
    if period != ProgrammePeriod.P2021:
        return MatchGroup.EARLIER_PERIODS
    if agreement is not None and agreement_id == agreement.pk:
        return MatchGroup.SAME_AGREEMENT
    return MatchGroup.OTHER_AGREEMENTS


def similar_projects(*, draft: Draft, user, limit: int = 10) -> Matches:
    """The projects most like ``draft`` that ``user`` may read, up to ``limit`` per group."""
    index = index_current()
    vector = index.vectors([draft.text])
    exclude = [draft.project_id] if draft.project_id else []
    found = index.closest(vector, limit=max(POOL, limit * 20), exclude=exclude, floor=SHOW_FLOOR)
    # Which group each candidate falls in, and whether the reader may see it, takes one light
    # query; only the matches listed are then read whole.
    where = dict(
        (pk, (agreement_id, period))
        for pk, agreement_id, period in Project.objects.filter(pk__in=[m.key for m in found])
        .filter(visible_projects(user))
        .values_list("pk", "agreement_id", "programme_period")
    )
    chosen: dict[MatchGroup, list] = {group: [] for group in MatchGroup}
    for candidate in found:
        if candidate.key in where:
            group = _group(*where[candidate.key], draft.agreement)
            if len(chosen[group]) < limit:
                chosen[group].append(candidate)
    projects = {p.pk: p for p in _read([m.key for group in chosen.values() for m in group])}
    matches = Matches(draft=draft, groups={group: [] for group in MatchGroup})
    for group, candidates in chosen.items():
        for candidate in candidates:
            project = projects.get(candidate.key)
            if project is None:
                continue  # deleted since the light query
            terms = index.shared_terms(vector, project.pk)
            matches.groups[group].append(_match(project, candidate.score, group, draft, terms))
    return matches


def _read(ids: Iterable[int]) -> list[Project]:
    return list(
        Project.objects.filter(pk__in=list(ids))
        .select_related("agreement", "lead_implementer", "action_group", "action_plan_item")
        .prefetch_related("co_implementers")
    )


def _match(project: Project, score: float, group, draft: Draft, terms: list[str]) -> Match:
    return Match(
        project=project,
        score=score,
        group=group,
        shared_terms=terms,
        shared_organizations=[
            o for pk, o in organizations_of(project).items() if pk in draft.organizations
        ],
        period_overlap=period_overlap(
            draft.start_date, draft.end_date, project.start_date, project.end_date
        ),
        same_action_group=bool(
            draft.action_group_id and draft.action_group_id == project.action_group_id
        ),
        same_measure=bool(
            draft.action_plan_item_id and draft.action_plan_item_id == project.action_plan_item_id
        ),
    )
