"""The coordinator's narratives of the annual report and the steering group's approval."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekosopimus.reports.models import NARRATIVE_MAX_LENGTH, Narrative
from ekosopimus.reports.services import narrative_approve, narrative_write


def test_a_coordinator_writes_and_a_steering_member_approves_with_history(
    kuopio, kuopio_user, kuopio_steering
):
    narrative = narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text=" Hyvä vuosi. ", by=kuopio_user
    )
    assert (narrative.text, narrative.status) == ("Hyvä vuosi.", Narrative.Status.DRAFT)
    approved = narrative_approve(narrative=narrative, by=kuopio_steering)
    assert approved.is_approved
    assert approved.approved_by == kuopio_steering
    reasons = list(
        approved.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Narrative written", "Narrative approved"]


def test_a_changed_text_of_an_approved_narrative_goes_back_to_draft(
    kuopio, kuopio_user, kuopio_steering
):
    narrative = narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text="Ensimmäinen.", by=kuopio_user
    )
    narrative_approve(narrative=narrative, by=kuopio_steering)
    again = narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text="Toinen.", by=kuopio_user
    )
    assert again.pk == narrative.pk
    assert again.status == Narrative.Status.DRAFT
    assert again.approved_at is None


def test_a_steering_member_cannot_write_and_a_coordinator_cannot_approve(
    kuopio, kuopio_user, kuopio_steering, hev_user
):
    with pytest.raises(PermissionDenied):
        narrative_write(
            agreement=kuopio, year=2024, focus_area_number="4.1", text="x", by=kuopio_steering
        )
    with pytest.raises(PermissionDenied):
        narrative_write(agreement=kuopio, year=2024, focus_area_number="4.1", text="x", by=hev_user)
    narrative = narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text="x", by=kuopio_user
    )
    with pytest.raises(PermissionDenied):
        narrative_approve(narrative=narrative, by=kuopio_user)
    assert not Narrative.objects.get(pk=narrative.pk).is_approved


@pytest.mark.parametrize(
    ("year", "number", "text", "message"),
    [
        (2019, "4.1", "x", "2021"),
        (2024, "9.9", "x", "9.9"),
        (2024, "4.1", "   ", "Kirjoita kertomus"),
        (2024, "4.1", "a" * (NARRATIVE_MAX_LENGTH + 1), str(NARRATIVE_MAX_LENGTH + 1)),
    ],
)
def test_it_refuses_a_bad_year_focus_area_empty_or_too_long_text(
    kuopio, kuopio_user, year, number, text, message
):
    with pytest.raises(ValidationError) as refused:
        narrative_write(
            agreement=kuopio, year=year, focus_area_number=number, text=text, by=kuopio_user
        )
    assert message in " ".join(refused.value.messages)
    assert not Narrative.objects.exists()
