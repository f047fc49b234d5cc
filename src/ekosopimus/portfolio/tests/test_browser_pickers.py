"""In a real Chromium: the organisation picker of the project form suggests as the coordinator
types, is worked with the keyboard, and saves the organisation picked."""

import pytest
from django.test import Client

from ekosopimus.conftest import sign_in
from ekosopimus.organizations.services import organization_create

pytestmark = pytest.mark.browser


def test_a_coordinator_picks_the_lead_implementer_by_typing_in_a_browser(
    browser_page, live_server, transactional_db, kuopio_project, kuopio_user
):
    organization_create(name="Savonia-ammattikorkeakoulu Oy", business_id="2441435-5")
    page = browser_page
    sign_in(page, Client(), kuopio_user, live_server.url)
    page.goto(f"{live_server.url}/hankkeet/hanke/{kuopio_project.pk}/muokkaa/")

    field = page.get_by_role("combobox", name="Päätoteuttaja")
    field.fill("")
    field.press_sequentially("savonia")
    option = page.get_by_role("option", name="Savonia-ammattikorkeakoulu Oy (2441435-5)")
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    field.press("Enter")
    assert field.input_value() == "Savonia-ammattikorkeakoulu Oy (2441435-5)"
    assert field.get_attribute("aria-expanded") == "false"

    page.get_by_role("button", name="Tallenna", exact=True).click()
    page.wait_for_url(f"**/hankkeet/hanke/{kuopio_project.pk}/")
    kuopio_project.refresh_from_db()
    assert kuopio_project.lead_implementer.business_id == "2441435-5"
