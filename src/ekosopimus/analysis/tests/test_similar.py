import pytest

from ekosopimus.analysis.similar import Draft, MatchGroup, draft_of, similar_projects
from ekosopimus.portfolio.services import project_update
from ekosopimus.portfolio.services.samples import sample_data_create


def _names(matches, group):
    return [match.project.name for match in matches.groups[group]]


def test_it_lists_similar_projects_by_agreement_and_programme_period(portfolio, national_viewer):
    matches = similar_projects(draft=draft_of(portfolio["health"]), user=national_viewer)
    assert _names(matches, MatchGroup.SAME_AGREEMENT)[0] == "Terveysdatan laadun parantaminen"
    assert "Vesihuollon digitalisaatio Savilahdessa" not in _names(
        matches, MatchGroup.SAME_AGREEMENT
    )
    assert _names(matches, MatchGroup.OTHER_AGREEMENTS) == [
        "Terveysdatan laatu pääkaupunkiseudulla"
    ]
    assert _names(matches, MatchGroup.EARLIER_PERIODS) == [
        "Terveysdatan laatu ja hyödyntäminen Pohjois-Savossa"
    ]
    assert all(m.project.pk != portfolio["health"].pk for g in matches.groups.values() for m in g)


def test_each_match_says_why_it_matched(portfolio, national_viewer):
    matches = similar_projects(draft=draft_of(portfolio["health"]), user=national_viewer)
    idea = matches.groups[MatchGroup.SAME_AGREEMENT][0]
    assert idea.likely_overlap
    assert {"terveys", "laatu"} <= set(idea.shared_terms)
    assert [o.name for o in idea.shared_organizations] == ["Itä-Suomen yliopisto"]
    assert idea.period_overlap is not None
    assert [d.isoformat() for d in idea.period_overlap] == ["2025-01-01", "2026-12-31"]
    assert idea.same_action_group


def test_a_draft_typed_in_is_compared_with_no_project_of_its_own(portfolio, kuopio, kuopio_user):
    draft = Draft(text="Älykkäät vesihuollon ratkaisut Savilahteen", agreement=kuopio)
    matches = similar_projects(draft=draft, user=kuopio_user)
    first = matches.groups[MatchGroup.SAME_AGREEMENT][0]
    assert first.project == portfolio["water"]
    assert first.shared_organizations == [] and first.period_overlap is None


def test_a_user_sees_only_the_matches_they_may_read(portfolio, kuopio_user, hev_user):
    # The Helsinki–Espoo–Vantaa idea is not public: a Kuopio coordinator never sees it.
    matches = similar_projects(draft=draft_of(portfolio["health"]), user=kuopio_user)
    assert _names(matches, MatchGroup.OTHER_AGREEMENTS) == []
    hev = similar_projects(draft=draft_of(portfolio["hev_health"]), user=hev_user)
    assert _names(hev, MatchGroup.OTHER_AGREEMENTS) == []  # Kuopio's ideas are Kuopio's
    # The earlier period's projects were funded (closed): anyone may read them.
    assert _names(hev, MatchGroup.EARLIER_PERIODS)


def test_the_index_follows_edits_of_projects(portfolio, kuopio, kuopio_user):
    draft = Draft(text="Kaupunkivesien hallinta ja hulevedet", agreement=kuopio)
    assert not similar_projects(draft=draft, user=kuopio_user)
    project_update(
        project=portfolio["water"],
        summary="Kaupunkivesien ja hulevesien älykäs hallinta.",
        by=kuopio_user,
    )
    found = similar_projects(draft=draft, user=kuopio_user)
    assert found.groups[MatchGroup.SAME_AGREEMENT][0].project == portfolio["water"]


def test_sample_data_is_never_a_match(portfolio, kuopio, kuopio_user, national_viewer):
    samples = sample_data_create(agreement=kuopio, by=kuopio_user)
    draft = Draft(text=samples[0].name, agreement=kuopio)
    found = similar_projects(draft=draft, user=national_viewer)
    sample_ids = {sample.pk for sample in samples}
    assert all(m.project.pk not in sample_ids for g in found.groups.values() for m in g)


@pytest.mark.parametrize("limit", [1, 2])
def test_each_group_holds_at_most_the_limit(portfolio, national_viewer, limit):
    draft = Draft(text="Terveysdatan laatu ja vesihuolto", agreement=portfolio["health"].agreement)
    found = similar_projects(draft=draft, user=national_viewer, limit=limit)
    assert all(len(group) <= limit for group in found.groups.values())
    assert len(found.groups[MatchGroup.SAME_AGREEMENT]) == limit
