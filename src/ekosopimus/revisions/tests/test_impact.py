"""The impact preview: the version in force beside the revision, and nothing stored."""

from ekosopimus.agreements.models import AgreementVersion
from ekosopimus.monitoring.models import TargetContribution
from ekosopimus.portfolio.models import Project
from ekosopimus.revisions.impact import revision_impact
from ekosopimus.revisions.plan import carry_over_plan

from .conftest import TODAY, kuopio_data


def test_an_unchanged_revision_changes_no_figure(kuopio, linked_portfolio):
    data = kuopio_data()
    impact = revision_impact(
        plan=carry_over_plan(agreement=kuopio, data=data), data=data, today=TODAY
    )

    assert impact.problems == []
    assert impact.changes == []
    assert impact.rules and not [rule for rule in impact.rules if rule.changed]
    assert impact.targets and not [target for target in impact.targets if target.changed]
    money = dict(impact.money)
    assert all(not row.changed for rows in money.values() for row in rows)
    assert impact.headlines == []


def test_a_removed_measure_shows_who_loses_it_and_the_plan_rule_after(kuopio, linked_portfolio):
    data = kuopio_data()
    del data["action_plan"]["items"][15]
    plan = carry_over_plan(
        agreement=kuopio,
        data=data,
        choices={
            f"plan_item:{linked_portfolio['idea'].action_plan_item_id}": {
                "to": None,
                "reason": "Toimenpide poistui tarkistuksessa",
            }
        },
    )

    impact = revision_impact(plan=plan, data=data, today=TODAY)

    ended = [move for move in impact.moves if move.ends]
    assert [move.name for move in ended] == [linked_portfolio["idea"].name]
    assert "Toimenpide poistui tarkistuksessa" in ended[0].after
    plan_rule = next(rule for rule in impact.rules if rule.key == "action_plan")
    assert [f.value for f in plan_rule.before.figures][:2] == [16, 14]
    assert [f.value for f in plan_rule.after.figures][:2] == [15, 14]
    assert any(line.startswith("1 ×") for line in impact.headlines)


def test_the_preview_stores_nothing(kuopio, linked_portfolio):
    data = kuopio_data()
    revision_impact(plan=carry_over_plan(agreement=kuopio, data=data), data=data, today=TODAY)

    assert AgreementVersion.objects.filter(agreement=kuopio).count() == 1
    project = Project.objects.get(pk=linked_portfolio["project"].pk)
    assert project.action_plan_item.plan.version.number == 1
    contribution = TargetContribution.objects.get(pk=linked_portfolio["contribution"].pk)
    assert contribution.target.focus_area.version.number == 1
