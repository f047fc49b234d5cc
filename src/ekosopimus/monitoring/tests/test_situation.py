"""The situation picture of one agreement and of all of them."""

from decimal import Decimal

import pytest

from ekosopimus.monitoring.situation import (
    SituationFilter,
    national_picture,
    situation_picture,
)
from ekosopimus.portfolio.models import Project


def test_money_is_broken_down_by_focus_area_instrument_source_and_year(kuopio, granted_project):
    picture = situation_picture(agreement=kuopio)
    assert picture.total.planned == Decimal("1000000")
    assert picture.total.granted == Decimal("1000000")
    area = picture.breakdown("focus_area").rows[0]
    assert area.key == "4.1" and area.granted == Decimal("1000000")
    instruments = {row.key: row.granted for row in picture.breakdown("instrument").rows}
    assert instruments == {"ERDF": Decimal("600000"), "": Decimal("400000")}
    sources = {row.key: row.planned for row in picture.breakdown("source").rows}
    assert sources == {"eu_state": Decimal("600000"), "municipal": Decimal("400000")}
    assert [row.key for row in picture.breakdown("year").rows] == [2024]
    granted = next(row for row in picture.pipeline if row.key == "granted")
    assert granted.projects == 1


def test_the_plan_breakdown_sets_the_action_plans_money_beside_the_projects(
    kuopio, granted_project
):
    from ekosopimus.agreements.models import ActionPlanItem

    item = ActionPlanItem.objects.filter(plan__version__agreement=kuopio).first()
    Project.objects.filter(pk=granted_project.pk).update(action_plan_item=item)
    picture = situation_picture(agreement=kuopio)
    plan = picture.breakdown("action_plan")
    assert plan.total.plan == Decimal("25050000")
    row = next(row for row in plan.rows if row.key == item.pk)
    assert row.plan == item.planned_amount and row.granted == Decimal("1000000")
    assert item not in picture.measures_without_projects
    assert len(picture.measures_without_projects) == 15


def test_a_filter_narrows_the_money_but_not_the_targets(kuopio, granted_project):
    picture = situation_picture(agreement=kuopio, filters=SituationFilter(instrument="JTF"))
    assert picture.total.projects == 0 and picture.total.planned == 0
    assert len(picture.targets) == 4


def test_a_filter_that_makes_no_sense_is_dropped_and_said_so(kuopio):
    filters = SituationFilter.from_query(
        {"painopiste": "9.9", "vuosi": "kaksituhatta", "rahoitus": "XYZ"}, focus_areas=["4.1"]
    )
    assert not filters.is_active
    assert len(filters.problems) == 3


def test_the_national_view_shows_all_sixteen_city_regions_with_totals(agreements, granted_project):
    picture = national_picture()
    assert len(picture.rows) == 16
    assert picture.full_text_count == 2
    kuopio = next(row for row in picture.rows if row.agreement.slug == "kuopio")
    assert kuopio.money.granted == Decimal("1000000")
    assert kuopio.local_share == Decimal("40.0")
    assert picture.total.money.granted == Decimal("1000000")
    assert picture.total.stages["running"] == 1
    tampere = next(row for row in picture.rows if row.agreement.slug == "tampere")
    assert tampere.is_public_summary and tampere.money.projects == 0


@pytest.mark.parametrize("url", ["/tilannekuva/", "/tilannekuva/kuopio/", "/koosteet/kuopio/"])
def test_the_situation_pages_are_for_signed_in_users(client, agreements, url):
    response = client.get(url)
    assert response.status_code == 302 and "/tili/kirjaudu/" in response["Location"]


def test_the_situation_page_keeps_its_filters_in_the_url_and_draws_charts_with_tables(
    client, kuopio_user, granted_project
):
    client.force_login(kuopio_user)
    page = client.get("/tilannekuva/kuopio/?rahoitus=ERDF&vuosi=2024").content.decode()
    assert '<option value="ERDF" selected>' in page
    assert '<option value="2024" selected>' in page
    assert page.count("<svg") >= 4 and page.count("<desc>") == page.count("<svg")
    assert "0,60\xa0M€" in page  # the ERDF money, in a table and not only in a chart


def test_the_national_page_lists_every_city_region(client, national_viewer, granted_project):
    client.force_login(national_viewer)
    page = client.get("/tilannekuva/").content.decode()
    for region in ("Kuopio", "Tampere", "Kajaani–Sotkamo", "Pääkaupunkiseutu"):
        assert region in page


def test_the_national_view_ignores_a_focus_area_in_its_url(agreements, granted_project):
    # Focus areas are numbered per agreement, so one number means nothing across them.
    narrowed = national_picture(filters=SituationFilter(focus_area="4.1"))
    assert narrowed.total.money.granted == national_picture().total.money.granted
    assert narrowed.total.money.granted == Decimal("1000000")


def test_the_national_view_reads_all_agreements_in_as_many_queries_as_two(
    agreements, granted_project
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        national_picture(slugs=["kuopio", "helsinki-espoo-vantaa"])
    with CaptureQueriesContext(connection) as sixteen:
        picture = national_picture()
    assert len(picture.rows) == 16
    assert len(sixteen) == len(two)
