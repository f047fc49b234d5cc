"""In a real Chromium at a phone's and a desktop's width: the portfolio and a project's page
fit the screen, however long a project's name, and axe-core finds nothing wrong."""

import pytest
from django.test import Client
from django.urls import reverse

from ekosopimus.conftest import sign_in
from ekosopimus.portfolio.models import Project
from ekosopimus.tests.screen import DESKTOP, PHONE, axe_violations, overflow

pytestmark = pytest.mark.browser

LONG_NAME = "Terveysteknologiainnovaatioekosysteemikehittämishanke " * 3 + "(THE-2024)"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_portfolio_and_a_project_fit_the_screen(
    browser_page, live_server, transactional_db, granted_project, kuopio_user, size
):
    page = browser_page
    page.set_viewport_size(size)
    sign_in(page, Client(), kuopio_user, live_server.url)
    # The budget's rows stack on a phone and scroll in their region on a desktop.
    page.goto(live_server.url + reverse("portfolio:project_budget", args=[granted_project.pk]))
    assert overflow(page) == 0
    assert axe_violations(page) == []

    Project.objects.filter(pk=granted_project.pk).update(name=LONG_NAME)

    page.goto(live_server.url + reverse("portfolio:portfolio", args=["kuopio"]))
    assert page.locator(".hds-status-label", has_text="Rahoitus myönnetty").count() == 1
    assert overflow(page) == 0
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}{granted_project.get_absolute_url()}")
    assert page.locator("h1").inner_text() == LONG_NAME.strip()
    assert page.locator("nav.page-nav a").count() >= 7
    assert overflow(page) == 0
    assert axe_violations(page) == []

    # The budget page's breadcrumb names the project: a long name wraps there too.
    page.goto(live_server.url + reverse("portfolio:project_budget", args=[granted_project.pk]))
    assert overflow(page) == 0
