"""In a real Chromium: the site's frame fits a phone, and its menu folds behind a button there."""

import pytest

pytestmark = pytest.mark.browser


def test_on_a_phone_the_menu_folds_behind_a_button_that_opens_it(
    browser_page, live_server, agreements
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/sopimukset/")
    toggle = page.get_by_role("button", name="Valikko")
    nav_link = page.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Organisaatiot"
    )
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "site-menu"
    assert not nav_link.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 844 * 0.1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not nav_link.is_visible()


def test_on_a_desktop_the_menu_is_open_and_has_no_button(browser_page, live_server, agreements):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/sopimukset/")
    assert not page.get_by_role("button", name="Valikko").is_visible()
    assert page.get_by_role("link", name="Organisaatiot").is_visible()


def test_without_a_script_every_menu_link_is_reachable_on_a_phone(
    browser_page, live_server, agreements
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.route("**/menu.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/sopimukset/")
    assert not page.get_by_role("button", name="Valikko").is_visible()
    assert page.get_by_role("link", name="Organisaatiot").is_visible()


def test_the_frame_fits_320_pixels(browser_page, live_server, agreements):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    for url in (
        "/sopimukset/",
        "/tietosuojaseloste/",
        "/saavutettavuusseloste/",
        "/tili/kirjaudu/",
    ):
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
