"""In a real Chromium: a coordinator maps an indicator to a target, records and approves a
half-year report, and sees the target move on the situation picture."""

import re

import pytest
from django.test import Client

from ekosopimus.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_half_year_report_moves_the_health_target_in_a_browser(
    browser_page, live_server, transactional_db, granted_project, kuopio_user
):
    page = browser_page
    sign_in(page, Client(), kuopio_user, live_server.url)

    page.goto(f"{live_server.url}/tilannekuva/kuopio/tavoitteet/")
    target = granted_project.focus_areas.get().targets.get(unit="company")
    page.get_by_label("Sopimuksen tavoite").select_option(value=str(target.pk))
    rco01 = granted_project.indicators.get(code="RCO01")
    page.get_by_label(re.compile(r"^Indikaattori:?$")).select_option(value=str(rco01.pk))
    page.get_by_role("button", name="Liitä").click()
    assert "Indikaattori lasketaan nyt tavoitteeseen." in page.content()

    page.goto(f"{live_server.url}{granted_project.get_absolute_url()}")
    page.get_by_role("link", name="Uusi seurantaraportti").click()
    page.get_by_label("Jakso alkaa").fill("2024-01-01")
    page.get_by_label("Jakso päättyy").fill("2024-06-30")
    page.get_by_label("Mitä tehtiin").fill("Kolme yritystä liittyi ekosysteemiin.")
    page.get_by_label(f"RCO01 {rco01.name}").fill("3")
    page.get_by_label("Indikaattoriin RCO01 lasketut yritykset tai ratkaisut").fill(
        "Oy Yksi Ab; 0245894-7\nKaksi Oy\nKolme Oy"
    )
    page.get_by_role("button", name="Tallenna luonnoksena").click()
    page.get_by_role("button", name="Lähetä hyväksyttäväksi").click()
    page.get_by_role("button", name="Hyväksy").click()
    assert "Raportin tila on nyt ”Hyväksytty”." in page.content()

    page.goto(f"{live_server.url}/tilannekuva/kuopio/")
    row = page.locator("tr", has_text="50 uutta yritystä KuopioHealth").first
    assert "6\u00a0%" in row.inner_text()
    chart = page.locator("svg.chart").first
    assert chart.locator("title").count() == 1 and chart.locator("desc").count() == 1
