"""In a real Chromium: a coordinator turns a gap into a project idea, describes it, is shown the
project that already does the same before saving, and saves anyway."""

import pytest
from django.test import Client

from ekosopimus.agreements.tests.screen import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_at,
    overflow,
    unreached_sections,
)
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


@pytest.fixture
def served_portfolio(transactional_db, live_server, portfolio, kuopio, kuopio_user):
    """The analysis portfolio and a second water project, so that overlaps form two groups."""
    from ekosopimus.portfolio.services import project_create

    project_create(
        agreement=kuopio,
        name="Vesihuollon mittausalueiden digitalisaatio",
        summary="Älykkäät vesihuollon ratkaisut ja mittausalueet vesilaitoksen kanssa.",
        by=kuopio_user,
    )
    return live_server.url


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_overlap_report_fits_the_screen_is_navigable_and_accessible(
    browser_page, served_portfolio, kuopio_user, width
):
    sign_in(browser_page, Client(), kuopio_user, served_portfolio)
    open_at(browser_page, f"{served_portfolio}/analyysi/kuopio/paallekkaisyydet/?kynnys=0,1", width)
    groups = browser_page.locator("section.overlap-group")
    assert groups.count() > 1
    assert browser_page.locator("nav.page-nav").first.locator("a").count() == groups.count()
    assert overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
    assert unreached_sections(browser_page) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_gaps_fit_the_screen_are_navigable_and_accessible(
    browser_page, served_portfolio, kuopio_user, width
):
    sign_in(browser_page, Client(), kuopio_user, served_portfolio)
    open_at(browser_page, f"{served_portfolio}/analyysi/kuopio/aukot/", width)
    assert overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
    assert unreached_sections(browser_page) == []


@pytest.mark.parametrize("width", [320, PHONE, DESKTOP])
def test_the_network_fills_the_width_with_numbers_of_at_least_12_px(
    browser_page, served_portfolio, kuopio_user, width
):
    sign_in(browser_page, Client(), kuopio_user, served_portfolio)
    open_at(browser_page, f"{served_portfolio}/analyysi/verkosto/", width)
    assert overflow(browser_page) == 0
    drawing = browser_page.locator("svg.network")
    column = browser_page.locator(".network-drawing")
    assert abs(drawing.bounding_box()["width"] - column.bounding_box()["width"]) < 1
    sizes = browser_page.evaluate(
        """[...document.querySelectorAll('svg.network text')].map(
            (text) => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
    )
    assert sizes and min(sizes) >= 12
    assert browser_page.locator(".network-key li").count() == len(sizes)
    assert axe_violations(browser_page) == []


def test_organisations_and_similar_projects_fit_a_phone_without_violations(
    browser_page, served_portfolio, kuopio_user, kuopio_project
):
    sign_in(browser_page, Client(), kuopio_user, served_portfolio)
    pages = [
        "/organisaatiot/",
        f"/organisaatiot/{kuopio_project.lead_implementer_id}/",
        f"/analyysi/hanke/{kuopio_project.pk}/samankaltaiset/",
        "/analyysi/samankaltaiset/?teksti=terveysdata",
        "/analyysi/kuopio/verkosto/",
    ]
    for path in pages:
        open_at(browser_page, f"{served_portfolio}{path}", PHONE)
        assert overflow(browser_page) == 0, path
        assert axe_violations(browser_page) == [], path
