"""Schemathesis generates requests from the API's own schema and checks every answer: no
server error, and every response as the schema says. The seed is fixed so that CI runs the
same cases every time."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ekosopimus.wsgi import application

# Generating the schema reads no data, so it is loaded once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]


@pytest.fixture
def connection_kept():
    """Keep the test's database connection across requests, as Django's test client does:
    at the end of a request the app closes connections, which would end the test's
    transaction (on PostgreSQL the next query then finds the connection closed)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(granted_project, admin_user, connection_kept):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=admin_user).key


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
