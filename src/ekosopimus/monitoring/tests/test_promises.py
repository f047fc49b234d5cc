"""Targets that can be followed: project targets per indicator with their categories, the
agreement target's baseline and milestone, and what the promises of granted and proposed
projects lead to."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.agreements.services import target_plan_set
from ekosopimus.monitoring.models import ProjectTarget
from ekosopimus.monitoring.progress import target_progress
from ekosopimus.monitoring.services import (
    EntityInput,
    ProjectTargetInput,
    contribution_add,
    project_targets_set,
    report_approve,
    report_create,
    report_submit,
)

TODAY = date(2025, 1, 15)


@pytest.fixture
def proposed_project(kuopio, kuopio_user, uef, indicators):
    """A second Kuopio project, proposed to the steering group, reporting RCO01."""
    from ekosopimus.portfolio.services import project_create, project_propose

    area = kuopio.versions.get().focus_areas.get(number="4.1")
    project = project_create(
        agreement=kuopio,
        name="Hyvinvointiteknologian kiihdyttämö",
        lead_implementer=uef,
        focus_areas=[area],
        status="preparation",
        indicators=[indicators["RCO01"]],
        by=kuopio_user,
    )
    return project_propose(project=project, by=kuopio_user)


def _progress(kuopio, target):
    return next(p for p in target_progress(agreement=kuopio, today=TODAY) if p.target == target)


def _approve(project, user, period, values, companies=(), parts=None):
    report = report_create(
        project=project,
        period_start=period[0],
        period_end=period[1],
        values=values,
        parts=parts,
        entities=companies,
        narrative="Tehty.",
        by=user,
    )
    report_submit(report=report, by=user)
    return report_approve(report=report, by=user)


def test_it_refuses_a_project_target_below_its_baseline_where_the_indicator_grows(
    granted_project, kuopio_user, indicators
):
    with pytest.raises(ValidationError) as refused:
        project_targets_set(
            project=granted_project,
            targets=[
                ProjectTargetInput(indicators["RCO02"], final_value=30),
                ProjectTargetInput(indicators["RCO01"], final_value=5, baseline=10),
            ],
            by=kuopio_user,
        )
    [message] = refused.value.message_dict["targets"]
    assert message.startswith("RCO01:") and "5" in message and "10" in message
    assert not ProjectTarget.objects.exists()  # RCO02 was fine, and is not stored either


def test_the_target_form_refuses_a_bad_target_with_its_message_and_keeps_the_old_ones(
    client, granted_project, kuopio_user, indicators
):
    project_targets_set(
        project=granted_project,
        targets=[ProjectTargetInput(indicators["RCO01"], final_value=20)],
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    rco01 = indicators["RCO01"].pk
    response = client.post(
        f"/tilannekuva/hanke/{granted_project.pk}/tavoitteet/",
        {
            f"final_{rco01}": "12",
            f"source_{rco01}": "funding_decision",
            f"part_{rco01}_micro": "10",
            f"part_{rco01}_small": "5",
            f"periods_{rco01}": "31.12.2024; 4\n31.12.2030; 12",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "31.12.2030" in page and "15" in page  # after the project ends; 15 above 12
    target = ProjectTarget.objects.get()
    assert target.final_value == 20 and not target.parts.exists()


def test_targets_with_categories_are_set_through_the_form(
    client, granted_project, kuopio_user, indicators
):
    client.force_login(kuopio_user)
    rco01 = indicators["RCO01"].pk
    response = client.post(
        f"/tilannekuva/hanke/{granted_project.pk}/tavoitteet/",
        {
            f"final_{rco01}": "20",
            f"baseline_{rco01}": "0",
            f"source_{rco01}": "funding_decision",
            f"part_{rco01}_micro": "12",
            f"part_{rco01}_small": "6",
            f"periods_{rco01}": "31.12.2024; 6\n31.12.2025; 14",
        },
    )
    assert response.status_code == 302
    target = ProjectTarget.objects.get()
    assert target.source == "funding_decision"
    assert {p.category: p.value for p in target.parts.all()} == {"micro": 12, "small": 6}
    assert [(p.period_end.year, p.value) for p in target.periods.all()] == [(2024, 6), (2025, 14)]
    assert target.history.first().history_user == kuopio_user
    page = client.get(f"/tilannekuva/hanke/{granted_project.pk}/tavoitteet/").content.decode()
    assert "Mikroyritykset: 12" in page


def test_a_report_broken_down_by_enterprise_size_through_the_form_rolls_up_by_category(
    client, kuopio, companies_target, granted_project, kuopio_user, indicators
):
    rco01 = indicators["RCO01"]
    contribution_add(target=companies_target, indicator=rco01, by=kuopio_user)
    project_targets_set(
        project=granted_project,
        targets=[
            ProjectTargetInput(rco01, final_value=20, parts={"micro": 15, "small": 5}),
        ],
        by=kuopio_user,
    )
    client.force_login(kuopio_user)
    response = client.post(
        f"/tilannekuva/hanke/{granted_project.pk}/raportti/",
        {
            "period_start": "1.1.2024",
            "period_end": "30.6.2024",
            "spent": "0",
            "narrative": "Kolme yritystä.",
            f"value_{rco01.pk}": "",  # left empty: the sum of its categories
            f"part_{rco01.pk}_micro": "2",
            f"part_{rco01.pk}_medium": "1",
            f"entities_{rco01.pk}": "Oy Yksi Ab; 0245894-7\nKaksi Oy\nKolme Oy",
        },
    )
    assert response.status_code == 302, response.content.decode()
    report_url = response["Location"]
    client.post(report_url + "laheta/")
    client.post(report_url + "hyvaksy/")
    progress = _progress(kuopio, companies_target)
    assert progress.plain_sum == 3 and progress.value == 3
    parts = {row.category: (row.achieved, row.promised) for row in progress.promise.parts}
    assert parts == {
        "micro": (2, 15),
        "small": (0, 5),
        "medium": (1, 0),
        "large": (0, 0),
    }
    situation = client.get("/tilannekuva/kuopio/").content.decode()
    assert "Mikroyritykset" in situation and "Keskisuuret yritykset" in situation


def test_categories_adding_up_to_more_than_the_total_are_refused_and_nothing_is_stored(
    client, granted_project, kuopio_user, indicators
):
    from ekosopimus.monitoring.models import ProgressReport

    client.force_login(kuopio_user)
    rco01 = indicators["RCO01"].pk
    response = client.post(
        f"/tilannekuva/hanke/{granted_project.pk}/raportti/",
        {
            "period_start": "1.1.2024",
            "period_end": "30.6.2024",
            "spent": "0",
            f"value_{rco01}": "2",
            f"part_{rco01}_micro": "2",
            f"part_{rco01}_large": "1",
        },
    )
    assert response.status_code == 200
    assert "RCO01" in response.content.decode() and "3" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_forecast_adds_what_granted_projects_still_promise_and_the_pipeline(
    kuopio, companies_target, granted_project, proposed_project, kuopio_user, indicators
):
    rco01 = indicators["RCO01"]
    contribution_add(target=companies_target, indicator=rco01, by=kuopio_user)
    project_targets_set(
        project=granted_project,
        targets=[ProjectTargetInput(rco01, final_value=20)],
        by=kuopio_user,
    )
    project_targets_set(
        project=proposed_project,
        targets=[ProjectTargetInput(rco01, final_value=10)],
        by=kuopio_user,
    )
    companies = [EntityInput(rco01, f"Yritys {n}") for n in range(4)]
    _approve(
        granted_project, kuopio_user, (date(2024, 1, 1), date(2024, 6, 30)), {rco01: 4}, companies
    )
    progress = _progress(kuopio, companies_target)
    promise = progress.promise
    assert (promise.granted, promise.pipeline, promise.remaining) == (20, 10, 16)
    # 4 reported + 16 still promised + 10 proposed = 30 of 50; two projects of 15 close the gap.
    assert progress.forecast == 30
    assert progress.projects_needed == 2
    assert "30" in progress.outlook and "50" in progress.outlook and "2" in progress.outlook
    # The straight line stays beside it: 4 in half a year, carried on to the end of 2027.
    assert progress.projected == Decimal("32.3")


def test_a_project_promising_the_same_companies_under_two_indicators_counts_once(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    for code in ("RCO01", "RCO02"):
        contribution_add(target=companies_target, indicator=indicators[code], by=kuopio_user)
    project_targets_set(
        project=granted_project,
        targets=[
            ProjectTargetInput(indicators["RCO01"], final_value=20),
            ProjectTargetInput(indicators["RCO02"], final_value=15),
        ],
        by=kuopio_user,
    )
    assert _progress(kuopio, companies_target).promise.granted == 20


def test_a_discontinued_projects_promise_no_longer_counts(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    from ekosopimus.portfolio.services import project_transition

    contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)
    project_targets_set(
        project=granted_project,
        targets=[ProjectTargetInput(indicators["RCO01"], final_value=20)],
        by=kuopio_user,
    )
    project_transition(project=granted_project, to="discontinued", by=kuopio_user)
    progress = _progress(kuopio, companies_target)
    assert progress.promise.granted == 0 and progress.forecast is None


def test_an_agreement_target_counts_up_from_its_baseline_to_its_milestone(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    rco01 = indicators["RCO01"]
    contribution_add(target=companies_target, indicator=rco01, by=kuopio_user)
    target_plan_set(
        target=companies_target,
        baseline=Decimal(10),
        baseline_year=2021,
        milestone_value=Decimal(20),
        milestone_on=date(2024, 12, 31),
        by=kuopio_user,
    )
    companies = [EntityInput(rco01, f"Yritys {n}") for n in range(8)]
    _approve(
        granted_project, kuopio_user, (date(2024, 1, 1), date(2024, 6, 30)), {rco01: 8}, companies
    )
    progress = _progress(kuopio, QuantitativeTarget.objects.get(pk=companies_target.pk))
    assert progress.level == 18  # 10 at the baseline, 8 reported since
    assert progress.share == 20  # 8 of the 40 to gain
    assert (progress.at_milestone, progress.milestone_reached) == (18, False)


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({"baseline": Decimal(60)}, "baseline"),
        ({"milestone_value": Decimal(20)}, "milestone_on"),
        ({"milestone_value": Decimal(70), "milestone_on": date(2024, 12, 31)}, "milestone_value"),
        ({"baseline_year": 2021}, "baseline_year"),
        ({"milestone_value": Decimal(5), "milestone_on": date(2028, 1, 1)}, "milestone_on"),
    ],
)
def test_it_refuses_a_baseline_or_milestone_that_does_not_fit_the_target(
    companies_target, kuopio_user, plan, field
):
    with pytest.raises(ValidationError) as refused:
        target_plan_set(target=companies_target, by=kuopio_user, **plan)
    assert field in refused.value.message_dict
    companies_target.refresh_from_db()
    assert companies_target.baseline is None and companies_target.milestone_value is None


def test_a_coordinator_sets_the_baseline_on_the_targets_page(client, companies_target, kuopio_user):
    client.force_login(kuopio_user)
    url = f"/tilannekuva/kuopio/tavoitteet/{companies_target.pk}/seuranta/"
    refused = client.post(url, {"baseline": "60"})
    assert refused.status_code == 400 and "60" in refused.content.decode()
    saved = client.post(
        url,
        {
            "baseline": "5",
            "baseline_year": "2021",
            "milestone_value": "20",
            "milestone_on": "31.12.2024",
        },
    )
    assert saved.status_code == 302
    companies_target.refresh_from_db()
    assert (companies_target.baseline, companies_target.milestone_on) == (5, date(2024, 12, 31))
    assert companies_target.history.first().history_user == kuopio_user
