"""Comparing two published versions: the page, the API and the command share one diff."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file
from ekosopimus.agreements.services import agreement_load_data


@pytest.fixture
def revised(kuopio):
    """Kuopio's version 2: one target raised, one measure's amount written anew as the same."""
    data = copy.deepcopy(read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml"))
    data["version"] = {"number": 2, "label": "Tarkistettu 2025–2027"}
    data["focus_areas"][0]["targets"][0]["value"] = 60
    data["action_plan"]["items"][0]["amount_meur"] = "2,00"
    agreement_load_data(data=data, source="kuopio-2025.yaml")
    return kuopio


def test_the_page_the_api_and_the_command_report_the_same_single_change(client, revised):
    page = client.get(reverse("agreements:compare", args=["kuopio"]), {"a": 1, "b": 2})
    api = client.get(reverse("api:agreement-compare", args=["kuopio"]), {"a": 1, "b": 2}).json()
    out = io.StringIO()
    call_command("compare_versions", "kuopio", "1", "2", "--json", stdout=out)

    assert page.status_code == 200 and "1 muutos." in page.content.decode()
    assert [(c["kind"], c["before"], c["after"]) for c in api["changes"]] == [
        ("changed", "50", "60")
    ]
    assert json.loads(out.getvalue()) == api


def test_without_numbers_the_version_in_force_is_compared_with_the_one_before(client, revised):
    api = client.get(reverse("api:agreement-compare", args=["kuopio"])).json()
    assert (api["older"], api["newer"]) == (1, 2)


@pytest.mark.parametrize(("older", "newer"), [("1", "9"), ("x", "2"), ("2", "2")])
def test_a_version_that_cannot_be_compared_is_named_in_the_answer(client, revised, older, newer):
    page = client.get(reverse("agreements:compare", args=["kuopio"]), {"a": older, "b": newer})
    api = client.get(reverse("api:agreement-compare", args=["kuopio"]), {"a": older, "b": newer})
    assert page.status_code == 400 and 'role="alert"' in page.content.decode()
    assert api.status_code == 400 and api.json()["detail"]
    with pytest.raises(CommandError):
        call_command("compare_versions", "kuopio", older, newer)
