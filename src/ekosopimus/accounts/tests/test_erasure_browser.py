"""The erasure pages in a browser, on a phone's width: find, preview, confirm, result."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from ekosopimus.accounts.models import Erasure
from ekosopimus.conftest import sign_in

# The elements of the page's main part that reach past its right edge, or whose text spills
# out of them, by tag and class; a table's scrolling region is allowed to be wider.
WIDER_THAN_MAIN = """() => {
  const edge = document.querySelector("main").getBoundingClientRect().right + 1;
  return [...document.querySelectorAll("main *")]
    .filter((e) => !e.closest(".table-scroll"))
    .filter((e) => e.getBoundingClientRect().right > edge || e.scrollWidth > e.clientWidth + 1)
    .map((e) => `${e.tagName}.${e.className}`);
}"""


@pytest.mark.django_db(transaction=True)
def test_an_administrator_erases_an_account_on_a_narrow_screen(
    browser_page, live_server, admin_user, django_user_model
):
    person = django_user_model.objects.create_user(
        username="anna-esimerkki-hyvin-pitka-kayttajatunnus",
        first_name="Anna",
        last_name="Esimerkkiläinen-Pitkänimisenmäki",
        email="anna.esimerkkilainen-pitkanimisenmaki@esimerkkikaupunki.example",
    )
    sign_in(browser_page, Client(), admin_user, live_server.url)
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(f"{live_server.url}/tili/tietojen-poisto/")
    browser_page.get_by_label("Nimi, käyttäjätunnus tai sähköpostiosoite").fill("anna esimerkki")
    browser_page.get_by_role("button", name="Hae").click()
    # Measured once the results page has loaded, not while the search is on its way.
    found = browser_page.get_by_role("link", name="Anna Esimerkkiläinen-Pitkänimisenmäki")
    found.wait_for()
    assert browser_page.evaluate(WIDER_THAN_MAIN) == [], "the search"
    found.click()

    expect(browser_page.locator("main")).to_contain_text("Muuttuvat tiedot")
    # Nothing wider than the screen: long names wrap, tables scroll in their own region.
    assert browser_page.evaluate(WIDER_THAN_MAIN) == [], "the preview"
    browser_page.get_by_label("Poiston peruste").fill("Pyyntö 14/2026")
    browser_page.get_by_role("button", name="Poista henkilötiedot").click()

    expect(browser_page.get_by_role("button", name="Poista henkilötiedot")).to_have_count(0)
    erasure = Erasure.objects.get()
    assert erasure.user_id == person.pk
    expect(browser_page.locator("main")).to_contain_text(erasure.pseudonym)
    assert browser_page.evaluate(WIDER_THAN_MAIN) == [], "the result"
