"""Fixtures the monitoring tests share, beside the project's shared set."""

import pytest

from ekosopimus.agreements.models import QuantitativeTarget


@pytest.fixture
def companies_target(kuopio):
    """“50 new companies in the KuopioHealth ecosystem” by the end of 2027."""
    return QuantitativeTarget.objects.get(
        focus_area__version__agreement=kuopio, focus_area__number="4.1", unit="company"
    )
