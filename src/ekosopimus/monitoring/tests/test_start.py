"""The start page of each role, "my agreement" on every page, and the calendar feed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ekosopimus.messaging.models import Preferences
from ekosopimus.messaging.notifications import calendar_token_renew
from ekosopimus.portfolio.services import agenda_item_add, call_create, meeting_create


def test_an_anonymous_visitor_keeps_seeing_the_agreements(client, agreements):
    response = client.get(reverse("home"))
    assert response.url == reverse("agreements:list")


def test_a_coordinator_sees_what_needs_their_action(client, granted_project, kuopio_user):
    client.force_login(kuopio_user)
    page = client.get(reverse("home")).content.decode()
    assert "Odottaa toimiasi – Kuopio" in page
    assert "raporttia myöhässä" in page and granted_project.name in page
    assert 'href="/sopimukset/kuopio/"' in page and "Oma sopimus" in page


def test_a_steering_group_member_sees_the_next_meeting_and_its_agenda(
    client, kuopio, kuopio_user, kuopio_steering
):
    meeting = meeting_create(
        agreement=kuopio, held_on=timezone.localdate() + timedelta(days=7), title="JR 5/2027",
        by=kuopio_user,
    )  # fmt: skip
    agenda_item_add(meeting=meeting, title="Hankesalkun katsaus", by=kuopio_user)
    client.force_login(kuopio_steering)
    page = client.get(reverse("home")).content.decode()
    assert "Seuraava kokous" in page and "JR 5/2027" in page and "Hankesalkun katsaus" in page


def test_a_reporter_sees_their_projects_and_what_falls_due(
    client, granted_project, kuopio_reporter
):
    client.force_login(kuopio_reporter)
    page = client.get(reverse("home")).content.decode()
    assert "Hankkeesi" in page and granted_project.name in page


def test_a_national_viewer_sees_the_national_picture(client, agreements, national_viewer):
    client.force_login(national_viewer)
    page = client.get(reverse("home")).content.decode()
    assert "Valtakunnallinen kuva" in page and "Joensuu" in page


def test_a_user_without_a_role_is_told_how_to_get_one(client, django_user_model, agreements):
    client.force_login(django_user_model.objects.create_user("uusi"))
    assert "Sinulla ei ole vielä roolia" in client.get(reverse("home")).content.decode()


@pytest.fixture
def feed_url(client, granted_project, kuopio_user, kuopio):
    meeting_create(
        agreement=kuopio, held_on=timezone.localdate() + timedelta(days=3), title="JR 9",
        by=kuopio_user,
    )  # fmt: skip
    today = timezone.localdate()
    call_create(
        agreement=kuopio, title="Terveyshaku", opens_on=today, closes_on=today + timedelta(30),
        by=kuopio_user,
    )  # fmt: skip
    token = calendar_token_renew(user=kuopio_user)
    return reverse("calendar_feed", args=[token])


def test_the_calendar_feed_holds_meetings_due_dates_and_calls(client, feed_url, granted_project):
    response = client.get(feed_url)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert "Johtoryhmä: JR 9" in events and "Haku sulkeutuu: Terveyshaku" in events
    final = events[f"Loppuraportti erääntyy: {granted_project.name}"]
    assert final.decoded("dtstart") == date(2027, 3, 1)
    assert str(final["url"]).endswith("loppu=2026-12-31")


def test_a_renewed_calendar_address_stops_the_old_one(client, feed_url, kuopio_user):
    client.force_login(kuopio_user)
    client.post(reverse("messaging:calendar"), {"action": "renew"})
    assert client.get(feed_url).status_code == 404
    client.post(reverse("messaging:calendar"), {"action": "stop"})
    assert Preferences.objects.get(user=kuopio_user).calendar_token is None
