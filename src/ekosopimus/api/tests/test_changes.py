"""Change requests through the API: the same services and role rules as the pages."""

from datetime import date
from decimal import Decimal

from ekosopimus.portfolio.models import ChangeRequest

from .test_api import _client


def test_a_reporter_asks_and_the_coordinator_approves_through_the_api(
    granted_project, kuopio_reporter, kuopio_user
):
    reporter = _client(kuopio_reporter)
    created = reporter.post(
        "/api/v1/muutoshakemukset/",
        {
            "project": granted_project.pk,
            "justification": "Pilotointi viivästyi.",
            "change": {
                "end_date": "2027-06-30",
                "granted": [{"source": "eu_state", "instrument": "ERDF", "granted": "650000.00"}],
            },
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "awaiting_decision"
    assert {d["key"] for d in body["differences"]} == {"end_date", "granted:eu_state:ERDF"}
    url = f"/api/v1/muutoshakemukset/{body['id']}/"
    assert reporter.post(url + "paatos/", {"approved": True}, format="json").status_code == 403
    approved = _client(kuopio_user).post(
        url + "paatos/",
        {"approved": True, "decided_on": "2025-03-01", "decision_number": "M1"},
        format="json",
    )
    assert approved.json()["status"] == "approved"
    granted_project.refresh_from_db()
    assert granted_project.end_date == date(2027, 6, 30)
    line = granted_project.budget_lines.get(source="eu_state")
    assert line.granted == Decimal("650000")


def test_a_request_for_a_project_that_is_not_granted_gets_the_services_message(
    kuopio_project, kuopio_user
):
    response = _client(kuopio_user).post(
        "/api/v1/muutoshakemukset/",
        {
            "project": kuopio_project.pk,
            "justification": "Syy.",
            "change": {"end_date": "2027-06-30"},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Valmistelussa" in str(response.json())
    assert not ChangeRequest.objects.exists()


def test_another_agreements_coordinator_sees_no_change_requests(
    granted_project, kuopio_user, hev_user
):
    _client(kuopio_user).post(
        "/api/v1/muutoshakemukset/",
        {
            "project": granted_project.pk,
            "justification": "Syy.",
            "change": {"end_date": "2027-06-30"},
        },
        format="json",
    )
    assert _client(kuopio_user).get("/api/v1/muutoshakemukset/").json()["count"] == 1
    assert _client(hev_user).get("/api/v1/muutoshakemukset/").json()["count"] == 0
