"""In a real Chromium: a coordinator turns a gap into a project idea, describes it, is shown the
project that already does the same before saving, and saves anyway."""

import pytest
from django.test import Client

from ekosopimus.conftest import sign_in
from ekosopimus.portfolio.models import Project

pytestmark = pytest.mark.browser


def test_a_gap_becomes_an_idea_and_its_overlap_is_shown_before_saving(
    browser_page, live_server, transactional_db, kuopio_project, kuopio_user
):
    page = browser_page
    sign_in(page, Client(), kuopio_user, live_server.url)

    page.goto(f"{live_server.url}/hankkeet/kuopio/")
    page.get_by_role("link", name="Portfolion aukot").click()
    row = page.locator("tr", has_text="Laadukas terveysdata ja käyttökelpoiset tutkimusaineistot")
    row.get_by_role("button", name="Luo hankeaihio").click()
    assert "Aukosta luotiin hankeaihio." in page.content()
    idea = Project.objects.get(name="Laadukas terveysdata ja käyttökelpoiset tutkimusaineistot")
    assert idea.status == "idea" and idea.action_plan_item is not None

    page.get_by_role("link", name="Muokkaa", exact=True).click()
    page.get_by_label("Tiivistelmä").fill(
        "Parannetaan terveys- ja hyvinvointidatan laatua ja hyödynnettävyyttä tutkimuksessa."
    )
    page.get_by_role("button", name="Tallenna", exact=True).click()
    warning = page.get_by_role("alert")
    assert "Samankaltaisia hankkeita on jo olemassa" in warning.inner_text()
    assert "Terveysdatan laatu -hanke" in warning.inner_text()
    assert "Todennäköinen päällekkäisyys" in warning.inner_text()
    idea.refresh_from_db()
    assert idea.summary == ""  # nothing saved yet

    page.get_by_role("button", name="Tallenna silti").click()
    assert "Hanke tallennettiin." in page.content()
    idea.refresh_from_db()
    assert idea.summary.startswith("Parannetaan terveys- ja hyvinvointidatan laatua")
