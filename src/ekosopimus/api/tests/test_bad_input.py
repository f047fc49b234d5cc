"""The API refuses what a model constraint forbids with a 400 answer naming the field, never
a server error."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ekosopimus.portfolio.models import Project

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_project_that_ends_before_it_starts_is_a_400_naming_the_end_date(kuopio_user):
    response = _client(kuopio_user).post(
        "/api/v1/hankkeet/",
        {
            "agreement": "kuopio",
            "name": "Takaperoinen",
            "start_date": "2025-06-01",
            "end_date": "2025-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()
    assert not Project.objects.filter(name="Takaperoinen").exists()
