"""What a new version of an agreement changes: items added, removed and changed."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

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
                    "measure": item.measure,
                    "amount_meur": item.planned_amount,
                }
            )
    return {
        "parties": [{"name": p.name, "kind": p.kind} for p in version.parties.all()],
        "focus_areas": areas,
        "action_plan": {"items": items},
        "funding": {
            "local_share_percent": version.local_share_percent,
            "eu_state_share_percent": version.eu_state_share_percent,
            "instruments": [{"code": i.instrument} for i in version.instruments.all()],
        },
        "governance": [
            {"kind": body.kind, "name": body.name, "tasks": [t.text for t in body.tasks.all()]}
            for body in version.governance_bodies.prefetch_related("tasks")
        ],
    }


def _keyed(data: dict) -> dict[str, dict[str, str]]:
    """Every comparable item, by element and identity, with the value that may change."""
    found: dict[str, dict[str, str]] = {
        str(element): {}
        for element in (
            _("Party"),
            _("Focus area"),
            _("Target"),
            _("Action group"),
            _("Key measure"),
            _("Consideration"),
            _("Action plan row"),
            _("Funding"),
            _("Governance task"),
        )
    }
    for party in data.get("parties") or []:
        found[str(_("Party"))][party["name"]] = str(party["kind"])
    for area in data.get("focus_areas") or []:
        found[str(_("Focus area"))][str(area["number"])] = area["name"]
        for target in area.get("targets") or []:
            found[str(_("Target"))][f"{area['number']}: {target['label']}"] = str(target["value"])
        for group in area.get("action_groups") or []:
            found[str(_("Action group"))][str(group["number"])] = group["name"]
            for text in group.get("key_measures") or []:
                found[str(_("Key measure"))][f"{group['number']}: {text}"] = ""
            for text in group.get("considerations") or []:
                found[str(_("Consideration"))][f"{group['number']}: {text}"] = ""
    for item in (data.get("action_plan") or {}).get("items") or []:
        amount = item.get("amount_meur")
        if isinstance(amount, str):
            amount = parse_meur(amount)
        where = item.get("action_group") or item.get("focus_area") or item.get("group_label")
        found[str(_("Action plan row"))][item["measure"]] = (
            f"{where or '–'}; {format_meur(amount) if amount is not None else '–'}"
        )
    funding = data.get("funding") or {}
    for key in ("local_share_percent", "eu_state_share_percent"):
        if funding.get(key) is not None:
            found[str(_("Funding"))][key] = format_percent(funding[key])
    for instrument in funding.get("instruments") or []:
        found[str(_("Funding"))][instrument["code"]] = ""
    for body in data.get("governance") or []:
        for task in body.get("tasks") or []:
            found[str(_("Governance task"))][f"{body['name']}: {task}"] = ""
    return found


def version_changes(before: dict, after: dict) -> list[Change]:
    """Items of ``after`` that ``before`` lacks, items it dropped, and items whose value
    (name, amount, target value) changed, element by element."""
    old, new = _keyed(before), _keyed(after)
    changes: list[Change] = []
    for element, items in new.items():
        previous = old.get(element, {})
        for key, value in items.items():
            if key not in previous:
                changes.append(Change(Change.ADDED, element, key, after=value))
            elif previous[key] != value:
                changes.append(Change(Change.CHANGED, element, key, previous[key], value))
        for key, value in previous.items():
            if key not in items:
                changes.append(Change(Change.REMOVED, element, key, before=value))
    return changes
