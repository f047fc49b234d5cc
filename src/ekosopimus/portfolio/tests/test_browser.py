"""In a real Chromium: a granted project's reporter asks for a longer period and more money,
the coordinator records the funding authority's approval, and the project changes."""

import pytest
from django.test import Client

from ekosopimus.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_change_request_from_the_reporter_to_the_approved_project_in_a_browser(
    browser_page, live_server, transactional_db, granted_project, kuopio_reporter, kuopio_user
):
    page = browser_page
    sign_in(page, Client(), kuopio_reporter, live_server.url)
    page.goto(f"{live_server.url}{granted_project.get_absolute_url()}")
    page.get_by_role("link", name="Hae muutosta").click()
    assert page.get_by_label("Päättymispäivä").input_value() == "2026-12-31"
    page.get_by_label("Päättymispäivä").fill("2027-06-30")
    page.get_by_label("Myönnetty: EU ja valtio (ERDF) (€)").fill("650000")
    page.get_by_label("Perustelut").fill("Pilotointi viivästyi kumppanin vaihtumisen vuoksi.")
    page.get_by_role("button", name="Jätä muutoshakemus").click()
    assert "Muutoshakemus jätettiin." in page.content()
    differences = page.locator("table", has_text="Mitä hakemus muuttaa")
    assert "31.12.2026" in differences.inner_text() and "30.6.2027" in differences.inner_text()
    request_url = page.url

    sign_in(page, Client(), kuopio_user, live_server.url)
    page.goto(request_url)
    page.get_by_label("Hyväksytty").check()
    page.get_by_label("Päätöksen päivämäärä").fill("2025-03-01")
    page.get_by_label("Päätösnumero").fill("EURA-123/M1")
    page.get_by_role("button", name="Kirjaa päätös").click()
    assert "Muutoshakemuksen tila on nyt ”Hyväksytty”." in page.content()

    page.goto(f"{live_server.url}{granted_project.get_absolute_url()}")
    facts = page.locator("dl.facts").first.inner_text()
    assert "30.6.2027" in facts
    assert "650\u00a0000" in page.locator("table", has_text="EU ja valtio").first.inner_text()
    assert "EURA-123/M1" in page.locator("ol.history").inner_text()
