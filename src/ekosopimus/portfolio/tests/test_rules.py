"""The agreements' rules, evaluated live against the portfolio."""

from datetime import date
from decimal import Decimal

import pytest

from ekosopimus.agreements.models import Instrument
from ekosopimus.portfolio.models import FundingSource, ProgrammePeriod, Project
from ekosopimus.portfolio.rules import RuleStatus, rules_evaluate
from ekosopimus.portfolio.services import project_budget_set, project_create

EU, MUNICIPAL = FundingSource.EU_STATE, FundingSource.MUNICIPAL


def _project(agreement, user, *, status="ongoing", areas=(), lines=(), item=None, **fields):
    """A project in ``status`` with budget ``lines`` of (source, instrument, planned, granted)."""
    version = agreement.versions.get(number=1)
    project = project_create(
        agreement=agreement,
        name=fields.pop("name", "Hanke"),
        by=user,
        focus_areas=[version.focus_areas.get(number=n) for n in areas],
        action_plan_item=item,
        **fields,
    )
    project_budget_set(
        project=project,
        lines=[
            {"source": s, "instrument": i, "planned": p, "granted": g, "paid": 0}
            for s, i, p, g in lines
        ],
        by=user,
    )
    # The rules read what is; how a project reached its status is the lifecycle's concern.
    Project.objects.filter(pk=project.pk).update(status=status)
    return project


def _rule(agreement, key, **kwargs):
    report = rules_evaluate(agreement=agreement, **kwargs)
    return next(rule for rule in report.rules if rule.key == key)


def test_it_reports_too_little_data_for_an_empty_portfolio(kuopio):
    rule = _rule(kuopio, "split")
    assert rule.status == RuleStatus.NO_DATA
    assert "ei ole vielä kirjattu rahaa" in rule.sentence


def test_the_split_holds_with_forty_percent_local_money_and_states_the_headroom(
    kuopio, kuopio_user
):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 0, 50_000), (MUNICIPAL, "", 0, 40_000)])
    rule = _rule(kuopio, "split")
    assert rule.status == RuleStatus.HOLDS
    # 40 000 € local carries 60 000 € of EU + State money; 50 000 € is granted.
    assert "10\xa0000\xa0€" in rule.sentence
    granted = rule.tables[0].rows[0]
    assert [cell.value for cell in granted[1:]] == [
        Decimal(40_000),
        Decimal(50_000),
        Decimal("44.4"),
        Decimal(10_000),
        Decimal(0),
    ]


def test_the_split_is_broken_when_granted_local_money_falls_well_short(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 0, 80_000), (MUNICIPAL, "", 0, 20_000)])
    rule = _rule(kuopio, "split")
    assert rule.status == RuleStatus.BROKEN
    # 80 000 € of EU + State money needs 53 333,33 € of local money; 20 000 € is there.
    assert "33\xa0333\xa0€" in rule.sentence


def test_planned_money_under_the_split_is_only_at_risk(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 90_000, 0), (MUNICIPAL, "", 10_000, 0)])
    assert _rule(kuopio, "split").status == RuleStatus.AT_RISK


def test_refused_projects_planned_money_does_not_count(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 60_000, 0), (MUNICIPAL, "", 40_000, 0)])
    _project(kuopio, kuopio_user, status="refused", lines=[(EU, "ERDF", 900_000, 0)], name="Toinen")
    assert _rule(kuopio, "split").status == RuleStatus.HOLDS


def test_the_akke_split_counts_only_projects_with_akke_money(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 0, 60_000), (MUNICIPAL, "", 0, 40_000)])
    assert _rule(kuopio, "split_akke").status == RuleStatus.NO_DATA
    _project(
        kuopio, kuopio_user, lines=[(EU, "AKKE", 0, 90_000), (MUNICIPAL, "", 0, 10_000)], name="B"
    )
    assert _rule(kuopio, "split_akke").status == RuleStatus.BROKEN
    assert _rule(kuopio, "split").status == RuleStatus.BROKEN  # 50 000 of 200 000 is 25 %


def test_samples_and_earlier_periods_are_left_out_and_counted(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, lines=[(EU, "ERDF", 0, 90_000), (MUNICIPAL, "", 0, 10_000)])
    Project.objects.update(programme_period=ProgrammePeriod.P2014)
    report = rules_evaluate(agreement=kuopio)
    assert report.earlier_periods == 1
    assert report.rules[0].status == RuleStatus.NO_DATA
    Project.objects.update(programme_period=ProgrammePeriod.P2021, is_sample=True)
    assert rules_evaluate(agreement=kuopio).samples_left_out == 1
    assert _rule(kuopio, "split", include_samples=True).status == RuleStatus.BROKEN


def _hev_areas(hev, user, fourth: int, *, status="ongoing"):
    for number in ("4.1", "4.2", "4.3"):
        _project(hev, user, areas=[number], lines=[(EU, "ERDF", 100_000, 100_000)], name=number)
    _project(hev, user, areas=["4.4"], lines=[(EU, "ERDF", fourth, fourth)], status=status)


def test_the_fourth_focus_area_below_each_other_holds(hev, hev_user):
    _hev_areas(hev, hev_user, 50_000)
    rule = _rule(hev, "below_others_4.4")
    assert rule.status == RuleStatus.HOLDS
    assert "Uudet avaukset" in rule.source


def test_the_fourth_focus_area_over_another_is_broken_once_granted(hev, hev_user):
    _hev_areas(hev, hev_user, 150_000)
    rule = _rule(hev, "below_others_4.4")
    assert rule.status == RuleStatus.BROKEN
    assert "4.4" in rule.sentence and "150\xa0000\xa0€" in rule.sentence


def test_a_project_in_several_focus_areas_counts_in_equal_shares(hev, hev_user):
    _project(hev, hev_user, areas=["4.1", "4.4"], lines=[(EU, "ERDF", 0, 100_000)])
    rule = _rule(hev, "below_others_4.4")
    by_area = {row[0].value[:3]: row[2].value for row in rule.tables[0].rows}
    assert by_area["4.1"] == by_area["4.4"] == Decimal(50_000)


def test_kuopio_has_no_focus_area_rule(kuopio):
    keys = [rule.key for rule in rules_evaluate(agreement=kuopio).rules]
    assert not any(key.startswith("below_others") for key in keys)
    assert "coordination_instrument" not in keys  # Kuopio dates no coordination funding


def test_measures_with_no_project_are_broken_after_the_review_period(kuopio):
    plan = kuopio.versions.get(number=1).action_plan
    items = plan.items.count()
    after = _rule(kuopio, "action_plan", today=date(2026, 11, 23))
    during = _rule(kuopio, "action_plan", today=date(2022, 6, 1))
    assert after.status == RuleStatus.BROKEN and during.status == RuleStatus.AT_RISK
    assert f"{items}/{items}" not in after.sentence
    assert len(after.tables[1].rows) == items
    assert "?toimenpide=" in after.tables[1].rows[0][0].url


def test_a_measure_granted_well_over_plan_is_at_risk(kuopio, kuopio_user):
    plan = kuopio.versions.get(number=1).action_plan
    items = list(plan.items.all())
    for number, item in enumerate(items):
        amount = (item.planned_amount or 0) * (2 if number == 0 else 1)
        _project(kuopio, kuopio_user, item=item, lines=[(EU, "ERDF", 0, amount)], name=str(number))
    rule = _rule(kuopio, "action_plan", today=date(2026, 1, 1))
    assert rule.status == RuleStatus.AT_RISK
    assert "10 %" in rule.sentence


def test_a_granted_project_ending_after_the_agreement_breaks_the_validity_rule(kuopio, kuopio_user):
    _project(kuopio, kuopio_user, start_date=date(2024, 1, 1), end_date=date(2028, 6, 30))
    rule = _rule(kuopio, "validity")
    assert rule.status == RuleStatus.BROKEN
    assert rule.tables[0].rows[0][3].value == "päättyy sopimuksen päättymisen jälkeen"


def test_a_planned_project_ending_after_the_agreement_is_at_risk(kuopio, kuopio_user):
    _project(
        kuopio,
        kuopio_user,
        status="preparation",
        start_date=date(2026, 1, 1),
        end_date=date(2028, 6, 30),
    )
    assert _rule(kuopio, "validity").status == RuleStatus.AT_RISK


def test_many_projects_outside_the_validity_are_counted_and_the_decided_ones_listed_first(
    kuopio, kuopio_user, monkeypatch
):
    monkeypatch.setattr("ekosopimus.portfolio.rules.sums.OUTSIDE_LISTED", 2)
    late = {"start_date": date(2026, 1, 1), "end_date": date(2028, 6, 30)}
    for name in ("A suunniteltu", "B suunniteltu"):
        _project(kuopio, kuopio_user, status="preparation", name=name, **late)
    _project(kuopio, kuopio_user, status="granted", name="C myönnetty", **late)
    _project(kuopio, kuopio_user, name="D sisällä", start_date=date(2024, 1, 1))
    rule = _rule(kuopio, "validity")
    assert rule.status == RuleStatus.BROKEN
    assert [figure.value for figure in rule.figures[2:]] == [4, 3]
    assert rule.sentence.startswith("3/4 ")
    assert [row[0].value for row in rule.tables[0].rows] == ["C myönnetty", "A suunniteltu"]
    assert rule.tables[0].caption == (
        "Sopimuksen voimassaoloajan ulkopuoliset hankkeet: ensimmäiset 2 / 3, päätetyt ensin"
    )


def test_akke_phase_needs_a_date_the_kuopio_text_does_not_give(kuopio):
    assert _rule(kuopio, "akke_phase").status == RuleStatus.NO_DATA


def test_akke_money_past_the_hev_start_up_phase_is_broken(hev, hev_user):
    _project(
        hev,
        hev_user,
        lines=[(EU, Instrument.AKKE, 0, 100_000)],
        start_date=date(2022, 1, 1),
        end_date=date(2024, 6, 30),
    )
    rule = _rule(hev, "akke_phase")
    assert rule.status == RuleStatus.BROKEN
    assert "31.12.2023" in rule.sentence and "koordinaatiohankkeen" in rule.sentence


def test_the_coordination_project_on_akke_after_2023_breaks_its_rule(hev, hev_user):
    coordination = _project(
        hev,
        hev_user,
        lines=[(EU, Instrument.AKKE, 0, 300_000)],
        start_date=date(2021, 6, 1),
        end_date=date(2025, 12, 31),
        is_coordination_project=True,
    )
    rule = _rule(hev, "coordination_instrument")
    assert rule.status == RuleStatus.BROKEN
    assert "31.12.2023" in rule.tables[0].rows[0][3].value
    Project.objects.filter(pk=coordination.pk).update(end_date=date(2023, 12, 31))
    assert _rule(hev, "coordination_instrument").status == RuleStatus.HOLDS


def test_a_coordination_project_funded_by_both_phases_holds(hev, hev_user):
    _project(
        hev,
        hev_user,
        lines=[(EU, Instrument.AKKE, 0, 300_000), (EU, Instrument.ERDF, 0, 500_000)],
        start_date=date(2021, 6, 1),
        end_date=date(2027, 12, 31),
        is_coordination_project=True,
    )
    assert _rule(hev, "coordination_instrument").status == RuleStatus.HOLDS


@pytest.mark.parametrize("path", ["/hankkeet/kuopio/saannot/", "/sopimukset/kuopio/"])
def test_the_rules_are_shown_to_signed_in_users(client, kuopio, kuopio_user, path):
    client.force_login(kuopio_user)
    response = client.get(path)
    assert response.status_code == 200
    assert "Rahoituksen jakosuhde" in response.content.decode()


def test_anonymous_visitors_see_no_rules(client, kuopio):
    assert client.get("/hankkeet/kuopio/saannot/").status_code == 302
    assert "Rahoituksen jakosuhde" not in client.get("/sopimukset/kuopio/").content.decode()


def test_a_measure_with_no_project_becomes_a_project_idea_from_its_link(
    client, kuopio, kuopio_user
):
    gap = _rule(kuopio, "action_plan").tables[1].rows[0][0]
    client.force_login(kuopio_user)
    page = client.get(gap.url).content.decode()
    item = kuopio.versions.get(number=1).action_plan.items.order_by("position").first()
    assert f'<option value="{item.pk}" selected>' in page
    assert item.measure[:40] in page
