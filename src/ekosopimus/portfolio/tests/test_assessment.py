"""The assessor's notes on a proposal: written before the meeting, read in its pack."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.portfolio.models import AgendaItem
from ekosopimus.portfolio.services import (
    agenda_item_add,
    agenda_item_assess,
    meeting_create,
    project_propose,
    steering_decision_record,
)


@pytest.fixture
def proposal(kuopio, kuopio_user, kuopio_project):
    meeting = meeting_create(
        agreement=kuopio, held_on=date(2025, 3, 12), title="Johtoryhmä 1/2025", by=kuopio_user
    )
    project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    return meeting.agenda_items.get(project=kuopio_project)


def test_the_notes_are_kept_with_who_wrote_them(proposal, kuopio_user):
    agenda_item_assess(item=proposal, notes="  Sopii painopisteeseen 4.1.\n", by=kuopio_user)
    proposal.refresh_from_db()
    assert proposal.assessment == "Sopii painopisteeseen 4.1."
    latest = proposal.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        kuopio_user,
        "Arvioijan huomiot kirjattu",
    )


def test_it_refuses_notes_longer_than_fit_and_keeps_the_earlier_ones(proposal, kuopio_user):
    agenda_item_assess(item=proposal, notes="Ensimmäinen arvio.", by=kuopio_user)
    with pytest.raises(ValidationError, match="4001"):
        agenda_item_assess(item=proposal, notes="x" * 4001, by=kuopio_user)
    proposal.refresh_from_db()
    assert proposal.assessment == "Ensimmäinen arvio."


def test_it_refuses_notes_once_the_steering_group_has_decided(proposal, kuopio_user):
    steering_decision_record(
        project=proposal.project, meeting=proposal.meeting, outcome="selected", by=kuopio_user
    )
    with pytest.raises(ValidationError, match="päättänyt"):
        agenda_item_assess(item=proposal, notes="Myöhässä.", by=kuopio_user)
    assert AgendaItem.objects.get(pk=proposal.pk).assessment == ""


def test_it_refuses_notes_on_a_matter_that_is_not_a_proposal(proposal, kuopio_user):
    other = agenda_item_add(meeting=proposal.meeting, title="Muut asiat", by=kuopio_user)
    with pytest.raises(ValidationError, match="esitys"):
        agenda_item_assess(item=other, notes="Huomio.", by=kuopio_user)


def test_a_coordinator_writes_the_notes_on_the_meeting_page(client, proposal, kuopio_user):
    client.force_login(kuopio_user)
    url = f"/hankkeet/kokous/{proposal.meeting_id}/asia/{proposal.pk}/arvio/"
    prefix = f"arvio-{proposal.pk}"
    response = client.post(url, {f"{prefix}-notes": "Hyvä sovitus toimenpiteeseen."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Hyvä sovitus toimenpiteeseen." in page

    too_long = client.post(url, {f"{prefix}-notes": "y" * 4001})
    assert too_long.status_code == 400
    assert "y" * 4001 in too_long.content.decode()  # what was typed is not lost
    proposal.refresh_from_db()
    assert proposal.assessment == "Hyvä sovitus toimenpiteeseen."


def test_a_steering_group_member_cannot_write_the_notes(client, proposal, kuopio_steering):
    client.force_login(kuopio_steering)
    url = f"/hankkeet/kokous/{proposal.meeting_id}/asia/{proposal.pk}/arvio/"
    assert client.post(url, {f"arvio-{proposal.pk}-notes": "Ei."}).status_code == 403
