"""Progress to the agreement's targets: contributions, de-duplicated entities, projection."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.monitoring.progress import target_progress
from ekosopimus.monitoring.services import (
    EntityInput,
    contribution_add,
    report_approve,
    report_create,
    report_submit,
)

TODAY = date(2025, 1, 15)


def approved(project, user, indicators, period, value, companies=()):
    report = report_create(
        project=project,
        period_start=period[0],
        period_end=period[1],
        values={indicators["RCO01"]: value},
        entities=[EntityInput(indicators["RCO01"], name, bid) for name, bid in companies],
        narrative="Tehty.",
        by=user,
    )
    report_submit(report=report, by=user)
    return report_approve(report=report, by=user)


def _progress(kuopio, target):
    return next(p for p in target_progress(agreement=kuopio, today=TODAY) if p.target == target)


def test_a_target_with_no_mapped_indicator_has_too_little_data(kuopio, companies_target):
    progress = _progress(kuopio, companies_target)
    assert progress.status == "no_data" and progress.value == 0


def test_an_approved_report_moves_the_target_and_a_draft_does_not(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)
    report_create(
        project=granted_project,
        period_start=date(2024, 7, 1),
        period_end=date(2024, 12, 31),
        values={indicators["RCO01"]: 9},
        by=kuopio_user,
    )
    assert _progress(kuopio, companies_target).plain_sum == 0
    approved(
        granted_project,
        kuopio_user,
        indicators,
        (date(2024, 1, 1), date(2024, 6, 30)),
        4,
        companies=[("Oy A", "0245894-7"), ("B Oy", ""), ("C Oy", ""), ("D Oy", "")],
    )
    progress = _progress(kuopio, companies_target)
    assert progress.plain_sum == 4 and progress.distinct == 4 and progress.value == 4
    assert progress.share == 8  # 4 of 50


def test_a_company_reported_by_two_projects_counts_once_beside_the_plain_sum(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    from ekosopimus.portfolio.models import Project

    contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)
    other = Project.objects.get(pk=granted_project.pk)
    other.pk = None
    other.name, other.code = "Toinen hanke", ""
    other.save()
    other.indicators.set([indicators["RCO01"]])
    first = (date(2024, 1, 1), date(2024, 6, 30))
    approved(
        granted_project, kuopio_user, indicators, first, 2, [("Oy A", "0245894-7"), ("B Oy", "")]
    )
    approved(other, kuopio_user, indicators, first, 2, [("OY A", "0245894-7"), ("b  oy", "")])
    progress = _progress(kuopio, companies_target)
    assert progress.plain_sum == 4
    assert progress.distinct == 2 and progress.value == 2


def test_the_projection_carries_the_pace_so_far_to_the_deadline(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)
    # 10 companies in 2024; three more years at that pace give 40 of 50 by the end of 2027.
    names = [(f"Yritys {n}", "") for n in range(10)]
    approved(
        granted_project,
        kuopio_user,
        indicators,
        (date(2024, 1, 1), date(2024, 6, 30)),
        5,
        names[:5],
    )
    approved(
        granted_project,
        kuopio_user,
        indicators,
        (date(2024, 7, 1), date(2024, 12, 31)),
        5,
        names[5:],
    )
    progress = _progress(kuopio, companies_target)
    assert progress.value == 10
    assert progress.projected == 40
    assert progress.status == "at_risk"  # 80 % of the target, not all of it
    assert "31.12.2027" in progress.rule and "80 %" in progress.rule


def test_a_mapping_from_another_agreements_project_is_refused(
    hev, kuopio, companies_target, kuopio_user, indicators
):
    from ekosopimus.portfolio.services import project_create

    hev_project = project_create(agreement=hev, name="HEV-hanke", by=kuopio_user)
    with pytest.raises(ValidationError):
        contribution_add(
            target=companies_target,
            indicator=indicators["RCO01"],
            project=hev_project,
            by=kuopio_user,
        )


def test_the_same_mapping_twice_is_refused(kuopio, companies_target, kuopio_user, indicators):
    contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)
    with pytest.raises(ValidationError):
        contribution_add(target=companies_target, indicator=indicators["RCO01"], by=kuopio_user)


def test_a_mapping_for_one_project_counts_only_that_projects_reports(
    kuopio, companies_target, granted_project, kuopio_user, indicators
):
    from ekosopimus.portfolio.models import Project

    other = Project.objects.get(pk=granted_project.pk)
    other.pk = None
    other.name, other.code = "Toinen hanke", ""
    other.save()
    other.indicators.set([indicators["RCO01"]])
    contribution_add(
        target=companies_target,
        indicator=indicators["RCO01"],
        project=granted_project,
        by=kuopio_user,
    )
    first = (date(2024, 1, 1), date(2024, 6, 30))
    approved(granted_project, kuopio_user, indicators, first, 1, [("Oy A", "0245894-7")])
    approved(other, kuopio_user, indicators, first, 5, [("B Oy", ""), ("C Oy", "")])
    progress = _progress(kuopio, companies_target)
    assert progress.plain_sum == 1 and progress.distinct == 1
