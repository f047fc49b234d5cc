import csv
import io

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ekosopimus.portfolio.models import Project


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_coordinator_creates_a_project_through_the_same_service_as_the_pages(kuopio_user):
    area = kuopio_user.memberships.get().agreement.versions.get().focus_areas.first()
    response = _client(kuopio_user).post(
        "/api/v1/hankkeet/",
        {"agreement": "kuopio", "name": "Rajapinnan kautta", "focus_areas": [area.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    project = Project.objects.get(pk=response.json()["id"])
    assert project.status == "idea"
    assert project.history.first().history_user == kuopio_user


def test_a_bad_write_gets_the_services_message_and_stores_nothing(kuopio_user, hev):
    area = hev.versions.get().focus_areas.first()
    response = _client(kuopio_user).post(
        "/api/v1/hankkeet/",
        {"agreement": "kuopio", "name": "Väärä painopiste", "focus_areas": [area.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "painopiste" in str(response.json()).lower()
    assert not Project.objects.filter(name="Väärä painopiste").exists()


def test_the_project_list_shows_the_public_only_what_is_public(
    kuopio_project, granted_project, kuopio_user
):
    from ekosopimus.portfolio.services import project_create

    project_create(agreement=kuopio_project.agreement, name="Aihio", by=kuopio_user)
    public = _client().get("/api/v1/hankkeet/?sopimus=kuopio").json()
    assert [p["name"] for p in public["results"]] == [granted_project.name]
    inside = _client(kuopio_user).get("/api/v1/hankkeet/?sopimus=kuopio&tila=idea").json()
    assert [p["name"] for p in inside["results"]] == ["Aihio"]
    unlinked = _client(kuopio_user).get("/api/v1/hankkeet/?linkittamattomat=1").json()
    assert [p["name"] for p in unlinked["results"]] == ["Aihio"]
    area = granted_project.focus_areas.get()
    in_area = _client().get(f"/api/v1/hankkeet/?painopiste={area.pk}").json()
    assert [p["name"] for p in in_area["results"]] == [granted_project.name]


def test_a_reporter_reports_and_the_coordinator_approves_through_the_api(
    granted_project, kuopio_reporter, kuopio_user
):
    reporter = _client(kuopio_reporter)
    created = reporter.post(
        "/api/v1/raportit/",
        {
            "project": granted_project.pk,
            "period_start": "2024-01-01",
            "period_end": "2024-06-30",
            "spent": "1000.00",
            "narrative": "Kolme yritystä aloitti.",
            "values": [{"indicator": "RCO01", "parts": {"micro": "2", "small": "1"}}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    report = created.json()["id"]
    submitted = reporter.post(f"/api/v1/raportit/{report}/laheta/", HTTP_IF_MATCH=created["ETag"])
    assert submitted.json()["status"] == "submitted"
    version = {"HTTP_IF_MATCH": submitted["ETag"]}
    assert reporter.post(f"/api/v1/raportit/{report}/hyvaksy/", **version).status_code == 403
    approved = _client(kuopio_user).post(f"/api/v1/raportit/{report}/hyvaksy/", **version).json()
    assert approved["status"] == "approved"
    assert approved["values"] == [
        {"indicator": "RCO01", "value": "3.00", "parts": {"micro": "2.00", "small": "1.00"}}
    ]


def test_the_situation_figures_match_the_page(granted_project, kuopio_user, national_viewer):
    figures = _client(national_viewer).get("/api/v1/tilannekuva/kuopio/").json()
    assert figures["money"]["granted"] == "1000000.00"
    assert figures["pipeline"]["granted"] == 1
    assert {rule["key"] for rule in figures["rules"]} >= {"split"}
    assert _client().get("/api/v1/tilannekuva/kuopio/").status_code == 404


def test_open_data_carries_the_licence_and_only_public_projects(granted_project, kuopio_user):
    from ekosopimus.portfolio.services import project_create

    project_create(agreement=granted_project.agreement, name="=HYPERLINK(1)", by=kuopio_user)
    document = _client().get("/api/v1/avoin-data/hankkeet.json")
    assert document["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    body = document.json()
    assert body["license"]["name"] == "CC BY 4.0"
    assert [p["name"] for p in body["projects"]] == [granted_project.name]
    assert body["projects"][0]["granted_eur"] == "1000000.00"
    table = list(
        csv.reader(io.StringIO(_client().get("/api/v1/avoin-data/hankkeet.csv").content.decode()))
    )
    assert table[0][:2] == ["code", "name"]
    assert table[1][1] == granted_project.name
    assert "CC BY 4.0" in table[-1][0]


def test_the_schema_and_its_docs_are_served(db):
    schema = _client().get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Ekosopimus API"
    docs = _client().get("/api/docs/")
    assert docs.status_code == 200
    # The docs page loads its script from a URL: the Content-Security-Policy allows no inline.
    assert "<script>" not in docs.content.decode()


def test_an_unknown_token_is_refused(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000")
    assert client.get("/api/v1/hankkeet/").status_code == 401


def test_a_coordinator_records_the_funding_decision_through_the_api(kuopio_project, kuopio_user):
    from datetime import date

    from ekosopimus.portfolio.services import (
        meeting_create,
        project_propose,
    )

    meeting = meeting_create(
        agreement=kuopio_project.agreement,
        held_on=date(2024, 2, 1),
        title="JR 1/2024",
        by=kuopio_user,
    )
    project = project_propose(project=kuopio_project, meeting=meeting, by=kuopio_user)
    api = _client(kuopio_user)
    decided = api.post(
        f"/api/v1/hankkeet/{project.pk}/paatokset/",
        {"meeting": meeting.pk, "outcome": "selected"},
        format="json",
        HTTP_IF_MATCH=api.get(f"/api/v1/hankkeet/{project.pk}/")["ETag"],
    )
    assert decided.status_code == 201, decided.json()
    granted = api.post(
        f"/api/v1/hankkeet/{project.pk}/rahoituspaatos/",
        {
            "outcome": "granted",
            "decided_on": "2024-03-01",
            "amount": "250000.00",
            "decision_number": "EURA-77",
            "instrument": "ERDF",
        },
        format="json",
        HTTP_IF_MATCH=decided["ETag"],
    )
    assert granted.status_code == 201, granted.json()
    project.refresh_from_db()
    assert project.status == "granted"
    again = api.post(
        f"/api/v1/hankkeet/{project.pk}/rahoituspaatos/",
        {"outcome": "refused", "decided_on": "2024-03-02"},
        format="json",
        HTTP_IF_MATCH=granted["ETag"],
    )
    assert again.status_code == 400


def test_a_hidden_project_is_refused_as_if_it_did_not_exist(kuopio_project, hev_user):
    api = _client(hev_user)
    report = {"period_start": "2024-01-01", "period_end": "2024-06-30"}
    hidden = api.post("/api/v1/raportit/", {**report, "project": kuopio_project.pk}, format="json")
    missing = api.post("/api/v1/raportit/", {**report, "project": 999999}, format="json")
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["project"][0].replace(str(kuopio_project.pk), "N") == missing.json()[
        "project"
    ][0].replace("999999", "N")


def test_a_decision_at_another_agreements_meeting_is_refused(
    kuopio_project, hev, hev_user, kuopio_user
):
    from datetime import date

    from ekosopimus.portfolio.services import meeting_create, project_propose

    kuopio_meeting = meeting_create(
        agreement=kuopio_project.agreement, held_on=date(2024, 2, 1), title="JR", by=kuopio_user
    )
    project_propose(project=kuopio_project, meeting=kuopio_meeting, by=kuopio_user)
    hev_meeting = meeting_create(agreement=hev, held_on=date(2024, 2, 2), title="OR", by=hev_user)
    response = _client(kuopio_user).post(
        f"/api/v1/hankkeet/{kuopio_project.pk}/paatokset/",
        {"meeting": hev_meeting.pk, "outcome": "selected"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 400
    assert "meeting" in response.json()
    kuopio_project.refresh_from_db()
    assert kuopio_project.status == "proposed"


def test_the_agreement_list_gives_what_each_agreement_shows_in_a_few_queries(
    agreements, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        listed = _client().get("/api/v1/sopimukset/?page_size=100").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert len(rows) == len(agreements) == 16
    kuopio = next(row for row in rows if row["slug"] == "kuopio")
    assert kuopio == _client().get("/api/v1/sopimukset/kuopio/").json()
    assert kuopio["focus_areas"][0]["action_groups"] and kuopio["focus_areas"][0]["targets"]


def test_a_project_in_two_focus_areas_with_two_partners_is_listed_once(
    kuopio, kuopio_user, kuopio_reporter, uef
):
    from ekosopimus.organizations.models import Organization
    from ekosopimus.portfolio.services import project_create

    areas = list(kuopio.versions.get(number=1).focus_areas.all()[:2])
    partner = Organization.objects.create(name="Savonia-ammattikorkeakoulu")
    project = project_create(
        agreement=kuopio,
        name="Kahden alueen hanke",
        focus_areas=areas,
        co_implementers=[uef, partner],
        by=kuopio_user,
    )
    for user in (kuopio_user, kuopio_reporter):
        listed = _client(user).get("/api/v1/hankkeet/?sopimus=kuopio").json()
        assert listed["count"] == 1 and [p["id"] for p in listed["results"]] == [project.pk]
    in_area = _client(kuopio_user).get(f"/api/v1/hankkeet/?painopiste={areas[1].pk}").json()
    assert in_area["count"] == 1
