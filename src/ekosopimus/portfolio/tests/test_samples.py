import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import BudgetLine, Call, Project, SteeringGroupMeeting


def test_sample_data_is_made_only_on_request_and_marked(client, kuopio, kuopio_user):
    assert not Project.objects.exists()
    call_command("load_sample_data", "--agreement", "kuopio")
    samples = Project.objects.filter(agreement=kuopio)
    assert samples.count() == 6  # an idea and one in preparation per focus area; two granted
    assert all(project.is_sample for project in samples)
    assert all(project.code.startswith("ESIM-") for project in samples)
    assert BudgetLine.objects.filter(project__in=samples).count() == 12
    assert Organization.objects.filter(is_sample=False).count() == 0
    client.force_login(kuopio_user)
    page = client.get(reverse("portfolio:portfolio", args=["kuopio"])).content.decode()
    assert "Portfoliossa on 6 järjestelmän kokeilua varten luotua esimerkkihanketta" in page
    assert page.count('class="hds-tag sample"') == 6


def test_sample_data_is_not_made_twice_and_can_be_removed(kuopio):
    call_command("load_sample_data", "--agreement", "kuopio")
    with pytest.raises(CommandError, match="esimerkkiaineisto"):
        call_command("load_sample_data", "--agreement", "kuopio")
    call_command("load_sample_data", "--agreement", "kuopio", "--remove")
    assert not Project.objects.exists()
    assert not Organization.objects.exists()
    assert not SteeringGroupMeeting.objects.exists() and not Call.objects.exists()
    assert not get_user_model().objects.filter(username__startswith="esimerkki-").exists()


def test_removing_sample_data_leaves_real_projects(kuopio, kuopio_project):
    call_command("load_sample_data", "--agreement", "kuopio")
    call_command("load_sample_data", "--agreement", "kuopio", "--remove")
    assert list(Project.objects.all()) == [kuopio_project]
    assert kuopio_project.lead_implementer in Organization.objects.all()
