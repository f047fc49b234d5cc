"""A coordinator revises Kuopio in a real headless Chromium: upload, preview, override a
match, publish, compare the versions."""

import re

import pytest
import yaml

from ekosopimus.agreements.tests.screen import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_at,
    overflow,
    unreached_sections,
)
from ekosopimus.conftest import sign_in

from .conftest import kuopio_data

pytestmark = pytest.mark.browser


@pytest.fixture
def served(transactional_db, live_server, django_user_model):
    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.agreements.services import agreements_load_bundled
    from ekosopimus.portfolio.services import project_create

    agreements_load_bundled()
    kuopio = Agreement.objects.get(slug="kuopio")
    user = django_user_model.objects.create_user(username="kaisa", password="salasana-123")
    membership_grant(user=user, role="coordinator", agreement=kuopio, by=None)
    version = kuopio.versions.get()
    last = version.action_plan.items.order_by("position").last()
    project = project_create(
        agreement=kuopio,
        name="Innovatiivisten hankintojen hanke",
        focus_areas=[],
        action_plan_item=last,
        by=user,
    )
    return live_server.url, user, project, last


def test_a_coordinator_revises_the_agreement_in_a_browser(browser_page, served, client, tmp_path):
    url, user, project, last = served
    data = kuopio_data()
    removed = data["action_plan"]["items"].pop()  # the measure the project carries out
    data["action_plan"]["items"].append(
        {**removed, "measure": "Vesialan yritysten kansainvälistyminen", "amount_meur": "0,5"}
    )
    revised = tmp_path / "kuopio-2025.yaml"
    revised.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    sign_in(browser_page, client, user, url)
    page = browser_page

    page.goto(f"{url}/sopimukset/kuopio/tarkistukset/")
    page.get_by_label("Tarkistettu sopimus").set_input_files(str(revised))
    page.get_by_role("button", name="Lue asiakirja").click()
    # A worker reads the document (at once in the tests); its job page leads on to the
    # carry-over.
    page.wait_for_url(re.compile(r"/tarkistukset/\d+/$"))
    assert "linkkien siirto" in page.locator("h1").inner_text()
    row = page.locator(f"tr#item-plan_item-{last.pk}")
    assert "odottaa valintaa" in row.inner_text()

    page.get_by_role("link", name="Vaikutukset ennen julkaisua").click()
    assert page.locator("h1").inner_text() == "Tarkistuksen vaikutukset ennen julkaisua"
    assert project.name in page.locator("#moves-heading + div").inner_text()
    page.get_by_role("link", name="Takaisin linkkien siirtoon").click()

    # The coordinator carries the project to the plan's first measure instead.
    row = page.locator(f"tr#item-plan_item-{last.pk}")
    row.locator("select").select_option("#1")
    row.get_by_role("button", name=re.compile("Vahvista|Siirrä")).click()
    row = page.locator(f"tr#item-plan_item-{last.pk}")
    assert "koordinaattori valitsi" in row.inner_text()

    page.get_by_label("Version nimi").fill("Tarkistettu sopimus 2025–2027")
    page.get_by_label("Voimaantulopäivä").fill("2025-01-01")
    page.get_by_role("button", name="Julkaise", exact=True).click()
    assert "Tarkistettu sopimus 2025–2027" in page.locator("p.lead").first.inner_text()

    page.get_by_role("link", name="Vertaa versioita").click()
    changes = " ".join(page.locator("table.changes").all_inner_texts())
    assert "Vesialan yritysten kansainvälistyminen" in changes
    assert removed["measure"][:40] in changes

    project.refresh_from_db()
    assert project.action_plan_item.plan.version.number == 2
    assert project.action_plan_item.position == 1


@pytest.fixture
def revised(transactional_db, live_server, kuopio, kuopio_user, linked_portfolio):
    """A revision of Kuopio under review: a measure reworded, one added and a target raised;
    every link carries over by itself."""
    from ekosopimus.revisions.services import revision_draft_create

    data = kuopio_data()
    items = data["action_plan"]["items"]
    items[3] = {**items[3], "measure": items[3]["measure"] + " ja sen kansainvälistäminen"}
    items.append({**items[-1], "measure": "Vesialan yritysten kansainvälistyminen"})
    data["focus_areas"][0]["targets"][1]["value"] = 60
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    draft = revision_draft_create(
        agreement=kuopio, content=content, filename="kuopio-2025.yaml", by=kuopio_user
    )
    return live_server.url, kuopio_user, draft


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_revision_preview_fits_the_screen_is_navigable_and_accessible(
    browser_page, revised, client, width
):
    url, user, draft = revised
    sign_in(browser_page, client, user, url)
    for path in (f"/tarkistukset/{draft.pk}/vaikutukset/", f"/tarkistukset/{draft.pk}/"):
        open_at(browser_page, f"{url}/sopimukset/kuopio{path}", width)
        assert overflow(browser_page) == 0, path
        assert axe_violations(browser_page) == [], path
    open_at(browser_page, f"{url}/sopimukset/kuopio/tarkistukset/{draft.pk}/vaikutukset/", width)
    nav = browser_page.locator("nav.page-nav").first
    assert "Mitkä tiedot siirtyvät minne" in nav.inner_text()
    assert unreached_sections(browser_page) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_comparison_of_versions_fits_the_screen_is_navigable_and_accessible(
    browser_page, revised, client, width
):
    from ekosopimus.revisions.services import revision_publish

    from .conftest import record

    url, user, draft = revised
    revision_publish(draft=draft, record=record(), expected_version=1, by=user)
    sign_in(browser_page, client, user, url)
    open_at(browser_page, f"{url}/sopimukset/kuopio/vertaa/", width)
    assert overflow(browser_page) == 0
    assert "Vesialan yritysten kansainvälistyminen" in " ".join(
        browser_page.locator("table.changes").all_inner_texts()
    )
    assert axe_violations(browser_page) == []
    assert unreached_sections(browser_page) == []
    open_at(browser_page, f"{url}/sopimukset/kuopio/versiot/2/tarkistus/", width)
    assert overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
