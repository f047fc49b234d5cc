"""Fixtures the monitoring tests share, beside the project's shared set."""

import pytest

from ekosopimus.agreements.models import QuantitativeTarget

# The real SMTP server of the e-mail tests, for the reminders' tests.
from ekosopimus.messaging.tests.conftest import smtp_port, smtp_server, smtp_settings  # noqa: F401


@pytest.fixture
def companies_target(kuopio):
    """“50 new companies in the KuopioHealth ecosystem” by the end of 2027."""
    return QuantitativeTarget.objects.get(
        focus_area__version__agreement=kuopio, focus_area__number="4.1", unit="company"
    )
