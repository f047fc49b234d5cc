"""A project moves through its life only by the allowed moves, and decisions make the big ones."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.portfolio.models import Decision, Project
from ekosopimus.portfolio.services import (
    funding_decision_record,
    meeting_create,
    project_budget_set,
    project_propose,
    project_transition,
    steering_decision_record,
    steering_decisions_record_batch,
)
from ekosopimus.portfolio.services.decisions import SteeringChoice


@pytest.fixture
def meeting(kuopio, kuopio_user):
    return meeting_create(
        agreement=kuopio,
        held_on=date(2025, 3, 12),
        title="Johtoryhmä 1/2025",
        attendees=[("Kaisa Koordinaattori", "Kuopion kaupunki", "puheenjohtaja")],
        by=kuopio_user,
    )


def _proposed(project, meeting, user):
    return project_propose(project=project, meeting=meeting, by=user)


def test_a_proposal_goes_on_the_meetings_agenda(kuopio_project, meeting, kuopio_user):
    project = _proposed(kuopio_project, meeting, kuopio_user)
    assert project.status == "proposed"
    assert meeting.agenda_items.get().project == project


def test_it_refuses_a_proposal_without_a_focus_area(kuopio, kuopio_user, uef):
    from ekosopimus.portfolio.services import project_create

    idea = project_create(
        agreement=kuopio,
        name="Irrallinen",
        lead_implementer=uef,
        by=kuopio_user,
        status="preparation",
    )
    with pytest.raises(ValidationError, match="painopisteeseen"):
        project_propose(project=idea, by=kuopio_user)
    idea.refresh_from_db()
    assert idea.status == "preparation"


def test_the_two_tiers_take_a_project_from_proposal_to_grant(kuopio_project, meeting, kuopio_user):
    project = _proposed(kuopio_project, meeting, kuopio_user)
    project_budget_set(
        project=project,
        lines=[{"source": "eu_state", "instrument": "ERDF", "planned": "300000"}],
        by=kuopio_user,
    )
    steering_decision_record(project=project, meeting=meeting, outcome="selected", by=kuopio_user)
    funding_decision_record(
        project=project,
        outcome="granted",
        decided_on=date(2025, 5, 2),
        amount=Decimal("280000"),
        decision_number="EURA-2025-17",
        by=kuopio_user,
    )
    project.refresh_from_db()
    assert project.status == "granted"
    assert project.budget_lines.get().granted == Decimal("280000")
    assert list(project.decisions.values_list("outcome", flat=True)) == ["selected", "granted"]


def test_it_refuses_a_grant_before_the_steering_group_has_selected(kuopio_project, kuopio_user):
    with pytest.raises(ValidationError, match="ei voi siirtyä tilaan ”Rahoitus myönnetty”"):
        funding_decision_record(
            project=kuopio_project,
            outcome="granted",
            decided_on=date(2025, 5, 2),
            amount=Decimal(1),
            decision_number="X",
            by=kuopio_user,
        )
    assert not Decision.objects.exists()
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "preparation"


def test_it_refuses_to_select_directly_without_a_decision(kuopio_project, meeting, kuopio_user):
    project = _proposed(kuopio_project, meeting, kuopio_user)
    with pytest.raises(ValidationError, match="johtoryhmän päätöksellä"):
        project_transition(project=project, to="selected", by=kuopio_user)


def test_it_refuses_a_transition_from_closed(kuopio_project, kuopio_user):
    Project.objects.filter(pk=kuopio_project.pk).update(status="closed")
    finished = "Hanke on ”Päättynyt”; päättyneen hankkeen tila ei enää muutu"
    with pytest.raises(ValidationError, match=finished):
        project_transition(project=kuopio_project, to="ongoing", by=kuopio_user)


def test_a_rejection_needs_a_rationale(kuopio_project, meeting, kuopio_user):
    project = _proposed(kuopio_project, meeting, kuopio_user)
    with pytest.raises(ValidationError, match="rationale"):
        steering_decision_record(
            project=project, meeting=meeting, outcome="rejected", by=kuopio_user
        )


def test_a_batch_of_decisions_is_recorded_whole_or_not_at_all(
    kuopio_project, meeting, kuopio_user, kuopio, uef
):
    from ekosopimus.portfolio.services import project_create

    proposed = _proposed(kuopio_project, meeting, kuopio_user)
    still_idea = project_create(agreement=kuopio, name="Aihio", by=kuopio_user)
    with pytest.raises(ValidationError):
        steering_decisions_record_batch(
            meeting=meeting,
            choices=[
                SteeringChoice(proposed, "selected"),
                SteeringChoice(still_idea, "selected"),
            ],
            by=kuopio_user,
        )
    proposed.refresh_from_db()
    assert proposed.status == "proposed"
    assert not Decision.objects.exists()


def test_every_change_is_in_the_history_with_who(kuopio_project, meeting, kuopio_user):
    _proposed(kuopio_project, meeting, kuopio_user)
    history = kuopio_project.history.order_by("history_date")
    statuses = [h.status for h in history]
    assert statuses[0] == "preparation" and statuses[-1] == "proposed"
    assert history.last().history_change_reason
    assert {h.history_user for h in history} == {kuopio_user}
