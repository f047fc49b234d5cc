from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ekosopimus.analysis.gaps import GapKind, agreement_gaps
from ekosopimus.analysis.services import idea_from_gap
from ekosopimus.monitoring.services import contribution_add
from ekosopimus.portfolio.models import Project, ProjectStatus
from ekosopimus.portfolio.services import project_budget_set, project_create, project_transition


def _titles(gaps, kind):
    return [gap.title for gap in gaps if gap.kind == kind]


def test_every_part_of_an_empty_portfolio_is_a_gap(kuopio):
    gaps = agreement_gaps(agreement=kuopio)
    assert _titles(gaps, GapKind.FOCUS_AREA) == [
        "4.1 Terveys- ja hyvinvointiteknologia",
        "4.2 Vesiosaaminen",
    ]
    assert len(_titles(gaps, GapKind.ACTION_GROUP)) == 5
    assert len(_titles(gaps, GapKind.MEASURE)) == 16
    assert len(_titles(gaps, GapKind.TARGET)) == 4
    assert _titles(gaps, GapKind.BELOW_PLAN) == []


def test_a_project_beyond_the_idea_stage_covers_its_area_group_and_measure(kuopio, kuopio_project):
    gaps = agreement_gaps(agreement=kuopio)
    assert "4.1 Terveys- ja hyvinvointiteknologia" not in _titles(gaps, GapKind.FOCUS_AREA)
    assert "4.1.1 Terveyden ja hyvinvoinnin älykkäät ratkaisut" not in _titles(
        gaps, GapKind.ACTION_GROUP
    )


def test_ideas_alone_leave_the_gap_listed_with_the_ideas_named(kuopio, kuopio_user):
    area = kuopio.versions.get().focus_areas.get(number="4.2")
    idea = project_create(agreement=kuopio, name="Vesiaihio", focus_areas=[area], by=kuopio_user)
    [gap] = [
        g
        for g in agreement_gaps(agreement=kuopio)
        if g.kind == GapKind.FOCUS_AREA and g.pk == area.pk
    ]
    assert gap.ideas == [idea]
    assert "Vain hankeaihioita" in gap.sentence


def test_a_project_turned_down_covers_nothing(kuopio, kuopio_project, kuopio_user):
    project_transition(
        project=kuopio_project, to=ProjectStatus.DISCONTINUED, reason="", by=kuopio_user
    )
    gaps = agreement_gaps(agreement=kuopio)
    assert "4.1 Terveys- ja hyvinvointiteknologia" in _titles(gaps, GapKind.FOCUS_AREA)


def test_a_measure_granted_far_below_its_plan_is_a_gap(kuopio, kuopio_project, kuopio_user):
    item = kuopio.versions.get().action_plan.items.get(position=1)  # 2 M€ planned
    kuopio_project.action_plan_item = item
    kuopio_project.save()
    project_budget_set(
        project=kuopio_project,
        lines=[
            {
                "source": "eu_state",
                "instrument": "ERDF",
                "planned": Decimal(900_000),
                "granted": Decimal(900_000),
            }
        ],
        by=kuopio_user,
    )
    [gap] = [g for g in agreement_gaps(agreement=kuopio) if g.kind == GapKind.BELOW_PLAN]
    assert gap.item == item
    sentence = gap.sentence.replace("\xa0", " ")
    assert "900 000 €" in sentence and "(45 %)" in sentence
    project_budget_set(
        project=kuopio_project,
        lines=[
            {
                "source": "eu_state",
                "instrument": "ERDF",
                "planned": Decimal(1_000_000),
                "granted": Decimal(1_000_000),
            }
        ],
        by=kuopio_user,
    )
    assert not [g for g in agreement_gaps(agreement=kuopio) if g.kind == GapKind.BELOW_PLAN]


def test_a_target_is_a_gap_until_a_project_reports_what_is_mapped_to_it(
    kuopio, kuopio_user, granted_project, indicators
):
    target = kuopio.versions.get().focus_areas.get(number="4.1").targets.get(position=1)
    unmapped = [
        g
        for g in agreement_gaps(agreement=kuopio)
        if g.kind == GapKind.TARGET and g.pk == target.pk
    ]
    assert "Tavoitteeseen ei ole kytketty indikaattoria" in unmapped[0].sentence
    contribution_add(target=target, indicator=indicators["RCO03"], by=kuopio_user)
    [gap] = [
        g
        for g in agreement_gaps(agreement=kuopio)
        if g.kind == GapKind.TARGET and g.pk == target.pk
    ]
    assert "RCO03" in gap.sentence and gap.indicators == [indicators["RCO03"]]
    contribution_add(target=target, indicator=indicators["RCO01"], by=kuopio_user)  # reported
    assert not [
        g
        for g in agreement_gaps(agreement=kuopio)
        if g.kind == GapKind.TARGET and g.pk == target.pk
    ]


def test_a_gap_becomes_a_linked_project_idea_with_its_history(kuopio, kuopio_user):
    gap = next(g for g in agreement_gaps(agreement=kuopio) if g.kind == GapKind.MEASURE)
    idea = idea_from_gap(agreement=kuopio, key=gap.key, by=kuopio_user)
    assert idea.status == ProjectStatus.IDEA
    assert idea.name == gap.title
    assert idea.action_plan_item == gap.item and idea.action_group == gap.action_group
    assert list(idea.focus_areas.all()) == [gap.focus_area]
    record = idea.history.earliest()
    assert record.history_user == kuopio_user
    assert "aukkolistalta" in record.history_change_reason
    listed = next(g for g in agreement_gaps(agreement=kuopio) if g.key == gap.key)
    assert listed.ideas == [idea]


def test_a_target_gap_becomes_an_idea_that_reports_the_mapped_indicators(
    kuopio, kuopio_user, indicators
):
    target = kuopio.versions.get().focus_areas.get(number="4.2").targets.get(position=1)
    contribution_add(target=target, indicator=indicators["RCO01"], by=kuopio_user)
    idea = idea_from_gap(agreement=kuopio, key=f"target-{target.pk}", by=kuopio_user)
    assert list(idea.indicators.all()) == [indicators["RCO01"]]
    assert idea.name.startswith("Kohti tavoitetta: 40 uutta yritystä")


@pytest.mark.parametrize("key", ["measure-999999", "", "nonsense", "area-"])
def test_a_key_that_names_no_gap_is_refused_and_nothing_is_created(kuopio, kuopio_user, key):
    with pytest.raises(ValidationError, match="ei ole enää"):
        idea_from_gap(agreement=kuopio, key=key, by=kuopio_user)
    assert not Project.objects.exists()


def test_a_covered_gap_cannot_be_turned_into_an_idea_again(kuopio, kuopio_project, kuopio_user):
    area = kuopio_project.focus_areas.get()
    with pytest.raises(ValidationError):
        idea_from_gap(agreement=kuopio, key=f"area-{area.pk}", by=kuopio_user)


def test_one_click_on_the_gap_list_creates_the_idea_and_opens_it(kuopio, kuopio_user, client):
    client.force_login(kuopio_user)
    page = client.get(reverse("analysis:gaps", args=["kuopio"]))
    assert page.status_code == 200
    gap = next(g for g in page.context["sections"][0][1])
    response = client.post(reverse("analysis:gap_to_idea", args=["kuopio"]), {"aukko": gap.key})
    idea = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()


def test_the_steering_group_sees_the_gaps_but_does_not_create_ideas(
    kuopio, kuopio_steering, client
):
    client.force_login(kuopio_steering)
    page = client.get(reverse("analysis:gaps", args=["kuopio"]))
    assert page.status_code == 200 and "Luo hankeaihio" not in page.content.decode()
    gap = page.context["sections"][0][1][0]
    response = client.post(reverse("analysis:gap_to_idea", args=["kuopio"]), {"aukko": gap.key})
    assert response.status_code == 403
    assert not Project.objects.exists()
