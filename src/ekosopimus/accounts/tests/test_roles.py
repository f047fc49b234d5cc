import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from ekosopimus.accounts.access import access_for
from ekosopimus.accounts.models import Membership, Role
from ekosopimus.accounts.services import membership_grant, membership_revoke
from ekosopimus.organizations.models import Organization
from ekosopimus.organizations.services import organization_create
from ekosopimus.portfolio.services import project_create, project_update


@pytest.fixture
def city(db):
    return organization_create(
        name="Kuopion kaupunki", business_id="0171747-6", kind=Organization.Kind.CITY
    )


def test_a_reporter_reads_and_edits_only_their_organisations_projects(
    client, kuopio, kuopio_project, kuopio_reporter, kuopio_user, city
):
    others = project_create(
        agreement=kuopio, name="Kaupungin hankeaihio", lead_implementer=city, by=kuopio_user
    )
    client.force_login(kuopio_reporter)
    listing = client.get(reverse("portfolio:portfolio", args=["kuopio"])).content.decode()
    assert kuopio_project.name in listing
    assert others.name not in listing
    assert (
        client.get(reverse("portfolio:project_edit", args=[kuopio_project.pk])).status_code == 200
    )
    assert client.get(reverse("portfolio:project", args=[others.pk])).status_code == 404


def test_a_reporter_of_a_co_implementer_edits_the_project_too(
    kuopio, kuopio_user, city, uef, kuopio_reporter
):
    project = project_create(
        agreement=kuopio, name="Yhteishanke", lead_implementer=city, by=kuopio_user
    )
    assert not access_for(kuopio_reporter).edits_project(project)
    project_update(project=project, co_implementers=[uef], by=kuopio_user)
    kuopio_reporter._ekosopimus_access = None  # a new request reads the roles again
    assert access_for(kuopio_reporter).edits_project(project)


def test_a_steering_member_sees_the_decisions_but_no_edit_links(
    client, granted_project, kuopio_steering
):
    client.force_login(kuopio_steering)
    page = client.get(granted_project.get_absolute_url()).content.decode()
    assert "Johtoryhmän ja rahoittavan viranomaisen päätökset" in page
    assert reverse("portfolio:project_edit", args=[granted_project.pk]) not in page


def test_the_public_never_sees_decisions_or_history_of_a_granted_project(client, granted_project):
    page = client.get(granted_project.get_absolute_url()).content.decode()
    assert granted_project.name in page
    assert "Johtoryhmä 4/2023" not in page  # the steering group meeting that selected it
    assert "kuopio-coordinator" not in page and "Kaisa" not in page


@pytest.mark.parametrize(
    "role, with_agreement, with_organization, message",
    [
        ("reporter", True, False, "organisaatio"),
        ("coordinator", False, False, "sopimus"),
        ("national_viewer", True, False, "kaikki sopimukset"),
        ("coordinator", True, True, "raportoijan"),
        ("chairman", True, False, "Tuntematon rooli"),
    ],
)
def test_a_role_that_makes_no_sense_is_refused(
    kuopio, uef, django_user_model, role, with_agreement, with_organization, message
):
    user = django_user_model.objects.create_user(username="someone")
    with pytest.raises(ValidationError, match=message):
        membership_grant(
            user=user,
            role=role,
            agreement=kuopio if with_agreement else None,
            organization=uef if with_organization else None,
            by=None,
        )
    assert not Membership.objects.exists()


def test_the_database_refuses_a_reporter_without_an_organisation(kuopio, django_user_model):
    user = django_user_model.objects.create_user(username="someone")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.REPORTER, agreement=kuopio)


def test_granting_twice_keeps_one_role_and_revoking_leaves_history(kuopio, kuopio_user):
    membership = Membership.objects.get(user=kuopio_user)
    again = membership_grant(user=kuopio_user, role="coordinator", agreement=kuopio, by=None)
    assert again.pk == membership.pk
    membership_revoke(membership=membership, by=None)
    assert not Membership.objects.filter(user=kuopio_user).exists()
    assert [h.history_type for h in Membership.history.filter(user=kuopio_user)] == ["-", "+"]


def test_the_command_grants_a_reporter_role_by_business_id(kuopio, uef, django_user_model):
    user = django_user_model.objects.create_user(username="raportoija")
    call_command(
        "grant_role",
        "raportoija",
        "reporter",
        "--agreement",
        "kuopio",
        "--organization",
        uef.business_id,
    )
    assert access_for(user).reports_for == {kuopio.pk: frozenset({uef.pk})}
    with pytest.raises(CommandError, match="Ei sopimusta"):
        call_command("grant_role", "raportoija", "coordinator", "--agreement", "oulu-x")
