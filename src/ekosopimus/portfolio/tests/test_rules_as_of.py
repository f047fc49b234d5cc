"""The portfolio of a past moment, rebuilt from the history: the same as the live portfolio
when nothing changed since, the figures of then when something did, and projects recorded
late for the moment read as they stand now."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ekosopimus.portfolio.models import BudgetLine, Decision, Project
from ekosopimus.portfolio.rules import (
    portfolio_as_of,
    portfolio_facts,
    portfolio_sums,
    rules_evaluate,
    rules_evaluate_by_agreement,
)
from ekosopimus.portfolio.rules.facts import STATES
from ekosopimus.portfolio.services import (
    funding_decision_record,
    meeting_create,
    project_budget_set,
    project_create,
    project_propose,
    steering_decision_record,
)

from .test_rules_sums import awkward  # noqa: F401  (the fixture)

YEAR_END = timezone.make_aware(datetime(2026, 1, 1))


def _recorded_on(project, day: date) -> None:
    """Date everything recorded of ``project`` so far on ``day``, as if entered then."""
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 12))
    Project.history.filter(id=project.pk).update(history_date=moment)
    BudgetLine.history.filter(project_id=project.pk).update(history_date=moment)
    Decision.objects.filter(project=project).update(recorded_at=moment)


def _budget(project, user, *, planned, granted=Decimal(0)):
    project_budget_set(
        project=project,
        lines=[{"source": "municipal", "planned": planned, "granted": granted}],
        by=user,
    )


def _sorted(sums):
    """The sums with their lists in one order, to compare two ways of reading them."""
    sums.money.lines.sort(key=lambda line: (line.status, line.source, line.instrument))
    sums.areas.sort(key=lambda area: (area.focus_area_id, area.shared_by, area.status))
    sums.notable.sort(key=lambda project: project.pk)
    return sums


@pytest.mark.parametrize("slug", ["kuopio", "helsinki-espoo-vantaa"])
@pytest.mark.parametrize("include_samples", [False, True])
def test_the_portfolio_rebuilt_now_equals_the_portfolio_as_it_stands(
    awkward,  # noqa: F811
    agreements,
    slug,
    include_samples,
):
    # The fixture sets statuses and periods without history, as an import of old data might;
    # a save records each project as it now stands.
    for project in Project.objects.all():
        project.save()
    agreement = agreements[slug]
    rebuilt = portfolio_as_of(
        agreement=agreement,
        moment=timezone.now() + timedelta(minutes=1),
        include_samples=include_samples,
    )
    live = portfolio_facts(agreement=agreement, include_samples=include_samples)
    assert rebuilt.facts.projects == live.projects
    assert rebuilt.facts.projects, "the fixture has projects in both agreements"
    live_rules = rules_evaluate(agreement=agreement, include_samples=include_samples)
    rebuilt_rules = rules_evaluate_by_agreement(
        agreements=[agreement], sums={agreement.pk: rebuilt.sums}
    )[agreement.pk]
    assert [rule.key for rule in rebuilt_rules.rules] == [rule.key for rule in live_rules.rules]
    for rebuilt_rule, live_rule in zip(rebuilt_rules.rules, live_rules.rules, strict=True):
        assert rebuilt_rule == live_rule, rebuilt_rule.key
    sums = portfolio_sums(agreement=agreement, include_samples=include_samples)
    if not sums.areas:
        # The database reads the focus areas only where a rule compares them.
        rebuilt.sums.areas, rebuilt.sums.unlinked = [], 0
    assert _sorted(rebuilt.sums) == _sorted(sums)
    assert rebuilt.recorded_later == 0


def test_a_past_moment_shows_the_money_and_status_recorded_by_then(kuopio, kuopio_user):
    project = project_create(agreement=kuopio, name="Vanha hanke", by=kuopio_user)
    _budget(project, kuopio_user, planned=Decimal("100000"))
    _recorded_on(project, date(2025, 6, 1))
    _budget(project, kuopio_user, planned=Decimal("250000"), granted=Decimal("250000"))
    Project.objects.filter(pk=project.pk).update(name="Uusi nimi")

    then = portfolio_as_of(agreement=kuopio, moment=YEAR_END)
    [past] = then.facts.projects
    assert past.name == "Vanha hanke"
    assert [past.amount(state) for state in STATES] == [Decimal("100000"), 0, 0]
    assert then.sums.money.amount("planned") == Decimal("100000")
    assert then.recorded_later == 0
    [now] = portfolio_facts(agreement=kuopio).projects
    assert now.amount("planned") == Decimal("250000")


def test_a_project_deleted_since_still_counts_at_a_moment_before(kuopio, kuopio_user):
    project = project_create(agreement=kuopio, name="Poistettu myöhemmin", by=kuopio_user)
    _budget(project, kuopio_user, planned=Decimal("5000"))
    _recorded_on(project, date(2025, 3, 1))
    project.delete()
    [past] = portfolio_as_of(agreement=kuopio, moment=YEAR_END).facts.projects
    assert past.name == "Poistettu myöhemmin" and past.amount("planned") == Decimal("5000")
    assert portfolio_as_of(agreement=kuopio, moment=timezone.now()).facts.projects == []


def test_a_project_entered_later_counts_as_it_stands_only_if_it_had_started(kuopio, kuopio_user):
    started = project_create(
        agreement=kuopio, name="Tuotu EURAsta", start_date=date(2024, 3, 1), by=kuopio_user
    )
    _budget(started, kuopio_user, planned=Decimal("70000"))
    project_create(
        agreement=kuopio, name="Myöhempi idea", start_date=date(2026, 9, 1), by=kuopio_user
    )
    project_create(agreement=kuopio, name="Päivätön idea", by=kuopio_user)

    then = portfolio_as_of(agreement=kuopio, moment=YEAR_END)
    assert [p.name for p in then.facts.projects] == ["Tuotu EURAsta"]
    assert then.facts.projects[0].amount("planned") == Decimal("70000")
    assert then.recorded_later == 1


def test_a_decision_of_the_year_recorded_after_it_reads_the_project_as_it_stands(
    kuopio, kuopio_user, uef
):
    project = project_create(
        agreement=kuopio,
        name="Joulukuun päätös",
        status="preparation",
        lead_implementer=uef,
        focus_areas=[kuopio.versions.get(number=1).focus_areas.get(number="4.1")],
        by=kuopio_user,
    )
    _budget(project, kuopio_user, planned=Decimal("80000"))
    _recorded_on(project, date(2025, 11, 1))
    meeting = meeting_create(
        agreement=kuopio, held_on=date(2025, 12, 10), title="Johtoryhmä 5/2025", by=kuopio_user
    )
    project = project_propose(project=project, meeting=meeting, by=kuopio_user)
    project = steering_decision_record(
        project=project, meeting=meeting, outcome="selected", by=kuopio_user
    ).project
    funding_decision_record(
        project=project,
        outcome="granted",
        decided_on=date(2025, 12, 15),
        amount=Decimal("48000"),
        decision_number="EURA-9",
        instrument="ERDF",
        by=kuopio_user,
    )
    [late] = portfolio_as_of(agreement=kuopio, moment=YEAR_END).facts.projects
    assert late.status == "granted"
    # Decided only in the new year: the year that ended knew it as it was recorded then.
    Decision.objects.filter(project=project).update(decided_on=date(2026, 1, 8))
    [then] = portfolio_as_of(agreement=kuopio, moment=YEAR_END).facts.projects
    assert then.status != "granted" and then.amount("granted") == 0
