"""Change requests of granted projects: the granted state kept, the change asked, the steering
group's statement where the agreement needs it, the funding authority's decision, and an approved
change made to the project with history."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.monitoring.services import ProjectTargetInput, project_targets_set
from ekosopimus.organizations.selectors import organization_label
from ekosopimus.portfolio.changes import ProjectChange
from ekosopimus.portfolio.models import ChangeRequest, Project
from ekosopimus.portfolio.services import (
    change_request_decide,
    change_request_statement_record,
    change_request_submit,
    change_request_withdraw,
    project_update,
)

ERDF = ("eu_state", "ERDF")


@pytest.fixture
def partner(db):
    from ekosopimus.organizations.models import Organization
    from ekosopimus.organizations.services import organization_create

    return organization_create(
        name="Savonia-ammattikorkeakoulu Oy",
        business_id="2472908-2",
        kind=Organization.Kind.UNIVERSITY_OF_APPLIED_SCIENCES,
    )


@pytest.fixture
def with_target(granted_project, kuopio_user, indicators):
    project_targets_set(
        project=granted_project,
        targets=[ProjectTargetInput(indicators["RCO01"], final_value=20, baseline=0)],
        by=kuopio_user,
    )
    return granted_project


def _approve(request, user, number: str):
    return change_request_decide(
        change_request=request,
        approved=True,
        decided_on=date(2025, 3, 1),
        decision_number=number,
        by=user,
    )


def _submit(project, user, **change):
    return change_request_submit(
        project=project,
        change=ProjectChange(**change),
        justification="Pilotointi viivästyi kumppanin vaihtumisen vuoksi.",
        by=user,
    )


def test_a_change_request_goes_from_submission_to_approval_and_changes_the_project(
    with_target, kuopio_reporter, kuopio_user, partner
):
    project = with_target
    request = _submit(
        project,
        kuopio_reporter,
        end_date=date(2027, 6, 30),
        co_implementers=[partner],
        granted={ERDF: Decimal("650000")},
        targets={"RCO01": Decimal("25")},
    )
    assert request.status == "awaiting_decision"
    assert request.granted_state["end_date"] == "2026-12-31"
    assert request.requested_state["end_date"] == "2027-06-30"
    project.refresh_from_db()
    assert project.end_date == date(2026, 12, 31)  # nothing changes before the decision

    _approve(request, kuopio_user, "EURA-123/M1")
    request.refresh_from_db()
    project = Project.objects.get(pk=project.pk)
    assert request.status == "approved" and request.decided_by == kuopio_user
    assert project.end_date == date(2027, 6, 30)
    assert list(project.co_implementers.all()) == [partner]
    line = project.budget_lines.get(source="eu_state")
    assert (line.planned, line.granted) == (Decimal("600000"), Decimal("650000"))
    assert project.indicator_targets.get().final_value == 25
    assert project.indicator_targets.get().source == "funding_decision"
    reason = project.history.first().history_change_reason
    assert "EURA-123/M1" in reason
    assert line.history.first().history_user == kuopio_user


def test_the_rules_and_the_situation_picture_use_the_approved_state(granted_project, kuopio_user):
    from ekosopimus.monitoring.situation import situation_picture

    request = _submit(granted_project, kuopio_user, granted={ERDF: Decimal("900000")})
    kuopio = granted_project.agreement
    assert situation_picture(agreement=kuopio).total.granted == Decimal("1000000")
    _approve(request, kuopio_user, "M2")
    assert situation_picture(agreement=kuopio).total.granted == Decimal("1300000")


def test_it_refuses_a_change_request_for_a_project_that_is_not_granted(kuopio_project, kuopio_user):
    with pytest.raises(ValidationError) as refused:
        _submit(kuopio_project, kuopio_user, end_date=date(2027, 6, 30))
    assert "Valmistelussa" in refused.value.messages[0]
    assert not ChangeRequest.objects.exists()


def test_the_page_says_why_a_project_that_is_not_granted_cannot_ask(
    client, kuopio_project, kuopio_user
):
    client.force_login(kuopio_user)
    url = f"/hankkeet/hanke/{kuopio_project.pk}/muutoshakemus/"
    assert "Valmistelussa" in client.get(url).content.decode()
    refused = client.post(url, {"justification": "Tarvitaan.", "end_date": "2027-06-30"})
    assert refused.status_code == 400
    assert not ChangeRequest.objects.exists()


@pytest.mark.parametrize(
    ("justification", "change", "message"),
    [
        ("", {"end_date": date(2027, 6, 30)}, "Kerro"),
        ("Syy.", {"end_date": date(2026, 12, 31)}, "ei muuta"),
        ("Syy.", {"end_date": date(2023, 6, 30)}, "ennen"),
        ("Syy.", {"targets": {"RCO01": Decimal("5")}}, "RCO01"),
    ],
)
def test_a_request_that_cannot_stand_is_refused_with_its_reason(
    granted_project, kuopio_user, justification, change, message
):
    with pytest.raises(ValidationError) as refused:
        change_request_submit(
            project=granted_project,
            change=ProjectChange(**change),
            justification=justification,
            by=kuopio_user,
        )
    assert message in " ".join(refused.value.messages)
    assert not ChangeRequest.objects.exists()


def test_a_second_request_waits_until_the_first_is_decided_or_withdrawn(
    granted_project, kuopio_user
):
    first = _submit(granted_project, kuopio_user, end_date=date(2027, 6, 30))
    with pytest.raises(ValidationError):
        _submit(granted_project, kuopio_user, end_date=date(2027, 3, 31))
    change_request_withdraw(change_request=first, by=kuopio_user)
    second = _submit(granted_project, kuopio_user, end_date=date(2027, 3, 31))
    assert second.status == "awaiting_decision"


def test_where_the_agreement_needs_it_the_decision_waits_for_the_steering_groups_statement(
    granted_project, kuopio_user, kuopio_steering
):
    kuopio = granted_project.agreement
    kuopio.change_requests_need_statement = True
    kuopio.save()
    request = _submit(granted_project, kuopio_user, end_date=date(2027, 6, 30))
    assert request.status == "awaiting_statement"
    with pytest.raises(ValidationError, match="lausun"):
        _approve(request, kuopio_user, "M3")
    with pytest.raises(ValidationError):  # opposing needs its reason
        change_request_statement_record(
            change_request=request, supports=False, given_on=date(2025, 2, 1), by=kuopio_steering
        )
    change_request_statement_record(
        change_request=request,
        supports=True,
        given_on=date(2025, 2, 1),
        meeting=granted_project.decisions.exclude(meeting=None).first().meeting,
        by=kuopio_steering,
    )
    request.refresh_from_db()
    assert (request.status, request.statement) == ("awaiting_decision", "supports")
    _approve(request, kuopio_user, "M3")
    granted_project.refresh_from_db()
    assert granted_project.end_date == date(2027, 6, 30)


def test_an_approval_is_refused_when_the_project_changed_since_the_request(
    granted_project, kuopio_user
):
    request = _submit(granted_project, kuopio_user, end_date=date(2027, 6, 30))
    project_update(project=granted_project, end_date=date(2027, 1, 31), by=kuopio_user)
    with pytest.raises(ValidationError, match="Päättymispäivä"):
        _approve(request, kuopio_user, "M4")
    request.refresh_from_db()
    granted_project.refresh_from_db()
    assert request.status == "awaiting_decision"
    assert granted_project.end_date == date(2027, 1, 31)


def test_a_rejection_needs_its_rationale_and_leaves_the_project_as_granted(
    granted_project, kuopio_user
):
    request = _submit(granted_project, kuopio_user, granted={ERDF: Decimal("900000")})
    with pytest.raises(ValidationError):
        change_request_decide(
            change_request=request, approved=False, decided_on=date(2025, 3, 1), by=kuopio_user
        )
    change_request_decide(
        change_request=request,
        approved=False,
        decided_on=date(2025, 3, 1),
        rationale="Ohjelman varat eivät riitä.",
        by=kuopio_user,
    )
    request.refresh_from_db()
    assert request.status == "rejected"
    assert granted_project.budget_lines.get(source="eu_state").granted == 600000


def test_the_pages_show_the_difference_and_take_each_step(
    client, granted_project, kuopio_reporter, kuopio_steering, kuopio_user, partner
):
    client.force_login(kuopio_reporter)
    url = f"/hankkeet/hanke/{granted_project.pk}/muutoshakemus/"
    form = client.get(url).content.decode()
    # Amounts as Finnish writes them: a no-break space between thousands, a decimal comma.
    assert 'value="2026-12-31"' in form and 'value="600\xa0000,00"' in form
    response = client.post(
        url,
        {
            "start_date": "2024-01-01",
            "end_date": "2027-06-30",
            "lead_implementer": organization_label(granted_project.lead_implementer),
            "co_implementers": organization_label(partner),
            "granted_eu_state_ERDF": "600000.00",
            "granted_municipal_": "400000.00",
            "justification": "Kumppani vaihtui.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    detail = client.get(response["Location"]).content.decode()
    assert "31.12.2026" in detail and "30.6.2027" in detail and "Savonia" in detail
    # money unchanged is not listed
    assert "600" not in detail.split('<caption class="hds-table__caption">')[1]
    client.force_login(kuopio_user)
    decided = client.post(
        response["Location"] + "paatos/",
        {
            "decision-approved": "1",
            "decision-decided_on": "2025-03-01",
            "decision-decision_number": "M5",
        },
    )
    assert decided.status_code == 302
    granted_project.refresh_from_db()
    assert granted_project.end_date == date(2027, 6, 30)
    listed = client.get("/hankkeet/kuopio/muutoshakemukset/").content.decode()
    assert granted_project.name in listed and "Hyväksytty" in listed
