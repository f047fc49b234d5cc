"""A Kuopio portfolio linked to every kind of item a revision must carry over, and revisions."""

import copy
from datetime import date

import pytest

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file
from ekosopimus.agreements.services.revisions import RevisionRecord

TODAY = date(2025, 3, 1)


def kuopio_data() -> dict:
    """The Kuopio agreement as its curated data file states it."""
    return copy.deepcopy(read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml"))


def record(**changes) -> RevisionRecord:
    """The written revision as the two parties made it for 2025–2027."""
    values = {
        "initiated_by": "Kuopion kaupunki",
        "enters_into_force_on": date(2025, 1, 1),
        "summary": "Toimenpidesuunnitelma päivitettiin vuosille 2025–2027.",
        "label": "Tarkistettu sopimus 2025–2027",
    }
    return RevisionRecord(**{**values, **changes})


@pytest.fixture
def linked_portfolio(kuopio, kuopio_user, granted_project, indicators):
    """The granted project linked to 4.1, its first action group and the plan's first measure;
    an idea on the plan's last measure; RCO01 mapped to the 50-companies target, with an
    approved report of 12; a call open to 4.2."""
    from ekosopimus.monitoring.services import (
        contribution_add,
        report_approve,
        report_create,
        report_submit,
    )
    from ekosopimus.portfolio.services import call_create, project_create, project_link

    version = kuopio.versions.get(number=1)
    area = version.focus_areas.get(number="4.1")
    items = list(version.action_plan.items.order_by("position"))
    project_link(
        project=granted_project,
        focus_areas=[area],
        action_group=granted_project.action_group,
        action_plan_item=items[0],
        by=kuopio_user,
    )
    water = version.focus_areas.get(number="4.2")
    idea = project_create(
        agreement=kuopio,
        name="Vesiosaamisen kansainvälistymisen hankeaihio",
        focus_areas=[water],
        action_group=items[-1].action_group,
        action_plan_item=items[-1],
        by=kuopio_user,
    )
    target = area.targets.get(unit="company")
    contribution = contribution_add(target=target, indicator=indicators["RCO01"], by=kuopio_user)
    report = report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={indicators["RCO01"]: 12},
        narrative="Tehty.",
        by=kuopio_user,
    )
    report_submit(report=report, by=kuopio_user)
    report_approve(report=report, by=kuopio_user)
    call = call_create(
        agreement=kuopio,
        title="Vesihaku",
        opens_on=date(2024, 1, 1),
        closes_on=date(2024, 2, 1),
        focus_areas=[water],
        by=kuopio_user,
    )
    return {
        "project": granted_project,
        "idea": idea,
        "contribution": contribution,
        "call": call,
        "target": target,
    }
