"""In a real Chromium at a phone's and a desktop's width: the situation picture fits the
screen, its charts' text stays legible, and axe-core finds nothing wrong."""

import pytest
from django.test import Client

from ekosopimus.conftest import sign_in
from ekosopimus.tests.screen import (
    DESKTOP,
    PHONE,
    axe_violations,
    overflow,
    smallest_chart_text,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_situation_picture_fits_the_screen_with_legible_charts(
    browser_page, live_server, transactional_db, granted_project, kuopio_user, size
):
    page = browser_page
    page.set_viewport_size(size)
    sign_in(page, Client(), kuopio_user, live_server.url)
    page.goto(f"{live_server.url}/tilannekuva/kuopio/")

    assert overflow(page) == 0
    assert page.locator("svg.chart").count() >= 4
    assert page.locator("svg.chart--progress").count() == 1
    assert smallest_chart_text(page) >= 12
    assert page.locator("nav.page-nav a").count() >= 6
    assert axe_violations(page) == []
