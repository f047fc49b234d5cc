"""In a real Chromium: each role signs in through the sign-in page, lands on its own start
page, and reaches its agreement in one click."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ekosopimus.portfolio.services import agenda_item_add, meeting_create

pytestmark = pytest.mark.browser


def test_each_role_signs_in_and_sees_its_own_start_page(
    browser_page, live_server, transactional_db, granted_project, kuopio, kuopio_user,
    kuopio_steering, kuopio_reporter, national_viewer,
):  # fmt: skip
    meeting = meeting_create(
        agreement=kuopio, held_on=timezone.localdate() + timedelta(days=7), title="JR 1/2027",
        by=kuopio_user,
    )  # fmt: skip
    agenda_item_add(meeting=meeting, project=None, title="Hankesalkun katsaus", by=kuopio_user)
    page = browser_page
    roles = [
        (kuopio_user, "Odottaa toimiasi – Kuopio", granted_project.name),
        (kuopio_steering, "Johtoryhmä – Kuopio", "Hankesalkun katsaus"),
        (kuopio_reporter, "Hankkeesi", granted_project.name),
        (national_viewer, "Valtakunnallinen kuva", "Joensuu"),
    ]
    for user, heading, content in roles:
        page.goto(f"{live_server.url}/tili/kirjaudu/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill("test-password")
        page.get_by_role("button", name="Kirjaudu sisään").click()
        assert page.url == f"{live_server.url}/"
        assert page.get_by_role("heading", name=heading).is_visible(), user.username
        assert content in page.content()
        if user != national_viewer:
            page.get_by_role("link", name="Oma sopimus").click()
            assert page.url == f"{live_server.url}/sopimukset/kuopio/"
        page.get_by_role("button", name="Kirjaudu ulos").click()
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/sopimukset/"
