import re

import pytest
from django.urls import reverse

from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file
from ekosopimus.agreements.services import agreement_load_data

NBSP = "\xa0"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_list_shows_both_agreements_in_finnish(client, agreements):
    html = page(client, reverse("agreements:list"))
    assert '<html lang="fi">' in html
    assert "Kuopio" in html and "Pääkaupunkiseutu (Helsinki, Espoo, Vantaa)" in html
    assert "31.12.2027" in html


def test_the_kuopio_page_shows_every_structural_fact(client, kuopio):
    html = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    version = kuopio.versions.get()
    for party in version.parties.all():
        assert party.name in html
    for area in version.focus_areas.all():
        assert area.name in html
        for group in area.action_groups.all():
            assert group.name in html
            for measure in group.key_measures.all():
                assert measure.text in html
            for consideration in group.considerations.all():
                assert consideration.text in html
    for item in version.action_plan.items.all():
        assert item.measure in html
    for governance_body in version.governance_bodies.all():
        assert governance_body.name in html
    assert "Kuopion Savilahti - Euroopan kiinnostavin oppimis- ja innovaatioympäristö" in html


def test_the_action_plan_table_has_finnish_totals_per_focus_area_and_overall(client, kuopio):
    html = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    for total in ("9,75", "12,00", "3,30", "25,05", "2,25", "0,30"):
        assert f"{total}{NBSP}M€" in html
    assert "ei määritelty" in html  # the one row whose amount the annex leaves blank
    assert "tarkastelujakso 2021–2023" in html  # years are not grouped like amounts


def test_targets_show_their_values_and_fall_back_to_the_agreements_end(client, kuopio):
    html = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    for value, label in [
        (50, "uutta yritystä KuopioHealth -ekosysteemiin"),
        (50, "pilotoitua älykästä ratkaisua"),
        (40, "uutta yritystä Kuopion vesiekosysteemiin"),
        (20, "pilotoitua uutta ratkaisua"),
    ]:
        assert re.search(rf'<span class="value">{value}</span>\s*{re.escape(label)}', html)
    assert "sopimuskauden loppu (31.12.2027)" in html


def test_the_funding_split_rules_and_coordination_phases_are_shown(client, hev):
    html = page(client, reverse("agreements:detail", kwargs={"slug": hev.slug}))
    assert f"40{NBSP}%" in html and f"60{NBSP}%" in html
    assert "neljänteen painopisteeseen" in html
    assert "31.12.2023" in html and "1.1.2024" in html
    assert "Menetelmälliset kategoriat" in html
    for area in hev.versions.get().focus_areas.all():
        assert area.name in html


def test_a_focus_area_page_shows_its_action_groups_and_plan_rows(client, kuopio):
    area = kuopio.versions.get().focus_areas.get(number="4.2")
    html = page(client, area.get_absolute_url())
    assert "<h1>4.2 Vesiosaaminen</h1>" in html
    assert "Smart Water Solutions -innovaatiokeskus" in html
    assert "Kuopiolaisen vesiosaamisen juuret" in html
    assert "Terveysdata-alustat" not in html


def test_an_earlier_version_stays_readable_after_a_revision(client, kuopio):
    data = read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml")
    data["version"] = {"number": 2, "label": "Tarkistettu sopimus 2025–2027"}
    data["focus_areas"][1]["name"] = "Vesi- ja ympäristöosaaminen"
    agreement_load_data(data=data, source="tarkistus.yaml")

    current = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    assert "Vesi- ja ympäristöosaaminen" in current
    old = page(client, reverse("agreements:version", kwargs={"slug": "kuopio", "number": 1}))
    assert "Vesiosaaminen" in old and "Vesi- ja ympäristöosaaminen" not in old
    assert "Luet aiempaa versiota" in old


@pytest.mark.parametrize(
    "url",
    [
        "/sopimukset/tuntematon/",
        "/sopimukset/kuopio/versiot/9/",
        "/sopimukset/kuopio/versiot/1/painopisteet/4.9/",
    ],
)
def test_what_does_not_exist_is_a_404(client, agreements, url):
    assert client.get(url).status_code == 404


def test_pages_use_landmarks_and_header_cells(client, kuopio):
    html = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    assert html.count("<main") == 1 and "<header" in html and "<nav" in html
    assert html.count("<h1>") == 1
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert '<caption class="hds-table__caption">' in html
    # Every table scrolls inside a focusable region, never the page.
    assert html.count("<table") == html.count('class="table-scroll" role="region" tabindex="0"')
    assert '<label for="language-select">' in html


def test_the_page_speaks_swedish_when_asked(client, kuopio):
    client.cookies["django_language"] = "sv"
    html = page(client, reverse("agreements:detail", kwargs={"slug": "kuopio"}))
    assert '<html lang="sv">' in html
    assert "Åtgärdsplan" in html


def test_finnish_is_served_whatever_language_the_browser_prefers(client, kuopio):
    response = client.get(
        reverse("agreements:detail", kwargs={"slug": "kuopio"}), HTTP_ACCEPT_LANGUAGE="en-US"
    )
    html = response.content.decode()
    assert '<html lang="fi">' in html
    assert "Toimenpidesuunnitelma" in html


def test_the_agreement_page_does_not_query_once_per_row(client, kuopio):
    """Focus areas, groups, measures and rules come prefetched: more rows, same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("agreements:detail", kwargs={"slug": "kuopio"})

    def count():
        with CaptureQueriesContext(connection) as queries:
            page(client, url)
        return len(queries)

    before = count()
    version = kuopio.versions.get()
    area = version.focus_areas.create(position=3, number="4.3", name="Kokeilu")
    group = area.action_groups.create(position=1, number="4.3.1", name="Ryhmä")
    group.key_measures.create(position=1, text="Toimenpide")
    group.considerations.create(position=1, text="Huomio")
    area.targets.create(position=1, label="uutta yritystä", value=5, unit="company")
    assert count() == before
