"""A coordinator adds a missing organisation outside the admin: its business ID checked, the
register kept to one organisation per business ID, the addition in its history."""

import pytest
from django.urls import reverse

from ekosopimus.organizations.models import Organization

pytestmark = pytest.mark.django_db

URL = "organizations:create"


def test_a_coordinator_adds_a_missing_organisation_with_its_history(client, kuopio_user):
    client.force_login(kuopio_user)
    data = {"name": "Savonia-ammattikorkeakoulu", "business_id": "2441650-2", "kind": "uas"}
    response = client.post(reverse(URL), data)
    organization = Organization.objects.get(business_id="2441650-2")
    assert response.status_code == 302
    assert response["Location"] == organization.get_absolute_url()
    record = organization.history.get()
    assert record.history_user == kuopio_user and record.history_change_reason


def test_a_business_id_with_a_wrong_check_digit_is_a_field_error(client, kuopio_user):
    client.force_login(kuopio_user)
    response = client.post(
        reverse(URL), {"name": "Savonia", "business_id": "2441650-5", "kind": "uas"}
    )
    assert response.status_code == 200
    assert "business_id" in response.context["form"].errors
    assert not Organization.objects.filter(name="Savonia").exists()


def test_a_business_id_already_registered_is_refused_with_a_link_to_the_organisation(
    client, kuopio_user, uef
):
    client.force_login(kuopio_user)
    response = client.post(
        reverse(URL), {"name": "UEF", "business_id": "0245894-7", "kind": "university"}
    )
    assert response.status_code == 200
    assert "business_id" in response.context["form"].errors
    assert uef.get_absolute_url() in response.content.decode()
    assert Organization.objects.filter(business_id="0245894-7").count() == 1


def test_the_service_names_the_business_id_field_when_it_refuses_a_duplicate(uef):
    from django.core.exceptions import ValidationError

    from ekosopimus.organizations.services import organization_create

    with pytest.raises(ValidationError) as error:
        organization_create(name="UEF", business_id="0245894-7")
    assert "business_id" in error.value.message_dict


def test_only_coordinators_add_organisations(client, kuopio_steering, kuopio_reporter):
    for user in (kuopio_steering, kuopio_reporter):
        client.force_login(user)
        assert client.get(reverse(URL)).status_code in (403, 404)
