"""Our own error pages: on the site's layout, in the chosen language, with a way back, and
safe to render when the request got no further than the first middleware."""

import pytest
from django.template import loader
from django.test import Client, override_settings

ERROR_URLS = "ekosopimus.tests.error_urls"

HEADINGS = {
    "fi": {
        404: "Sivua ei löytynyt",
        500: "Jokin meni vikaan",
        403: "Ei pääsyä tälle sivulle",
        400: "Pyyntöä ei voitu ymmärtää",
    },
    "sv": {
        404: "Sidan hittades inte",
        500: "Något gick fel",
        403: "Ingen åtkomst till den här sidan",
        400: "Begäran kunde inte förstås",
    },
    "en": {
        404: "Page not found",
        500: "Something went wrong",
        403: "No access to this page",
        400: "The request could not be understood",
    },
}


def _assert_our_page(response, status, language):
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in page
    assert f"<h1>{HEADINGS[language][status]}</h1>" in page
    assert 'class="site-header"' in page and 'href="/"' in page and "data-go-back" in page
    assert "/saavutettavuusseloste/" in page


@pytest.fixture
def plain_client():
    """A client that answers with the error page instead of raising the view's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_each_error_page_is_ours_in_the_chosen_language(plain_client, language, db):
    plain_client.cookies["django_language"] = language
    _assert_our_page(plain_client.get("/no-such-page/"), 404, language)
    _assert_our_page(plain_client.get("/test-refuse/"), 403, language)
    _assert_our_page(plain_client.get("/test-fail/"), 500, language)
    _assert_our_page(plain_client.get("/", HTTP_HOST="evil.example"), 400, language)


@override_settings(DEBUG=False)
def test_a_bad_host_header_gets_our_400_page_and_not_a_crash(plain_client, db):
    response = plain_client.get("/sopimukset/", HTTP_HOST="evil.example")
    _assert_our_page(response, 400, "fi")
    assert "Kirjaudu sisään" in response.content.decode()


def test_the_500_page_renders_without_a_request_or_the_database():
    # No `db` fixture: any query here would fail the test.
    page = loader.get_template("500.html").render()
    assert "<h1>Jokin meni vikaan</h1>" in page
    assert 'href="/"' in page


@override_settings(DEBUG=False)
def test_a_form_sent_without_its_csrf_token_gets_our_expired_form_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tili/kirjaudu/", {"username": "someone", "password": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Lomake on vanhentunut</h1>" in page
    assert 'class="site-header"' in page and "data-go-back" in page
