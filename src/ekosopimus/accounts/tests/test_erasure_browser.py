"""The erasure pages in a browser, on a phone's width: find, preview, confirm, result."""

import pytest
from django.test import Client

from ekosopimus.accounts.models import Erasure
from ekosopimus.conftest import sign_in


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
    browser_page.get_by_role("link", name="Anna Esimerkkiläinen-Pitkänimisenmäki").click()

    assert "Muuttuvat tiedot" in browser_page.locator("main").inner_text()
    # Nothing wider than the screen: long names wrap, tables scroll in their own region.
    overflow = browser_page.evaluate(
        "document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth"
    )
    wide = browser_page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 330)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert overflow <= 0, wide
    browser_page.get_by_label("Poiston peruste").fill("Pyyntö 14/2026")
    browser_page.get_by_role("button", name="Poista henkilötiedot").click()

    erasure = Erasure.objects.get()
    assert erasure.user_id == person.pk
    assert erasure.pseudonym in browser_page.locator("main").inner_text()
