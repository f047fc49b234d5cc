"""The accessibility statement and the privacy notice: in each language, linked from every page."""

import pytest
from django.test import override_settings

HEADINGS = {
    "fi": ("Saavutettavuusseloste", "Tietosuojaseloste"),
    "sv": ("Tillgänglighetsredogörelse", "Dataskyddsbeskrivning"),
    "en": ("Accessibility statement", "Privacy notice"),
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_both_statements_answer_in_each_language(client, db, language):
    client.cookies["django_language"] = language
    accessibility = client.get("/saavutettavuusseloste/")
    privacy = client.get("/tietosuojaseloste/")
    assert accessibility.status_code == privacy.status_code == 200
    assert f"<h1>{HEADINGS[language][0]}</h1>" in accessibility.content.decode()
    assert f"<h1>{HEADINGS[language][1]}</h1>" in privacy.content.decode()
    assert f'<html lang="{language}">' in privacy.content.decode()


def test_the_accessibility_statement_names_the_status_the_shortcomings_and_the_authority(
    client, db
):
    client.cookies["django_language"] = "en"
    page = client.get("/saavutettavuusseloste/").content.decode()
    assert "<strong>partially</strong> conforms to level AA of the WCAG 2.1" in page
    assert "PDF" in page and "axe-core" in page and "6.12.2026" in page
    assert "Lupa- ja valvontavirasto" in page and "saavutettavuusvaatimukset.fi" in page


@override_settings(
    EKOSOPIMUS_CONTROLLER="Työ- ja elinkeinoministeriö",
    EKOSOPIMUS_PRIVACY_CONTACT="tietosuoja@example.fi",
    EKOSOPIMUS_ACCESSIBILITY_CONTACT="saavutettavuus@example.fi",
)
def test_the_statements_name_the_controller_and_contacts_the_installation_sets(client, db):
    privacy = client.get("/tietosuojaseloste/").content.decode()
    accessibility = client.get("/saavutettavuusseloste/").content.decode()
    assert "Rekisterinpitäjä: Työ- ja elinkeinoministeriö" in privacy
    assert 'href="mailto:tietosuoja@example.fi"' in privacy
    assert 'href="mailto:saavutettavuus@example.fi"' in accessibility
    assert "ei ole vielä asetettu" not in privacy + accessibility


def test_without_settings_the_statements_say_plainly_what_is_not_set(client, db):
    privacy = client.get("/tietosuojaseloste/").content.decode()
    assert "nimeä ei ole vielä asetettu tähän asennukseen" in privacy
    assert "yhteystietoa ei ole vielä asetettu" in privacy


def test_every_page_links_to_both_statements_in_its_footer(client, agreements, kuopio_user):
    pages = ["/sopimukset/", "/sopimukset/kuopio/", "/tili/kirjaudu/", "/tietosuojaseloste/"]
    client.force_login(kuopio_user)
    pages.append("/")
    for url in pages:
        page = client.get(url, follow=True).content.decode()
        footer = page[page.index('<footer class="site-footer">') :]
        assert 'href="/saavutettavuusseloste/"' in footer, url
        assert 'href="/tietosuojaseloste/"' in footer, url
