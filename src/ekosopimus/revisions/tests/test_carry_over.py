"""Publishing a revision carries the portfolio, the target mappings and the rules over."""

import pytest

from ekosopimus.agreements.models import AgreementVersion, FundingRule
from ekosopimus.agreements.services.revisions import RevisionError
from ekosopimus.monitoring.models import TargetContribution
from ekosopimus.monitoring.progress import target_progress
from ekosopimus.portfolio.models import Call, Project
from ekosopimus.portfolio.rules import rules_evaluate
from ekosopimus.revisions.plan import carry_over_plan
from ekosopimus.revisions.services import revision_publish_data

from .conftest import TODAY, kuopio_data, record


def _figures(agreement):
    """Every rule's status and figures, by rule."""
    return {
        rule.key: (rule.status, [(f.label, f.value) for f in rule.figures])
        for rule in rules_evaluate(agreement=agreement, today=TODAY).rules
    }


def _progress(agreement):
    return [
        (p.target.label, p.indicators, p.plain_sum, p.value, p.projected, p.status)
        for p in target_progress(agreement=agreement, today=TODAY)
    ]


def test_an_unchanged_revision_carries_every_link_and_keeps_progress_and_rules(
    kuopio, kuopio_user, linked_portfolio
):
    rules_before, progress_before = _figures(kuopio), _progress(kuopio)
    assert any(plain == 12 for _label, _codes, plain, *_rest in progress_before)

    version = revision_publish_data(
        agreement=kuopio, data=kuopio_data(), record=record(), source="kuopio.yaml", by=kuopio_user
    )

    assert version.number == 2
    project = Project.objects.get(pk=linked_portfolio["project"].pk)
    assert [area.version_id for area in project.focus_areas.all()] == [version.pk]
    assert project.focus_areas.get().number == "4.1"
    assert project.action_group.focus_area.version == version
    assert project.action_plan_item.plan.version == version
    assert project.action_plan_item.position == 1
    idea = Project.objects.get(pk=linked_portfolio["idea"].pk)
    assert idea.action_plan_item.plan.version == version
    assert idea.action_plan_item.position == 16
    contribution = TargetContribution.objects.get(pk=linked_portfolio["contribution"].pk)
    assert contribution.target.focus_area.version == version
    call = Call.objects.get(pk=linked_portfolio["call"].pk)
    assert [area.version_id for area in call.focus_areas.all()] == [version.pk]

    assert _progress(kuopio) == progress_before
    assert _figures(kuopio) == rules_before


def test_the_earlier_version_stays_readable_as_it_was(kuopio, kuopio_user, linked_portfolio):
    first = AgreementVersion.objects.get(agreement=kuopio, number=1)
    areas = list(first.focus_areas.values_list("number", "name"))
    items = list(first.action_plan.items.values_list("measure", "planned_amount"))

    revision_publish_data(
        agreement=kuopio, data=kuopio_data(), record=record(), source="kuopio.yaml", by=kuopio_user
    )

    first.refresh_from_db()
    assert list(first.focus_areas.values_list("number", "name")) == areas
    assert list(first.action_plan.items.values_list("measure", "planned_amount")) == items
    # What the project linked to then is in its history.
    first_item = first.action_plan.items.get(position=1).pk
    records = linked_portfolio["project"].history.order_by("history_id")
    assert records.last().action_plan_item_id != first_item
    assert first_item in {r.action_plan_item_id for r in records}


def test_each_carried_record_has_a_history_entry_naming_the_version(
    kuopio, kuopio_user, linked_portfolio
):
    revision_publish_data(
        agreement=kuopio, data=kuopio_data(), record=record(), source="kuopio.yaml", by=kuopio_user
    )
    project = linked_portfolio["project"]
    latest = project.history.latest("history_id")
    assert latest.history_change_reason == "Siirretty versioon 2"
    assert latest.history_user == kuopio_user
    assert [m.focusarea.version.number for m in latest.focus_areas.all()] == [2]


def test_a_renumbered_and_reworded_structure_is_matched_automatically(
    kuopio, kuopio_user, linked_portfolio
):
    data = kuopio_data()
    health = data["focus_areas"][0]
    health["name"] = health["name"] + " ja hyvinvointi"
    first_item = data["action_plan"]["items"][0]
    first_item["measure"] = first_item["measure"].replace("kehittämisalusta", "kehitysalusta")
    # A new measure inserted before the last one renumbers it.
    data["action_plan"]["items"].insert(
        15, {**data["action_plan"]["items"][15], "measure": "Uusi vesialan testiympäristö"}
    )

    plan = carry_over_plan(agreement=kuopio, data=data)

    assert plan.unsettled == []
    by_key = {(row.anchor.kind, row.anchor.key): row for row in plan.linked}
    assert by_key[("plan_item", "#16")].carry.to == "#17"
    assert by_key[("plan_item", "#16")].proposal.how == "renumbered"
    assert by_key[("plan_item", "#1")].proposal.how == "reworded"
    assert by_key[("focus_area", "4.1")].proposal.how == "reworded"


def test_a_measure_removed_in_the_revision_waits_for_a_choice_and_nothing_is_stored(
    kuopio, kuopio_user, linked_portfolio
):
    data = kuopio_data()
    del data["action_plan"]["items"][15]

    with pytest.raises(RevisionError, match="odottavat valintaa"):
        revision_publish_data(
            agreement=kuopio, data=data, record=record(), source="kuopio.yaml", by=kuopio_user
        )

    assert kuopio.versions.count() == 1
    idea = Project.objects.get(pk=linked_portfolio["idea"].pk)
    assert idea.action_plan_item.plan.version.number == 1


def test_funding_rules_the_revision_does_not_restate_stay_in_force(hev, hev_user):
    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file

    data = read_agreement_file(BUNDLED_DATA_DIR / "helsinki-espoo-vantaa.yaml")
    data["funding"].pop("rules")

    version = revision_publish_data(
        agreement=hev, data=data, record=record(initiated_by="Helsingin kaupunki"),
        source="hev.yaml", by=hev_user,
    )  # fmt: skip

    rule = FundingRule.objects.get(version=version)
    assert rule.focus_area.version == version and rule.focus_area.number == "4.4"
