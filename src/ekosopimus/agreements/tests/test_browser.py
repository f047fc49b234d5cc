"""A real headless Chromium opens each seed agreement and finds its focus areas.

Runs against the system Chromium (Debian package ``chromium``). Where it is missing the test is
skipped with the reason, unless EKOSOPIMUS_REQUIRE_BROWSER=1 (as CI sets), when it fails.
"""

import pytest

from ekosopimus.agreements.services import agreements_load_bundled

from .screen import DESKTOP, PHONE, axe_violations, open_at, overflow, unreached_sections

pytestmark = pytest.mark.browser


@pytest.fixture
def served_agreements(transactional_db, live_server):
    agreements_load_bundled()
    return live_server.url


@pytest.mark.parametrize(
    ("slug", "focus_areas"),
    [
        ("kuopio", ["4.1 Terveys- ja hyvinvointiteknologia", "4.2 Vesiosaaminen"]),
        (
            "helsinki-espoo-vantaa",
            [
                "4.1 Älykkäät ja kestävät kaupunkiratkaisut",
                "4.2 Hyvinvointi ja terveysteknologia",
                "4.3 Uudet oppimisympäristöt ja osaamisen digitaaliset ratkaisut",
                "4.4 Uudet avaukset ja yleinen ekosysteemien kehittäminen",
            ],
        ),
    ],
)
def test_the_agreement_page_shows_its_focus_areas_in_a_browser(
    browser_page, served_agreements, slug, focus_areas
):
    browser_page.goto(f"{served_agreements}/sopimukset/")
    browser_page.get_by_role("link", name=slug_region(slug)).click()
    headings = browser_page.locator("article.focus-area h3").all_inner_texts()
    assert headings == focus_areas
    browser_page.locator("article.focus-area h3").get_by_role("link", name=focus_areas[0]).click()
    assert browser_page.locator("h1").inner_text() == focus_areas[0]


def slug_region(slug: str) -> str:
    return {
        "kuopio": "Kuopio",
        "helsinki-espoo-vantaa": "Pääkaupunkiseutu (Helsinki, Espoo, Vantaa)",
    }[slug]


def test_an_administrator_imports_reviews_and_publishes_an_agreement_in_a_browser(
    browser_page, served_agreements, django_user_model
):
    from django.test import Client

    from .layout import SOURCES

    administrator = django_user_model.objects.create_superuser(
        username="yllapitaja", password="salasana-123", email=""
    )
    client = Client()
    client.force_login(administrator)
    browser_page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": served_agreements,
            }
        ]
    )
    browser_page.goto(f"{served_agreements}/sopimukset/tuonti/")
    browser_page.get_by_label("Sopimusasiakirja").set_input_files(str(SOURCES / "kuopio.txt"))
    browser_page.get_by_role("button", name="Lue asiakirja").click()

    assert (
        browser_page.locator("h1").inner_text() == "Innovaatiotoiminnan ekosysteemisopimus – Kuopio"
    )
    # The first target links to the line it was read from, which the source column highlights.
    browser_page.get_by_role("link", name="r. 164").first.click()
    assert browser_page.url.endswith("#r-0-164")
    assert "Määrällisinä tavoitteina on 50" in browser_page.locator("li:target").inner_text()
    assert "lisätty" in browser_page.locator("tr.change-added").first.inner_text()

    browser_page.get_by_role("button", name="Julkaise uudeksi versioksi: Kuopio").click()
    assert "/sopimukset/kuopio/versiot/2/" in browser_page.url


@pytest.mark.parametrize("width", [320, PHONE, DESKTOP])
def test_the_agreement_page_fits_the_screen_and_its_navigation_reaches_every_section(
    browser_page, served_agreements, width
):
    open_at(browser_page, f"{served_agreements}/sopimukset/kuopio/", width)
    assert overflow(browser_page) == 0
    nav = browser_page.locator("nav.page-nav").first
    assert nav.get_attribute("aria-label") == "Tällä sivulla"
    assert "4.1 Terveys- ja hyvinvointiteknologia" in nav.inner_text()
    for section in ("Määrälliset tavoitteet", "Toimenpidesuunnitelma", "Rahoitus"):
        assert section in nav.inner_text()
    assert unreached_sections(browser_page) == []
    assert overflow(browser_page) == 0


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_agreement_page_has_no_accessibility_violations(browser_page, served_agreements, width):
    open_at(browser_page, f"{served_agreements}/sopimukset/kuopio/", width)
    assert axe_violations(browser_page) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_agreement_list_and_a_focus_area_fit_the_screen_without_violations(
    browser_page, served_agreements, width
):
    for path in ("/sopimukset/", "/sopimukset/kuopio/versiot/1/painopisteet/4.1/"):
        open_at(browser_page, f"{served_agreements}{path}", width)
        assert overflow(browser_page) == 0, path
        assert axe_violations(browser_page) == [], path
