"""The situation picture breaks the portfolio down from groups the database sums; these compare
them with the same portfolio read project by project, on every awkward case the rules meet."""

import pytest

from ekosopimus.agreements.models import ActionGroup
from ekosopimus.monitoring.situation import SituationFilter
from ekosopimus.monitoring.situation.cube import (
    Narrowed,
    cube_from_database,
    cube_from_facts,
    placed_of,
)
from ekosopimus.portfolio.models import BudgetLine, FundingSource, Project
from ekosopimus.portfolio.rules import portfolio_facts, portfolio_sums
from ekosopimus.portfolio.tests.test_rules_sums import awkward  # noqa: F401  (the fixture)

FILTERS = [
    SituationFilter(),
    SituationFilter(status="ongoing"),
    SituationFilter(instrument="AKKE"),
    SituationFilter(instrument="ERDF"),
    SituationFilter(year=2024),
    SituationFilter(focus_area="4.2"),
    SituationFilter(focus_area="4.1", status="ongoing"),
]


@pytest.fixture
def placed(awkward, agreements):  # noqa: F811
    """The awkward portfolio, with some of Kuopio's projects in action groups."""
    kuopio = agreements["kuopio"]
    groups = list(ActionGroup.objects.filter(focus_area__version__agreement=kuopio)[:2])
    projects = Project.objects.filter(agreement=kuopio).order_by("pk")
    for project, group in zip(projects, [groups[0], groups[0], groups[1]], strict=False):
        Project.objects.filter(pk=project.pk).update(action_group=group)
    return agreements


@pytest.mark.parametrize("slug", ["kuopio", "helsinki-espoo-vantaa"])
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.query_string() or "all")
@pytest.mark.parametrize("include_samples", [False, True])
def test_the_database_groups_the_portfolio_as_its_projects_read_one_by_one(
    placed, slug, filters, include_samples
):
    agreement = placed[slug]
    areas = {area.pk: area.number for area in agreement.versions.get(number=1).focus_areas.all()}
    chosen = {pk for pk, number in areas.items() if number == filters.focus_area}
    facts = portfolio_facts(agreement=agreement, include_samples=include_samples).projects
    admitted = [project for project in facts if filters.admits(project, focus_area_ids=chosen)]
    narrowed = Narrowed(agreement, filters, frozenset(chosen), include_samples)
    assert sorted(narrowed.projects().values_list("pk", flat=True)) == sorted(
        p.pk for p in admitted
    )
    from_database = cube_from_database(narrowed, area_ids=set(areas))
    assert from_database == cube_from_facts(admitted, area_ids=set(areas))
    assert placed_of(narrowed) == from_database.placed()
    if not filters.is_active:
        # Unnarrowed, the picture breaks down the budget lines the rules have read.
        sums = portfolio_sums(agreement=agreement, include_samples=include_samples, detailed=True)
        lines = sums.line_rows
        assert cube_from_database(narrowed, area_ids=set(areas), lines=lines) == from_database


def test_the_fixture_reaches_every_part_of_the_cube(placed):
    hev = placed["helsinki-espoo-vantaa"]
    areas = set(hev.versions.get(number=1).focus_areas.values_list("pk", flat=True))
    cube = cube_from_database(Narrowed(hev), area_ids=areas)
    assert {shared_by for _area, shared_by in cube.areas} == {1, 2, 3, 4}
    assert cube.unlinked_projects and cube.unlinked.granted
    kuopio = cube_from_database(Narrowed(placed["kuopio"]), area_ids=areas)
    assert len({key.action_group_id for key in kuopio.projects}) == 3
    # A project with EU money of two instruments counts once under its source.
    eu_lines = BudgetLine.objects.filter(
        project__in=Narrowed(hev).projects(),
        source=FundingSource.EU_STATE,
    )
    assert 0 < cube.with_source[FundingSource.EU_STATE] < eu_lines.count()
