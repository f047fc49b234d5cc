"""Progress reports: draft → submitted → approved, or returned with a comment."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ekosopimus.monitoring.models import IndicatorValue, ProgressReport
from ekosopimus.monitoring.services import (
    EntityInput,
    report_approve,
    report_create,
    report_return,
    report_submit,
    report_update,
)

H1 = (date(2024, 1, 1), date(2024, 6, 30))


def _report(project, user, indicators, *, period=H1, value="3", entities=()):
    return report_create(
        project=project,
        period_start=period[0],
        period_end=period[1],
        values={indicators["RCO01"]: value},
        entities=entities,
        spent="120000,50",
        narrative="Kolme yritystä sai tukea.",
        by=user,
    )


def test_a_report_goes_from_draft_through_submitted_to_approved_and_is_then_locked(
    granted_project, kuopio_user, indicators
):
    report = _report(granted_project, kuopio_user, indicators)
    assert report.status == "draft" and report.spent == Decimal("120000.50")
    report = report_submit(report=report, by=kuopio_user)
    assert report.status == "submitted" and report.submitted_at
    report = report_approve(report=report, by=kuopio_user)
    assert report.status == "approved" and report.approved_by == kuopio_user
    with pytest.raises(ValidationError, match="hyväksytty ja lukittu"):
        report_update(report=report, narrative="Muutettu", by=kuopio_user)
    report.refresh_from_db()
    assert report.narrative == "Kolme yritystä sai tukea."
    assert [h.history_change_reason for h in report.history.order_by("history_date")] == [
        "Raportti aloitettu",
        "Lähetetty",
        "Hyväksytty",
    ]


def test_a_returned_report_carries_the_comment_and_can_be_fixed_and_resubmitted(
    granted_project, kuopio_user, indicators
):
    report = report_submit(report=_report(granted_project, kuopio_user, indicators), by=kuopio_user)
    with pytest.raises(ValidationError, match="korjata"):
        report_return(report=report, comment="  ", by=kuopio_user)
    report = report_return(report=report, comment="Yritysten nimet puuttuvat.", by=kuopio_user)
    assert report.status == "returned"
    assert report.return_comment == "Yritysten nimet puuttuvat."
    report_update(
        report=report,
        entities=[EntityInput(indicators["RCO01"], "Oy Esimerkki Ab", "0245894-7")],
        by=kuopio_user,
    )
    assert report_submit(report=report, by=kuopio_user).status == "submitted"


def test_it_refuses_to_approve_a_draft_and_says_why(granted_project, kuopio_user, indicators):
    report = _report(granted_project, kuopio_user, indicators)
    with pytest.raises(ValidationError, match="Luonnos.*ei voi muuttua.*Hyväksytty"):
        report_approve(report=report, by=kuopio_user)
    assert ProgressReport.objects.get(pk=report.pk).status == "draft"


def test_it_refuses_a_report_of_a_project_without_granted_funding(
    kuopio_project, kuopio_user, indicators
):
    with pytest.raises(ValidationError, match="rahoitus on myönnetty"):
        _report(kuopio_project, kuopio_user, indicators)
    assert not ProgressReport.objects.exists()


def test_it_refuses_overlapping_periods(granted_project, kuopio_user, indicators):
    _report(granted_project, kuopio_user, indicators)
    with pytest.raises(ValidationError) as error:
        _report(
            granted_project, kuopio_user, indicators, period=(date(2024, 6, 1), date(2024, 12, 31))
        )
    assert "1.1.2024–30.6.2024" in str(error.value)


def test_bad_values_are_refused_whole_and_nothing_is_stored(
    granted_project, kuopio_user, indicators
):
    with pytest.raises(ValidationError) as error:
        report_create(
            project=granted_project,
            period_start=H1[0],
            period_end=H1[1],
            values={indicators["RCO01"]: "-2", indicators["RCR01"]: "4"},
            entities=[EntityInput(indicators["RCO01"], "Yritys", "1234567-8")],
            by=kuopio_user,
        )
    text = " ".join(error.value.messages)
    assert "RCO01" in text and "RCR01" in text
    assert not ProgressReport.objects.exists() and not IndicatorValue.objects.exists()


def test_a_wrong_business_id_of_a_reported_company_is_refused_with_the_right_digit(
    granted_project, kuopio_user, indicators
):
    with pytest.raises(ValidationError, match="tarkistusnumero on väärä.*7"):
        _report(
            granted_project,
            kuopio_user,
            indicators,
            entities=[EntityInput(indicators["RCO01"], "Yritys", "0245894-1")],
        )


def test_submitting_needs_a_narrative_and_a_value(granted_project, kuopio_user, indicators):
    report = report_create(
        project=granted_project, period_start=H1[0], period_end=H1[1], by=kuopio_user
    )
    with pytest.raises(ValidationError):
        report_submit(report=report, by=kuopio_user)
    assert ProgressReport.objects.get(pk=report.pk).status == "draft"


def test_posting_to_an_approved_report_says_it_is_locked_and_changes_nothing(
    client, granted_project, kuopio_user, indicators
):
    report = report_submit(report=_report(granted_project, kuopio_user, indicators), by=kuopio_user)
    report_approve(report=report, by=kuopio_user)
    client.force_login(kuopio_user)
    response = client.post(
        f"/tilannekuva/raportti/{report.pk}/", {"narrative": "Muutettu"}, follow=True
    )
    assert "Tätä raporttia ei voi muuttaa." in response.content.decode()
    report.refresh_from_db()
    assert report.narrative == "Kolme yritystä sai tukea."
