import re

from django.urls import reverse

from ekosopimus.analysis.network import collaboration_network
from ekosopimus.lib.network_chart import Link, Node, network_chart
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
    assert "<svg" in page
    assert '<title id="network-title">Yhteistyöverkosto – kaikki kaupunkiseudut</title>' in page
    assert '<desc id="network-desc">3 organisaatiota' in page
    assert 'aria-labelledby="network-title network-desc"' in page
    assert "Itä-Suomen yliopisto" in page.split("</svg>")[1]  # in the table, not only the chart


def test_the_chart_scales_with_the_page_and_names_its_numbered_nodes_in_full(
    portfolio, national_viewer, client
):
    client.force_login(national_viewer)
    page = client.get(reverse("analysis:network_national")).content.decode()
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert 'viewBox="0 0 680 480"' in chart and 'width="100%"' in chart
    assert "…" not in chart
    # The chart carries numbers only; the key beside it names each one without shortening.
    numbers = re.findall(r'<text class="network-number"[^>]*>(\d+)</text>', chart)
    assert sorted(numbers) == ["1", "2", "3"]
    key = page[page.index('<ol class="network-key"') :]
    key = key[: key.index("</ol>")]
    assert re.findall(r'<li value="(\d+)">([^<]+?) <span', key) == [
        ("1", "Itä-Suomen yliopisto"),
        ("2", "Savonia-ammattikorkeakoulu"),
        ("3", "Helsingin kaupunki"),
    ]


def test_an_empty_network_says_so_instead_of_drawing_an_empty_chart(kuopio, client):
    page = client.get(reverse("analysis:network", kwargs={"slug": "kuopio"})).content.decode()
    assert "<svg" not in page.split('id="chart-heading"')[1].split("</section>")[0]
    assert "Verkostoa ei ole piirrettävänä" in page


def test_a_long_name_is_not_cut_in_the_drawing():
    name = "Pohjois-Savon hyvinvointialueen tutkimus- ja innovaatiopalveluiden yksikkö"
    svg = network_chart(
        title="Verkosto",
        description="Kaksi organisaatiota.",
        nodes=[Node(1, name, 3, 0, number=1), Node(2, "Toinen", 1, 1)],
        links=[Link(1, 2, 1)],
    )
    assert f"<title>{name}</title>" in svg and "…" not in svg
    assert network_chart(title="Verkosto", description="", nodes=[], links=[]) == ""
