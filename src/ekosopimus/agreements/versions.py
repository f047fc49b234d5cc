"""What a new version of an agreement changes: items added, removed and changed."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ekosopimus.lib.comparable import comparable_number, comparable_text
from ekosopimus.lib.formatting import format_meur, format_percent, parse_meur

from .models import AgreementVersion


@dataclass(frozen=True)
class Change:
    """One difference between two versions of an agreement."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"

    kind: str
    element: str
    item: str
    before: str = ""
    after: str = ""


ELEMENTS = (
    _("Party"),
    _("Focus area"),
    _("Target"),
    _("Action group"),
    _("Key measure"),
    _("Consideration"),
    _("Method category"),
    _("Action plan row"),
    _("Funding"),
    _("Funding rule"),
    _("Governance task"),
)


def version_data(version: AgreementVersion) -> dict[str, Any]:
    """A stored version in the shape of the agreement data files (the parts a diff compares)."""
    areas = []
    for area in version.focus_areas.prefetch_related(
        "targets", "action_groups__key_measures", "action_groups__considerations"
    ):
        areas.append(
            {
                "number": area.number,
                "name": area.name,
                "targets": [
                    {"label": t.label, "value": t.value, "unit": t.unit} for t in area.targets.all()
                ],
                "action_groups": [
                    {
                        "number": group.number,
                        "name": group.name,
                        "key_measures": [m.text for m in group.key_measures.all()],
                        "considerations": [c.text for c in group.considerations.all()],
                    }
                    for group in area.action_groups.all()
                ],
            }
        )
    plan = getattr(version, "action_plan", None)
    items = []
    if plan is not None:
        for item in plan.items.select_related("focus_area", "action_group"):
            items.append(
                {
                    "focus_area": item.focus_area.number if item.focus_area else None,
                    "action_group": item.action_group.number if item.action_group else None,
                    "group_label": item.group_label,
                    "measure": item.measure,
                    "amount_meur": item.planned_amount,
                }
            )
    return {
        "method_categories": [
            {"number": c.number, "name": c.name} for c in version.method_categories.all()
        ],
        "parties": [{"name": p.name, "kind": p.kind} for p in version.parties.all()],
        "focus_areas": areas,
        "action_plan": {"items": items},
        "funding": {
            "local_share_percent": version.local_share_percent,
            "eu_state_share_percent": version.eu_state_share_percent,
            "instruments": [{"code": i.instrument} for i in version.instruments.all()],
            "rules": [
                {"kind": r.kind, "focus_area": r.focus_area.number}
                for r in version.funding_rules.select_related("focus_area")
            ],
        },
        "governance": [
            {"kind": body.kind, "name": body.name, "tasks": [t.text for t in body.tasks.all()]}
            for body in version.governance_bodies.prefetch_related("tasks")
        ],
    }


Keyed = dict[str, dict[str, tuple[str, str, str]]]


class _Items:
    """Comparable items by element: comparable identity -> (identity, value, comparable value).

    Identities and values are compared in ``lib.comparable``'s forms, so that a reading that
    differs only in spacing, hyphenation, letter case or the writing of a number ("50.00",
    "50") is no change; they are shown as written.
    """

    def __init__(self) -> None:
        self.found: Keyed = {}

    def add(self, element, item: str, value: str = "", *, number: bool = False) -> None:
        if number:
            compared = comparable_number(value)
            value = number_format(Decimal(compared), force_grouping=True) if compared else ""
        else:
            compared = comparable_text(value)
        items = self.found.setdefault(str(element), {})
        items[comparable_text(item)] = (item, str(value), compared)


def _keyed(data: dict) -> Keyed:
    """Every comparable item, by element and identity, with the value that may change."""
    items = _Items()
    for element in ELEMENTS:
        items.found[str(element)] = {}
    for party in data.get("parties") or []:
        items.add(_("Party"), party["name"], str(party["kind"]))
    for area in data.get("focus_areas") or []:
        items.add(_("Focus area"), str(area["number"]), area["name"])
        for target in area.get("targets") or []:
            items.add(
                _("Target"), f"{area['number']}: {target['label']}", target["value"], number=True
            )
        for group in area.get("action_groups") or []:
            items.add(_("Action group"), str(group["number"]), group["name"])
            for text in group.get("key_measures") or []:
                items.add(_("Key measure"), f"{group['number']}: {text}")
            for text in group.get("considerations") or []:
                items.add(_("Consideration"), f"{group['number']}: {text}")
    for category in data.get("method_categories") or []:
        items.add(_("Method category"), str(category["number"]), category["name"])
    for item in (data.get("action_plan") or {}).get("items") or []:
        amount = item.get("amount_meur")
        if isinstance(amount, str):
            amount = parse_meur(amount)
        where = item.get("action_group") or item.get("focus_area") or item.get("group_label")
        items.add(
            _("Action plan row"),
            item["measure"],
            f"{where or '–'}; {format_meur(amount) if amount is not None else '–'}",
        )
    funding = data.get("funding") or {}
    for key in ("local_share_percent", "eu_state_share_percent"):
        if funding.get(key) is not None:
            items.add(_("Funding"), key, format_percent(funding[key]))
    for instrument in funding.get("instruments") or []:
        items.add(_("Funding"), instrument["code"])
    for rule in funding.get("rules") or []:
        items.add(_("Funding rule"), f"{rule['kind']}: {rule['focus_area']}")
    for body in data.get("governance") or []:
        for task in body.get("tasks") or []:
            items.add(_("Governance task"), f"{body['name']}: {task}")
    return items.found


def version_changes(before: dict, after: dict) -> list[Change]:
    """Items of ``after`` that ``before`` lacks, items it dropped, and items whose value
    (name, amount, target value) changed, element by element; only what really changed."""
    old, new = _keyed(before), _keyed(after)
    changes: list[Change] = []
    for element, items in new.items():
        previous = old.get(element, {})
        for key, (item, value, compared) in items.items():
            if key not in previous:
                changes.append(Change(Change.ADDED, element, item, after=value))
            elif previous[key][2] != compared:
                changes.append(Change(Change.CHANGED, element, item, previous[key][1], value))
        for key, (item, value, _compared) in previous.items():
            if key not in items:
                changes.append(Change(Change.REMOVED, element, item, before=value))
    return changes


def versions_compare(older: AgreementVersion, newer: AgreementVersion) -> list[Change]:
    """What ``newer`` changes of ``older``: the one diff of the compare page, the API and the
    command line."""
    return version_changes(version_data(older), version_data(newer))
