"""The organisation register on a phone, in a real headless Chromium: a long, paged list with
long names and business IDs fits the screen and passes axe-core."""

import pytest

from ekosopimus.agreements.tests.screen import DESKTOP, PHONE, axe_violations, open_at, overflow
from ekosopimus.organizations.models import Organization

pytestmark = pytest.mark.browser

LONG = "Pohjois-Savon hyvinvointialueen tutkimus-, kehittämis- ja innovaatiotoiminnan yksikkö"


@pytest.mark.parametrize("width", [320, PHONE, DESKTOP])
def test_a_long_paged_register_fits_the_screen_without_violations(
    browser_page, transactional_db, live_server, width
):
    Organization.objects.bulk_create(
        Organization(name=f"{LONG} {number:03d}", business_id=f"{number:07d}-1")
        for number in range(1, 301)
    )
    open_at(browser_page, f"{live_server.url}/organisaatiot/?sivu=3", width)
    assert browser_page.locator("nav.hds-pagination a[aria-current=page]").inner_text() == "3"
    assert overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
    browser_page.locator("th a").first.click()
    assert LONG in browser_page.locator("h1").inner_text()
    assert overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
