"""The shared fixture set: both seed agreements loaded, and users of two city regions."""

import pytest
from django.contrib.auth import get_user_model

from ekosopimus.agreements.models import Agreement
from ekosopimus.agreements.services import agreements_load_bundled


@pytest.fixture
def agreements(db) -> dict[str, Agreement]:
    """Kuopio and Helsinki–Espoo–Vantaa, loaded from the bundled data files."""
    agreements_load_bundled()
    return {agreement.slug: agreement for agreement in Agreement.objects.all()}


@pytest.fixture
def kuopio(agreements) -> Agreement:
    return agreements["kuopio"]


@pytest.fixture
def hev(agreements) -> Agreement:
    return agreements["helsinki-espoo-vantaa"]


@pytest.fixture
def kuopio_user(db):
    """A coordinator of the Kuopio city region (roles arrive with access control)."""
    return get_user_model().objects.create_user(
        username="kuopio-coordinator", password="test-password", first_name="Kaisa"
    )


@pytest.fixture
def hev_user(db):
    """A coordinator of the Helsinki–Espoo–Vantaa city region."""
    return get_user_model().objects.create_user(
        username="hev-coordinator", password="test-password", first_name="Henrik"
    )
