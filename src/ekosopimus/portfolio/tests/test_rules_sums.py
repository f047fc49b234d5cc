"""The rules read the portfolio summed in the database; these compare that with the portfolio
read project by project, on a portfolio with every awkward case the rules meet."""

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from ekosopimus.agreements.models import Agreement, Instrument
from ekosopimus.monitoring.situation import SituationFilter, national_picture
from ekosopimus.monitoring.situation.national import STAGES
from ekosopimus.portfolio.models import FundingSource, ProgrammePeriod, Project
from ekosopimus.portfolio.rules import portfolio_facts, portfolio_sums, rules_evaluate
from ekosopimus.portfolio.rules.facts import NOT_PLANNED, STATES, ZERO
from ekosopimus.portfolio.rules.focus_areas import money_by_focus_area
from ekosopimus.portfolio.services import project_budget_set, project_create

EU, MUNICIPAL, PRIVATE = FundingSource.EU_STATE, FundingSource.MUNICIPAL, FundingSource.PRIVATE
ERDF, AKKE = Instrument.ERDF, Instrument.AKKE
CENT = Decimal("0.01")


def _project(agreement, user, name, *, status="ongoing", areas=(), lines=(), item=None, **extra):
    """A project with budget ``lines`` of (source, instrument, planned, granted, paid)."""
    fields = {
        k: extra.pop(k) for k in ("start_date", "end_date", "is_coordination_project") if k in extra
    }
    version = agreement.versions.get(number=1)
    project = project_create(
        agreement=agreement,
        name=name,
        by=user,
        focus_areas=[version.focus_areas.get(number=n) for n in areas],
        action_plan_item=item,
        **fields,
    )
    project_budget_set(
        project=project,
        lines=[
            {"source": s, "instrument": i, "planned": p, "granted": g, "paid": d}
            for s, i, p, g, d in lines
        ],
        by=user,
    )
    # What the rules read is the status and period as they are, however they were reached.
    Project.objects.filter(pk=project.pk).update(status=status, **extra)
    return project


@pytest.fixture
def awkward(kuopio, hev, kuopio_user, hev_user):
    """Projects in several focus areas, with odd cents, without money, turned down, stopped,
    sample data, of an earlier period, with AKKE money, coordinating, and outside the validity."""
    h, u = hev, hev_user
    _project(
        h,
        u,
        "Kolme aluetta",
        areas=["4.1", "4.2", "4.4"],
        lines=[
            (EU, ERDF, "100000.01", "100000.01", "33333.34"),
            (MUNICIPAL, "", "40000.00", "40000.00", 0),
        ],
    )
    _project(
        h,
        u,
        "Kaksi aluetta",
        areas=["4.1", "4.3"],
        lines=[(EU, ERDF, "0.03", "0.03", "0.01"), (PRIVATE, "", "0.01", "0.01", 0)],
    )
    _project(h, u, "Toiset kolme", areas=["4.2", "4.3", "4.4"], lines=[(EU, ERDF, "0.02", 0, 0)])
    _project(
        h,
        u,
        "Neljä aluetta",
        areas=["4.1", "4.2", "4.3", "4.4"],
        lines=[(EU, ERDF, "0.07", "0.07", "0.07")],
    )
    _project(h, u, "Hylätty", status="rejected", areas=["4.4"], lines=[(EU, ERDF, "500000", 0, 0)])
    _project(
        h,
        u,
        "Keskeytetty",
        status="discontinued",
        areas=["4.2"],
        lines=[(EU, ERDF, "90000", "30000", "10000.10")],
    )
    _project(h, u, "Ilman rahaa", areas=["4.1"])
    _project(h, u, "Nollarivi", areas=["4.3"], lines=[(MUNICIPAL, "", 0, 0, 0)])
    _project(h, u, "Ilman painopistettä", lines=[(EU, ERDF, "70000.10", "70000.20", "0.30")])
    _project(
        h,
        u,
        "AKKE ohi vaiheen",
        status="granted",
        areas=["4.4"],
        lines=[(EU, AKKE, "80000", "80000", "1000"), (MUNICIPAL, "", "20000", "20000", 0)],
        start_date=date(2022, 1, 1),
        end_date=date(2024, 6, 30),
    )
    _project(
        h,
        u,
        "AKKE myöhään",
        status="preparation",
        lines=[(EU, AKKE, "5000", 0, 0)],
        start_date=date(2024, 3, 1),
        end_date=date(2024, 12, 31),
    )
    _project(
        h,
        u,
        "AKKE ajallaan",
        lines=[(EU, AKKE, "3000", "3000", 0)],
        start_date=date(2022, 3, 1),
        end_date=date(2023, 12, 31),
    )
    _project(
        h,
        u,
        "Koordinaatio",
        is_coordination_project=True,
        lines=[(EU, AKKE, 0, "300000", "100000"), (EU, ERDF, 0, "500000", 0)],
        start_date=date(2021, 6, 1),
        end_date=date(2027, 12, 31),
    )
    _project(
        h,
        u,
        "Yli sopimuksen",
        status="proposed",
        lines=[(EU, ERDF, "1.50", 0, 0)],
        start_date=date(2026, 1, 1),
        end_date=date(2028, 6, 30),
    )
    _project(
        h,
        u,
        "Esimerkki",
        areas=["4.4"],
        lines=[(EU, ERDF, "9000000", "9000000", 0)],
        is_sample=True,
        start_date=date(2020, 1, 1),
        end_date=date(2029, 1, 1),
    )
    _project(
        h,
        u,
        "Aiempi kausi",
        areas=["4.4"],
        lines=[(EU, AKKE, "8000000", "8000000", 0)],
        programme_period=ProgrammePeriod.P2014,
        is_coordination_project=True,
    )
    _project(
        h,
        u,
        "Aiempi esimerkki",
        lines=[(EU, ERDF, "7", "7", "7")],
        programme_period=ProgrammePeriod.P2014,
        is_sample=True,
    )

    k, ku = kuopio, kuopio_user
    # The seed text leaves the signing date out; with one, a project can start before it.
    Agreement.objects.filter(pk=kuopio.pk).update(signed_on=date(2021, 2, 9))
    kuopio.refresh_from_db()
    items = list(kuopio.versions.get(number=1).action_plan.items.order_by("position"))
    _project(k, ku, "Hanke", item=items[0], lines=[(EU, ERDF, 0, items[0].planned_amount * 2, 0)])
    _project(
        k,
        ku,
        "Hanke",
        item=items[1],
        lines=[(EU, ERDF, "0.10", "0.10", "0.10")],
        start_date=date(2020, 6, 1),
        end_date=date(2022, 1, 1),
    )
    _project(k, ku, "Ilman rivejä", item=items[1], status="closed")
    _project(
        k,
        ku,
        "Torjuttu",
        item=items[2],
        status="refused",
        lines=[(EU, ERDF, "250000", 0, 0), (MUNICIPAL, "", "0.20", 0, 0)],
    )
    _project(k, ku, "Esimerkki", item=items[3], lines=[(EU, ERDF, 0, "1000", 0)], is_sample=True)
    _project(
        k,
        ku,
        "Aiempi",
        item=items[4],
        lines=[(EU, ERDF, 0, "2000", 0)],
        programme_period=ProgrammePeriod.P2014,
    )
    _project(k, ku, "Päivätön", lines=[(MUNICIPAL, "", "0.30", "0.30", "0.30")])
    for n in range(12):  # many small amounts, which a sum of binary floats gets wrong
        _project(
            k,
            ku,
            f"Pieni {n}",
            lines=[(PRIVATE, "", "0.10", "0.10", "0.10")],
            start_date=date(2023, 1, 1),
            end_date=date(2023, 12, 31),
        )
    return {"kuopio": kuopio, "hev": hev}


def _reference_areas(facts, state) -> dict[int, Decimal]:
    """Money per focus area as it was computed project by project, each project's money
    divided among its areas."""
    sums: dict[int, Decimal] = {}
    for project in facts.projects:
        for area_id in project.focus_area_ids:
            share = project.amount(state) / len(project.focus_area_ids)
            sums[area_id] = sums.get(area_id, ZERO) + share
    return {area: amount.quantize(CENT, ROUND_HALF_UP) for area, amount in sums.items()}


@pytest.mark.parametrize("include_samples", [False, True])
@pytest.mark.parametrize("slug", ["kuopio", "hev"])
def test_the_sums_equal_the_portfolio_read_project_by_project(awkward, slug, include_samples):
    agreement = awkward[slug]
    facts = portfolio_facts(agreement=agreement, include_samples=include_samples)
    sums = portfolio_sums(agreement=agreement, include_samples=include_samples)
    projects = facts.projects
    assert sums.money.projects == Counter(p.status for p in projects)
    for state in STATES:
        for local in (None, True, False):
            expected = sum((p.amount(state, local=local) for p in projects), ZERO)
            assert sums.money.amount(state, local=local) == expected, (state, local)
        by_line = Counter()
        for project in projects:
            for line in project.lines:
                left_out = state == "planned" and project.status in NOT_PLANNED
                by_line[(line.source, line.instrument)] += (
                    ZERO if left_out else getattr(line, state)
                )
        summed = Counter()
        for line in sums.money.lines:
            summed[(line.source, line.instrument)] += line.amount(state)
        assert +summed == +by_line, state
    items = Counter()
    granted = Counter()
    for project in projects:
        if project.action_plan_item_id:
            items[project.action_plan_item_id] += 1
            granted[project.action_plan_item_id] += project.amount("granted")
    assert {pk: s.projects for pk, s in sums.plan_items.items()} == dict(items)
    assert {pk: s.granted for pk, s in sums.plan_items.items()} == dict(granted)
    assert sums.dated == sum(1 for p in projects if p.start_date or p.end_date)
    every = Project.objects.filter(agreement=agreement)
    assert sums.earlier_periods == every.exclude(programme_period=ProgrammePeriod.P2021).count()
    assert sums.samples_left_out == (0 if include_samples else every.filter(is_sample=True).count())
    notable = {p.pk for p in sums.notable}
    assert notable <= {p.pk for p in projects}
    assert {p.pk for p in projects if p.is_coordination_project} <= notable
    assert {p.pk for p in projects if Instrument.AKKE in p.instruments()} <= notable
    if slug == "hev":
        assert sums.unlinked == sum(1 for p in projects if not p.focus_area_ids)
        for state in STATES:
            assert money_by_focus_area(sums, state) == _reference_areas(facts, state), state


def _rule(report, key):
    return next(rule for rule in report.rules if rule.key == key)


def test_the_rules_figures_equal_the_portfolio_read_project_by_project(awkward):
    hev = awkward["hev"]
    facts = portfolio_facts(agreement=hev)
    projects = facts.projects
    report = rules_evaluate(agreement=hev, today=date(2025, 6, 1))

    split = _rule(report, "split")
    by_state = {row[0].value: (row[1].value, row[2].value) for row in split.tables[0].rows}
    assert list(by_state.values()) == [
        (
            sum((p.amount(state, local=True) for p in projects), ZERO),
            sum((p.amount(state, local=False) for p in projects), ZERO),
        )
        for state in STATES
    ]
    assert split.figures[1].value == len(projects)

    akke = [p for p in projects if Instrument.AKKE in p.instruments()]
    split_akke = _rule(report, "split_akke")
    assert split_akke.figures[1].value == len(akke) == 4
    assert [(row[1].value, row[2].value) for row in split_akke.tables[0].rows] == [
        (
            sum((p.amount(state, local=True) for p in akke), ZERO),
            sum((p.amount(state, local=False) for p in akke), ZERO),
        )
        for state in STATES
    ]

    below = _rule(report, "below_others_4.4")
    areas = {row[0].value[:3]: [cell.value for cell in row[1:]] for row in below.tables[0].rows}
    version = hev.versions.get(number=1)
    for area in version.focus_areas.all():
        assert areas[area.number] == [
            _reference_areas(facts, state).get(area.pk, ZERO) for state in STATES
        ]
    # Planned: 140 000,01 € and 0,02 € shared by three areas, 0,07 € by four, 100 000 € whole;
    # the rejected project's 500 000 € does not count.
    assert areas["4.4"][0] == Decimal("146666.69")
    assert below.figures[0].value == sum(1 for p in projects if not p.focus_area_ids) == 5

    akke_phase = _rule(report, "akke_phase")
    assert [row[0].value for row in akke_phase.tables[0].rows] == [
        "AKKE myöhään",
        "AKKE ohi vaiheen",
        "Koordinaatio",
    ]
    coordination = _rule(report, "coordination_instrument")
    assert coordination.figures[-1].value == 1
    validity = _rule(report, "validity")
    assert validity.figures[2].value == sum(1 for p in projects if p.start_date or p.end_date)
    assert [row[0].value for row in validity.tables[0].rows] == ["Yli sopimuksen"]


def test_the_action_plan_and_validity_figures_equal_the_portfolio_project_by_project(awkward):
    kuopio = awkward["kuopio"]
    projects = portfolio_facts(agreement=kuopio).projects
    report = rules_evaluate(agreement=kuopio, today=date(2025, 6, 1))
    plan = _rule(report, "action_plan")
    items = kuopio.versions.get(number=1).action_plan.items.order_by("position")
    for item, row in zip(items, plan.tables[0].rows, strict=True):
        linked = [p for p in projects if p.action_plan_item_id == item.pk]
        assert row[2].value == sum((p.amount("granted") for p in linked), ZERO)
        assert row[4].value == len(linked)
    assert [figure.value for figure in plan.figures[1:3]] == [len(items) - 3, 1]
    validity = _rule(report, "validity")
    assert [figure.value for figure in validity.figures[2:]] == [13, 1]
    assert validity.status == "broken"


@pytest.mark.parametrize(
    "filters",
    [
        SituationFilter(),
        SituationFilter(status="ongoing"),
        SituationFilter(instrument="AKKE"),
        SituationFilter(year=2023),
        SituationFilter(instrument="ERDF", year=2022, status="granted"),
    ],
)
def test_the_national_figures_equal_the_portfolio_read_project_by_project(awkward, filters):
    picture = national_picture(filters=filters, today=date(2025, 6, 1))
    for row in picture.rows:
        every = portfolio_facts(agreement=row.agreement).projects
        projects = [p for p in every if filters.admits(p, focus_area_ids=set())]
        assert row.money.projects == len(projects)
        for state in STATES:
            expected = sum((p.amount(state) for p in projects), ZERO)
            assert getattr(row.money, state) == expected, (row.agreement.slug, state)
        assert row.local_granted == sum((p.amount("granted", local=True) for p in projects), ZERO)
        assert row.stages == {
            key: sum(1 for p in projects if p.status in statuses) for key, statuses in STAGES
        }
        rules = rules_evaluate(agreement=row.agreement, today=date(2025, 6, 1))
        assert row.rules == rules.counts
    hev = next(row for row in picture.rows if row.agreement.slug == "helsinki-espoo-vantaa")
    if not filters.is_active:
        assert hev.rules["broken"] >= 2  # AKKE past its phase, the coordination project
