from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ekosopimus.portfolio.services import project_create


def _client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_similar_projects_come_with_their_scores_and_reasons(kuopio, kuopio_user, kuopio_project):
    response = _client(kuopio_user).get(
        "/api/v1/samankaltaiset/",
        {"teksti": "Terveysdatan laadun parantaminen", "sopimus": "kuopio", "raja": 3},
    )
    assert response.status_code == 200
    [match] = response.json()
    assert match["id"] == kuopio_project.pk and match["group"] == "same"
    assert match["likely_overlap"] is True and "laatu" in match["shared_terms"]


def test_the_api_shows_only_what_the_user_may_read(hev, hev_user, kuopio_project):
    response = _client(hev_user).get("/api/v1/samankaltaiset/", {"teksti": kuopio_project.name})
    assert response.status_code == 200 and response.json() == []


def test_a_missing_text_or_an_unknown_agreement_is_a_bad_request(kuopio_user):
    client = _client(kuopio_user)
    assert client.get("/api/v1/samankaltaiset/").status_code == 400
    response = client.get("/api/v1/samankaltaiset/", {"teksti": "vesi", "sopimus": "ei-ole"})
    assert response.status_code == 400
    assert "ei-ole" in str(response.json()["sopimus"])
    assert client.get("/api/v1/samankaltaiset/", {"teksti": "vesi", "raja": 0}).status_code == 400


def test_anonymous_callers_are_asked_to_authenticate(db):
    assert APIClient().get("/api/v1/samankaltaiset/", {"teksti": "vesi"}).status_code == 401


def test_a_new_project_is_found_at_once(kuopio, kuopio_user):
    client = _client(kuopio_user)
    assert client.get("/api/v1/samankaltaiset/", {"teksti": "kaupunkivesien hallinta"}).json() == []
    project_create(agreement=kuopio, name="Kaupunkivesien älykäs hallinta", by=kuopio_user)
    [match] = client.get("/api/v1/samankaltaiset/", {"teksti": "kaupunkivesien hallinta"}).json()
    assert match["name"] == "Kaupunkivesien älykäs hallinta"
