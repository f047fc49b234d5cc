"""The shared form pieces: one date widget everywhere, dates and numbers as the language
writes them, and a post too large to read sent back to its page with a message."""

import importlib
import inspect
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from ekosopimus.lib.forms import DateField, EuroField

APPS = (
    "accounts",
    "analysis",
    "messaging",
    "monitoring",
    "organizations",
    "portfolio",
    "revisions",
)


class _Sample(forms.Form):
    amount = EuroField(required=False)
    day = DateField(required=False)


def _every_form_class():
    for app in APPS:
        module = importlib.import_module(f"ekosopimus.{app}.forms")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_every_date_field_of_every_form_uses_the_browser_date_picker():
    dates = [
        (form.__name__, name, field)
        for form in _every_form_class()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(dates) >= 15
    assert [(f, n) for f, n, field in dates if field.widget.input_type != "date"] == []


@pytest.mark.parametrize("typed", ["31.12.2025", "2025-12-31"])
def test_a_date_typed_in_finnish_or_iso_is_accepted(typed):
    with translation.override("fi"):
        form = _Sample({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2025, 12, 31)


@pytest.mark.parametrize(
    ("language", "typed", "read"),
    [
        ("fi", "300 000,00", "300000.00"),
        ("fi", "300000,5", "300000.5"),
        ("fi", "300 000", "300000"),
        ("fi", "300\xa0000", "300000"),
        ("sv", "300 000,5", "300000.5"),
        ("en", "300,000.50", "300000.50"),
        ("en", "300000.5", "300000.5"),
    ],
)
def test_amounts_are_read_as_the_language_writes_them(language, typed, read):
    with translation.override(language):
        form = _Sample({"amount": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(read)


def test_amounts_are_shown_as_the_language_writes_them():
    with translation.override("fi"):
        shown = str(_Sample(initial={"amount": Decimal("300000.00")})["amount"])
    assert 'value="300\xa0000,00"' in shown and 'inputmode="decimal"' in shown
    with translation.override("en"):
        shown = str(_Sample(initial={"amount": Decimal("300000.00")})["amount"])
    assert 'value="300,000.00"' in shown


def test_a_negative_amount_is_a_field_error():
    with translation.override("fi"):
        form = _Sample({"amount": "-1,00"})
        assert not form.is_valid()
    assert "amount" in form.errors


@pytest.mark.django_db
def test_a_ten_megabyte_post_comes_back_to_its_form_with_a_message(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    url = reverse("portfolio:call_create", args=[kuopio.slug])
    body = urlencode({"title": "Haku", "selection_criteria": "x" * (10 * 1024 * 1024)})
    response = client.post(url, body, content_type="application/x-www-form-urlencoded", follow=True)
    assert response.redirect_chain == [(url, 303)]
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mitään ei tallennettu" in page and "5 Mt" in page
    assert 'name="title"' in page


@pytest.mark.django_db
def test_a_ten_megabyte_multipart_post_comes_back_with_a_message(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    url = reverse("portfolio:meeting_create", args=[kuopio.slug])
    response = client.post(
        url,
        {"title": "1/2026", "attendees": "x" * (10 * 1024 * 1024)},
        follow=True,
    )
    assert response.redirect_chain == [(url, 303)]
    assert "Mitään ei tallennettu" in response.content.decode()


@pytest.mark.django_db
def test_a_post_with_too_many_fields_comes_back_with_a_message(client, kuopio_user, kuopio):
    client.force_login(kuopio_user)
    url = reverse("portfolio:call_create", args=[kuopio.slug])
    data = {f"f{i}": "1" for i in range(6000)}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 303)]
    assert "enemmän kenttiä" in response.content.decode()
