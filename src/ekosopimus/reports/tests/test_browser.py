"""In a real browser: the coordinator writes a narrative, the steering group approves it and
the final annual report downloads."""

import io

import docx
import pytest
from django.test import Client

from ekosopimus.conftest import sign_in
from ekosopimus.reports.services import narrative_approve, narrative_write

pytestmark = pytest.mark.browser


def test_a_narrative_is_written_approved_and_the_annual_report_downloads(
    browser_page,
    live_server,
    transactional_db,
    kuopio,
    granted_project,
    kuopio_user,
    kuopio_steering,
):
    page = browser_page
    url = f"{live_server.url}/koosteet/kuopio/vuosiraportti/2023/"
    # Every other focus area's narrative is written and approved already.
    for area in kuopio.versions.get(number=1).focus_areas.exclude(number="4.1"):
        narrative = narrative_write(
            agreement=kuopio,
            year=2023,
            focus_area_number=area.number,
            text="Valmis.",
            by=kuopio_user,
        )
        narrative_approve(narrative=narrative, by=kuopio_steering)

    sign_in(page, Client(), kuopio_user, live_server.url)
    page.goto(url)
    page.get_by_label("Painopistealueen 4.1 kertomus").fill(
        "Terveysteknologian ekosysteemi kasvoi kolmella yrityksellä."
    )
    page.get_by_role("button", name="Tallenna kertomus").first.click()
    page.wait_for_url("**/vuosiraportti/2023/#focus-area-4.1")
    assert "tallennettu luonnoksena" in page.content()
    assert "LUONNOS" in page.content() or "Luonnos" in page.content()

    page.context.clear_cookies()
    sign_in(page, Client(), kuopio_steering, live_server.url)
    page.goto(url)
    page.get_by_role("button", name="Hyväksy painopistealueen 4.1 kertomus").click()
    page.wait_for_url("**/vuosiraportti/2023/#focus-area-4.1")
    assert "Lopullinen" in page.content()

    page.get_by_role("link", name="DOCX").click()
    with page.expect_download() as waiting:
        page.locator("[data-job-download]").click()
    with open(waiting.value.path(), "rb") as file:
        data = file.read()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Terveysteknologian ekosysteemi kasvoi kolmella yrityksellä." in text
    assert "LUONNOS" not in text
