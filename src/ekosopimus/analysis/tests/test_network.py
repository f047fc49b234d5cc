from django.urls import reverse

from ekosopimus.analysis.network import collaboration_network
from ekosopimus.portfolio.models import ProjectStatus
from ekosopimus.portfolio.services import project_transition


def _members(network):
    return {m.organization.name: (m.projects, m.led, m.partners) for m in network.members}


def test_organisations_are_linked_by_the_projects_they_share(portfolio, kuopio, national_viewer):
    network = collaboration_network(user=national_viewer, agreement=kuopio)
    assert network.projects == 3  # the earlier period's projects are not counted
    assert _members(network) == {
        "Itä-Suomen yliopisto": (3, 1, 1),
        "Savonia-ammattikorkeakoulu": (2, 2, 1),
    }
    [partnership] = network.partnerships
    assert partnership.projects == 2 and partnership.regions == ["Kuopio"]


def test_nationally_it_shows_who_works_across_city_regions(portfolio, hev, national_viewer):
    network = collaboration_network(user=national_viewer)
    assert [m.organization.name for m in network.across_regions] == ["Itä-Suomen yliopisto"]
    assert network.across_regions[0].regions == ["Kuopio", hev.city_region]
    assert network.partnerships_across_regions == []  # no pair works in two regions


def test_the_network_shows_only_the_projects_the_reader_may_see(portfolio, kuopio):
    assert collaboration_network(user=None, agreement=kuopio).projects == 3  # command line
    from django.contrib.auth.models import AnonymousUser

    assert collaboration_network(user=AnonymousUser(), agreement=kuopio).projects == 0


def test_a_project_turned_down_links_no_one(portfolio, kuopio, kuopio_user, national_viewer):
    project_transition(
        project=portfolio["water"], to=ProjectStatus.DISCONTINUED, reason="", by=kuopio_user
    )
    # Discontinued projects did run; only rejected and refused ones never did.
    assert collaboration_network(user=national_viewer, agreement=kuopio).projects == 3


def test_the_chart_has_a_title_a_text_alternative_and_its_table(portfolio, national_viewer, client):
    client.force_login(national_viewer)
    page = client.get(reverse("analysis:network_national")).content.decode()
    assert "<svg" in page and "<title>Yhteistyöverkosto – kaikki kaupunkiseudut</title>" in page
    assert "<desc>3 organisaatiota" in page
    assert "Itä-Suomen yliopisto" in page.split("</svg>")[1]  # in the table, not only the chart
