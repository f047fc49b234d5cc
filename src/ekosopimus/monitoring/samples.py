"""Sample data for a whole reporting cycle, added to the sample portfolio on request: a
call, a steering group meeting with its decisions, granted projects with funding decisions,
reporters with (non-existent) e-mail addresses, and reports approved, submitted, returned and
missing, so that every page has content and ``send_reminders`` has something to send in
2027. Everything is made through the services, as a coordinator would make it, and every
name says it is sample data."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.accounts.models import Membership, Role
from ekosopimus.accounts.services import membership_grant
from ekosopimus.agreements.models import Agreement, Instrument
from ekosopimus.agreements.selectors import version_current
from ekosopimus.messaging.notifications import notifications_paused
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio.models import (
    AgendaItem,
    Call,
    FundingSource,
    Project,
    ProjectStatus,
    SteeringGroupMeeting,
)
from ekosopimus.portfolio.services import (
    agenda_item_add,
    call_create,
    funding_decision_record,
    meeting_create,
    project_budget_set,
    project_create,
    project_propose,
    project_transition,
    steering_decision_record,
)
from ekosopimus.portfolio.services.samples import CODE_PREFIX

from .models import IndicatorDefinition
from .services import (
    indicator_catalogue_load,
    report_approve,
    report_create,
    report_return,
    report_submit,
)

# Titles of sample calls and meetings begin so, and sample users' names so: removing the
# sample data finds them by it.
TITLE_PREFIX = "Esimerkki"
USER_PREFIX = "esimerkki-"
HALF_YEARS = [
    (date(2025, 1, 1), date(2025, 6, 30)),
    (date(2025, 7, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 6, 30)),
]
# Each granted project's reports: approved, approved, submitted; and approved, returned.
REPORTS = [
    ("approved", "approved", "submitted"),
    ("approved", "returned"),
]


def _reporter(agreement: Agreement, organization: Organization, number: int, by):
    username = f"{USER_PREFIX}{agreement.slug}-{number}"[:150]
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_user(
            username=username,
            email=f"raportoija{number}.{agreement.slug}@esimerkki.example",
            first_name=_("Sample"),
            last_name=_("Reporter %(number)s") % {"number": number},
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership_grant(
        user=user, role=Role.REPORTER, agreement=agreement, organization=organization, by=by
    )
    return user


def _report(project: Project, period: tuple[date, date], outcome: str, indicator, by):
    start, end = period
    report = report_create(
        project=project,
        period_start=start,
        period_end=end,
        values={indicator: Decimal(2)},
        spent=Decimal(80_000),
        narrative=_("Sample report: the work of the period went as planned."),
        by=by,
    )
    report = report_submit(report=report, by=by)
    if outcome == "approved":
        report_approve(report=report, by=by)
    elif outcome == "returned":
        report_return(
            report=report, comment=_("Sample comment: add the companies you worked with."), by=by
        )


@transaction.atomic
def sample_cycle_create(*, agreement: Agreement, by: AbstractBaseUser | None) -> list[Project]:
    """Add a reporting cycle to the agreement's sample data: two granted projects (2025–2027)
    with their decisions, reporters and reports. Announces nothing to anyone."""
    with notifications_paused():
        return _create(agreement, by)


def _create(agreement: Agreement, by) -> list[Project]:
    if not IndicatorDefinition.objects.exists():
        indicator_catalogue_load(by=by)
    indicator = (
        IndicatorDefinition.objects.filter(code="RCO01").first()
        or IndicatorDefinition.objects.order_by("code").first()
    )
    version = version_current(agreement)
    area = version.focus_areas.prefetch_related("action_groups").first()
    methods = list(version.method_categories.all())
    implementers = [
        Organization.objects.get(name=name, is_sample=True)
        for name in ("Esimerkkiyliopisto", "Esimerkin ammattikorkeakoulu")
    ]
    call = call_create(
        agreement=agreement,
        title=f"{TITLE_PREFIX}haku 2024",
        opens_on=date(2024, 9, 2),
        closes_on=date(2024, 10, 31),
        budget=Decimal(1_500_000),
        focus_areas=[area],
        by=by,
    )
    meeting = meeting_create(
        agreement=agreement,
        held_on=date(2024, 11, 25),
        title=f"{TITLE_PREFIX}kokous 6/2024",
        location=_("City hall (sample)"),
        attendees=[(_("Sample Chair"), "Esimerkkikaupunki", _("chair"))],
        by=by,
    )
    granted = []
    for number, (implementer, outcomes) in enumerate(zip(implementers, REPORTS, strict=True), 1):
        project = project_create(
            agreement=agreement,
            name=_("Sample granted project %(number)s") % {"number": number},
            code=f"{CODE_PREFIX}{agreement.pk}-R{number:02d}",
            summary=_("A sample project for trying the system. It is not a real project."),
            lead_implementer=implementer,
            focus_areas=[area],
            action_group=area.action_groups.first(),
            method_category=methods[0] if methods else None,
            indicators=[indicator],
            start_date=date(2025, 1, 1),
            end_date=date(2027, 12, 31),
            status=ProjectStatus.PREPARATION,
            is_sample=True,
            by=by,
            reason=_("Sample data"),
        )
        amount = Decimal(300_000 * number)
        project_budget_set(
            project=project,
            lines=[
                {
                    "source": FundingSource.EU_STATE,
                    "instrument": Instrument.ERDF,
                    "planned": amount,
                },
                {
                    "source": FundingSource.MUNICIPAL,
                    "planned": amount * 2 / 3,
                    "granted": amount * 2 / 3,
                },
            ],  # fmt: skip
            by=by,
            reason=_("Sample data"),
        )
        project = project_propose(project=project, meeting=meeting, call=call, by=by)
        steering_decision_record(project=project, meeting=meeting, outcome="selected", by=by)
        funding_decision_record(
            project=project,
            outcome="granted",
            decided_on=date(2024, 12, 16),
            amount=amount,
            decision_number=f"{CODE_PREFIX}{number:03d}",
            instrument=Instrument.ERDF,
            by=by,
        )
        project = project_transition(project=project, to=ProjectStatus.ONGOING, by=by)
        _reporter(agreement, implementer, number, by)
        for period, outcome in zip(HALF_YEARS, outcomes, strict=False):
            _report(project, period, outcome, indicator, by)
        granted.append(project)
    upcoming = meeting_create(
        agreement=agreement,
        held_on=timezone.localdate() + timedelta(days=30),
        title=f"{TITLE_PREFIX}kokous",
        location=_("City hall (sample)"),
        by=by,
    )
    agenda_item_add(meeting=upcoming, title=_("Review of the portfolio and its reports"), by=by)
    return granted


@transaction.atomic
def sample_cycle_remove(*, agreement: Agreement, by: AbstractBaseUser | None) -> None:
    """Take away the sample cycle's meetings, calls and reporters; the sample projects go with
    the rest of the sample data."""
    meetings = SteeringGroupMeeting.objects.filter(
        agreement=agreement, title__startswith=TITLE_PREFIX
    )
    for item in AgendaItem.objects.filter(meeting__in=meetings):
        item._history_user = by
        item.delete()
    for project in Project.objects.filter(agreement=agreement, is_sample=True):
        project._history_user = by
        project._change_reason = _("Sample data removed")
        project.delete()
    for model in (SteeringGroupMeeting, Call):
        for row in model.objects.filter(agreement=agreement, title__startswith=TITLE_PREFIX):
            row._history_user = by
            row.delete()
    users = get_user_model().objects.filter(username__startswith=f"{USER_PREFIX}{agreement.slug}-")
    Membership.objects.filter(user__in=users).delete()
    users.delete()
