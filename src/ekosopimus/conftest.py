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
    """A coordinator of the Kuopio city region (staff until roles per agreement arrive)."""
    return get_user_model().objects.create_user(
        username="kuopio-coordinator", password="test-password", first_name="Kaisa", is_staff=True
    )


@pytest.fixture
def hev_user(db):
    """A coordinator of the Helsinki–Espoo–Vantaa city region."""
    return get_user_model().objects.create_user(
        username="hev-coordinator", password="test-password", first_name="Henrik", is_staff=True
    )


@pytest.fixture
def uef(db):
    """The University of Eastern Finland, a lead implementer in Kuopio."""
    from ekosopimus.organizations.models import Organization
    from ekosopimus.organizations.services import organization_create

    return organization_create(
        name="Itä-Suomen yliopisto", business_id="0245894-7", kind=Organization.Kind.UNIVERSITY
    )


@pytest.fixture
def kuopio_project(kuopio, kuopio_user, uef):
    """A Kuopio project in preparation, linked to the first action group of the health area."""
    from ekosopimus.portfolio.services import project_create

    area = kuopio.versions.get(number=1).focus_areas.get(number="4.1")
    group = area.action_groups.first()
    return project_create(
        agreement=kuopio,
        name="Terveysdatan laatu -hanke",
        summary="Parannetaan terveys- ja hyvinvointidatan laatua ja hyödynnettävyyttä.",
        lead_implementer=uef,
        focus_areas=[area],
        action_group=group,
        status="preparation",
        by=kuopio_user,
    )
