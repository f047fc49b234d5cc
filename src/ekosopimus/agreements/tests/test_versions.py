"""The one diff of two versions: only what really changed is reported."""

import copy

from ekosopimus.agreements.models import AgreementVersion
from ekosopimus.agreements.versions import Change, version_changes, version_data


def _stored(kuopio) -> dict:
    return version_data(AgreementVersion.objects.get(agreement=kuopio, number=1))


def test_a_version_compared_with_itself_has_no_changes(kuopio):
    assert version_changes(_stored(kuopio), _stored(kuopio)) == []


def test_decimals_whitespace_hyphenation_case_and_order_are_not_changes(kuopio):
    before = _stored(kuopio)
    after = copy.deepcopy(before)
    target = after["focus_areas"][0]["targets"][0]
    target["value"] = int(target["value"])  # 50.00 -> 50
    after["parties"].reverse()
    group = after["focus_areas"][0]["action_groups"][0]
    group["name"] = "  " + group["name"].upper().replace(" ", "  ") + "."
    measure = group["key_measures"][0]
    cut = measure.index(" ", 10) + 4
    group["key_measures"][0] = measure[:cut] + "-\u00ad " + measure[cut:]  # a line-end hyphen
    after["action_plan"]["items"][0]["amount_meur"] = "2,00"

    assert version_changes(before, after) == []


def test_a_changed_value_an_added_and_a_removed_item_are_reported_as_written(kuopio):
    before = _stored(kuopio)
    after = copy.deepcopy(before)
    after["focus_areas"][0]["targets"][0]["value"] = 60
    removed = after["action_plan"]["items"].pop(3)
    after["method_categories"].append({"number": 9, "name": "Uusi kategoria"})

    changes = version_changes(before, after)

    changed = [c for c in changes if c.kind == Change.CHANGED]
    assert [(c.element, c.before, c.after) for c in changed] == [("Tavoite", "50", "60")]
    assert any(c.kind == Change.REMOVED and c.item == removed["measure"] for c in changes)
    assert any(c.kind == Change.ADDED and c.item == "9" for c in changes)
    assert len(changes) == 3
