"""The reporting calendar: periods from a project's run time and its agreement's rules, each
matched with the report that covers it."""

from datetime import date

from django.urls import reverse

from ekosopimus.lib.periods import calendar_periods
from ekosopimus.monitoring.models import ReportingRules
from ekosopimus.monitoring.schedule import (
    ObligationStatus,
    project_schedule,
    reminder_stage,
    reporting_periods,
)
from ekosopimus.monitoring.services import (
    report_create,
    report_return,
    report_submit,
    reporting_rules_set,
)
from ekosopimus.portfolio.models import Project
from ekosopimus.portfolio.services import project_update


def test_half_years_follow_the_calendar_from_the_start_to_the_end():
    assert calendar_periods(date(2024, 3, 15), date(2025, 8, 31), 6) == [
        (date(2024, 3, 15), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 8, 31)),
    ]
    assert calendar_periods(date(2024, 1, 1), date(2024, 12, 31), 4)[1] == (
        date(2024, 5, 1),
        date(2024, 8, 31),
    )
    assert calendar_periods(date(2025, 1, 1), date(2024, 1, 1), 6) == []


def test_the_final_report_is_due_later_than_the_others():
    periods = reporting_periods(
        start=date(2024, 1, 1), end=date(2024, 12, 31), rules=ReportingRules()
    )
    assert [(p.due_on, p.is_final) for p in periods] == [
        (date(2024, 7, 30), False),
        (date(2025, 3, 1), True),
    ]


def test_a_granted_project_owes_a_report_per_half_year_each_in_its_state(
    granted_project, kuopio_user, indicators
):
    today = date(2025, 2, 10)
    report = report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={indicators["RCO01"]: 2},
        narrative="Tehtiin.",
        by=kuopio_user,
    )
    report_return(
        report=report_submit(report=report, by=kuopio_user), comment="Lisää", by=kuopio_user
    )
    schedule = project_schedule(granted_project, today=today)
    assert [o.status for o in schedule.obligations] == [
        ObligationStatus.RETURNED,
        ObligationStatus.OVERDUE,  # 1.7.–31.12.2024, due 30.1.2025
        ObligationStatus.UPCOMING,
        ObligationStatus.UPCOMING,
        ObligationStatus.UPCOMING,
        ObligationStatus.UPCOMING,
    ]
    first, second = schedule.obligations[:2]
    assert first.report == report and first.url == reverse("monitoring:report", args=[report.pk])
    assert second.url.endswith(
        f"/hanke/{granted_project.pk}/raportti/?alku=2024-07-01&loppu=2024-12-31"
    )
    assert schedule.obligations[-1].period.is_final


def test_a_report_for_a_whole_year_covers_both_of_its_half_years(granted_project, kuopio_user):
    report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        by=kuopio_user,
    )
    first, second = project_schedule(granted_project, today=date(2024, 3, 1)).obligations[:2]
    assert first.report == second.report is not None


def test_the_agreements_rules_change_every_projects_periods(granted_project, kuopio, kuopio_user):
    reporting_rules_set(
        agreement=kuopio, period_months=12, due_days=45, final_due_days=90, reminder_days=7,
        by=kuopio_user,
    )  # fmt: skip
    schedule = project_schedule(Project.objects.get(pk=granted_project.pk), today=date(2024, 1, 1))
    assert [o.period.due_on for o in schedule.obligations] == [
        date(2025, 2, 14),
        date(2026, 2, 14),
        date(2027, 3, 31),
    ]
    assert kuopio.reporting_rules.history.count() == 1


def test_a_project_without_a_funding_decision_says_why_it_has_no_schedule(kuopio_project):
    assert "rahoituspäätöksestä" in project_schedule(kuopio_project, today=date(2025, 1, 1))


def test_a_granted_project_without_an_end_date_says_what_to_record(granted_project, kuopio_user):
    project = project_update(project=granted_project, end_date=None, by=kuopio_user)
    assert "päättymispäivä" in project_schedule(project, today=date(2025, 1, 1))


def test_reminders_come_before_on_and_after_the_due_day_and_not_for_old_periods(granted_project):
    def stage(today):
        schedule = project_schedule(granted_project, today=today)
        return [reminder_stage(o, today) for o in schedule.obligations][2]  # due 30.7.2025

    assert stage(date(2025, 7, 15)) is None
    assert stage(date(2025, 7, 16)) == "before"
    assert stage(date(2025, 7, 30)) == "due"
    assert stage(date(2025, 7, 31)) == "overdue"
    assert stage(date(2025, 8, 29)) == "overdue"
    assert stage(date(2025, 8, 30)) is None


def test_the_reporting_calendar_lists_what_needs_action_and_a_coordinator_sets_the_rules(
    client, granted_project, kuopio, kuopio_user
):
    client.force_login(kuopio_user)
    url = reverse("monitoring:reporting", args=["kuopio"])
    page = client.get(url).content.decode()
    assert granted_project.name in page and "Myöhässä" in page
    response = client.post(
        reverse("monitoring:reporting_rules", args=["kuopio"]),
        {"period_months": "3", "due_days": "20", "final_due_days": "60", "reminder_days": "10"},
    )
    assert response.status_code == 302
    assert kuopio.reporting_rules.period_months == 3
    bad = client.post(
        reverse("monitoring:reporting_rules", args=["kuopio"]),
        {"period_months": "5", "due_days": "-1", "final_due_days": "60", "reminder_days": "0"},
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    kuopio.reporting_rules.refresh_from_db()
    assert kuopio.reporting_rules.period_months == 3
