import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ekosopimus.portfolio.models import Project

NEAR_COPY = {
    "name": "Terveysdatan laadun parantamisen hanke",
    "summary": "Parannetaan terveysdatan ja hyvinvointidatan laatua ja hyödynnettävyyttä.",
}


@pytest.fixture
def coordinator(client, kuopio_user):
    client.force_login(kuopio_user)
    return client


def test_a_new_idea_like_an_existing_project_is_shown_its_matches_before_saving(
    portfolio, coordinator
):
    url = reverse("portfolio:project_create", args=["kuopio"])
    before = Project.objects.count()
    response = coordinator.post(url, NEAR_COPY)
    page = response.content.decode()
    assert response.status_code == 200 and Project.objects.count() == before
    assert "Samankaltaisia hankkeita on jo olemassa" in page
    assert "Terveysdatan laatu -hanke" in page and "Todennäköinen päällekkäisyys" in page
    assert 'name="vahvista"' in page
    saved = coordinator.post(url, {**NEAR_COPY, "vahvista": "1"})
    assert saved.status_code == 302 and Project.objects.count() == before + 1


def test_an_idea_like_no_other_is_saved_at_once(portfolio, coordinator):
    response = coordinator.post(
        reverse("portfolio:project_create", args=["kuopio"]),
        {"name": "Poronhoidon luonnontuotteet", "summary": "Poronhoito ja marjat Ylä-Lapissa."},
    )
    assert response.status_code == 302
    assert Project.objects.filter(name="Poronhoidon luonnontuotteet").exists()


def test_checking_for_similar_projects_saves_nothing(portfolio, coordinator):
    before = Project.objects.count()
    response = coordinator.post(
        reverse("portfolio:project_create", args=["kuopio"]),
        {"name": "Vesihuollon ratkaisut", "summary": "", "tarkista": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and Project.objects.count() == before
    assert "Vesihuollon digitalisaatio Savilahdessa" in page


def test_editing_a_summary_into_a_near_copy_shows_the_matches_first(portfolio, coordinator):
    water = portfolio["water"]
    url = reverse("portfolio:project_edit", args=[water.pk])
    response = coordinator.post(url, {**NEAR_COPY, "lead_implementer": water.lead_implementer_id})
    assert response.status_code == 200
    water.refresh_from_db()
    assert water.name == "Vesihuollon digitalisaatio Savilahdessa"


def test_an_edit_that_keeps_the_text_is_saved_at_once(portfolio, coordinator):
    idea = portfolio["health_idea"]  # much like the health project, which it always was
    response = coordinator.post(
        reverse("portfolio:project_edit", args=[idea.pk]),
        {"name": idea.name, "summary": idea.summary, "code": "S29999", "version": idea.version},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.code == "S29999"


def test_the_search_page_finds_projects_for_a_typed_idea(portfolio, coordinator):
    response = coordinator.get(
        reverse("analysis:similar"),
        {"teksti": "Vesihuollon älykkäät ratkaisut", "sopimus": "kuopio"},
    )
    assert response.status_code == 200
    assert "Vesihuollon digitalisaatio Savilahdessa" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [({"teksti": " "}, "Tämä kenttä vaaditaan"), ({"teksti": "x" * 5001}, "enintään 5000")],
)
def test_the_search_page_refuses_an_empty_or_overlong_text(portfolio, coordinator, query, message):
    response = coordinator.get(reverse("analysis:similar"), query)
    assert response.status_code == 200 and response.context["matches"] is None
    assert message in response.content.decode()


def test_a_projects_page_of_similar_projects(portfolio, coordinator):
    response = coordinator.get(reverse("analysis:project_similar", args=[portfolio["health"].pk]))
    page = response.content.decode()
    assert "Terveysdatan laadun parantaminen" in page and "Yhteiset organisaatiot" in page


def test_the_command_prints_the_closest_projects_with_scores(portfolio, capsys):
    call_command("similar", "Vesihuollon älykkäät ratkaisut", "--agreement", "kuopio")
    out = capsys.readouterr().out
    assert "Samassa sopimuksessa" in out and "Vesihuollon digitalisaatio Savilahdessa" in out
    assert "Yhteiset käsitteet: vesihuolto" in out


def test_the_command_prints_json(portfolio, capsys):
    call_command("similar", "Terveysdatan laatu", "--limit", "1", "--json")
    found = json.loads(capsys.readouterr().out)
    assert [match["group"] for match in found] == ["other", "earlier"]  # no --agreement
    assert found[0]["score"] > 0.4 and found[0]["likely_overlap"] is True
    assert set(found[0]) >= {"code", "name", "agreement", "shared_terms", "url"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Vesi", "--agreement", "oulu-x"], "Sopimusta lyhytnimellä ”oulu-x” ei ole"),
        (["Vesi", "--limit", "0"], "--limit on oltava"),
        (["  "], "Anna verrattava teksti"),
    ],
)
def test_the_command_refuses_bad_input_with_a_message(portfolio, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("similar", *args)
