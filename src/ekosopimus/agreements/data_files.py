"""Reading and checking the curated agreement data files (YAML, one per agreement).

Nothing here writes to the database: services take the checked data from here.
"""

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from ekosopimus.lib.formatting import parse_meur

from .models import (
    Agreement,
    FundingRule,
    GovernanceBody,
    Instrument,
    Party,
    QuantitativeTarget,
)

BUNDLED_DATA_DIR = Path(__file__).resolve().parent / "data"


class AgreementDataError(ValueError):
    """A data file that cannot be loaded; ``problems`` lists every reason with its place."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def bundled_data_files() -> list[Path]:
    """The agreement data files shipped with the application, in a stable order."""
    return sorted(BUNDLED_DATA_DIR.glob("*.yaml"))


def read_agreement_file(path: Path) -> dict[str, Any]:
    """Parse and check one data file; raises ``AgreementDataError`` listing every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AgreementDataError(
            path.name, [_("cannot read the file: %(error)s") % {"error": error}]
        ) from error
    problems = check_agreement_data(data)
    if problems:
        raise AgreementDataError(path.name, problems)
    return data


def data_checksum(data: dict[str, Any]) -> str:
    """A checksum of the data's content, independent of YAML formatting and key order."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_agreement_data(data: Any) -> list[str]:
    """Every problem in an agreement's data, each as ``"place: reason"``; empty when valid."""
    if not isinstance(data, dict):
        return [_("the file does not hold an agreement (expected a mapping at the top)")]
    problems: list[str] = []
    _require_text(data, ["slug", "name", "city_region"], "", problems)
    _check_choice(data.get("status", "in_force"), Agreement.Status, "status", problems)
    completeness = data.get("completeness", Agreement.Completeness.FULL_TEXT)
    _check_choice(completeness, Agreement.Completeness, "completeness", problems)
    if (
        completeness == Agreement.Completeness.PUBLIC_SUMMARY
        and not str(data.get("unverified") or "").strip()
    ):
        problems.append("unverified: " + _("a public summary must say what is unverified"))
    for key in ("signed_on", "ends_on"):
        _check_date(data.get(key), key, problems)
    version = data.get("version")
    if not isinstance(version, dict):
        problems.append("version: " + _("missing"))
    else:
        if not isinstance(version.get("number"), int) or version["number"] < 1:
            problems.append("version.number: " + _("must be a whole number from 1 up"))
        _require_text(version, ["label"], "version.", problems)

    parties = _list(data, "parties", problems, required=True)
    for i, party in enumerate(parties):
        _require_text(party, ["name"], f"parties[{i}].", problems)
        _check_choice(party.get("kind"), Party.Kind, f"parties[{i}].kind", problems)

    area_groups: dict[str, set[str]] = {}
    for i, area in enumerate(_list(data, "focus_areas", problems, required=True)):
        place = f"focus_areas[{i}]"
        _require_text(area, ["number", "name"], f"{place}.", problems)
        number = str(area.get("number"))
        if number in area_groups:
            problems.append(f"{place}.number: " + _("%(value)s appears twice") % {"value": number})
        area_groups[number] = set()
        for j, target in enumerate(_list(area, "targets", problems)):
            _check_target(target, f"{place}.targets[{j}]", problems)
        for j, group in enumerate(_list(area, "action_groups", problems)):
            gplace = f"{place}.action_groups[{j}]"
            _require_text(group, ["number", "name"], f"{gplace}.", problems)
            area_groups[number].add(str(group.get("number")))
            for key in ("key_measures", "considerations"):
                for k, text in enumerate(_list(group, key, problems)):
                    if not isinstance(text, str) or not text.strip():
                        problems.append(f"{gplace}.{key}[{k}]: " + _("must be a text"))

    for i, category in enumerate(_list(data, "method_categories", problems)):
        _require_text(category, ["name"], f"method_categories[{i}].", problems)
        if not isinstance(category.get("number"), int):
            problems.append(f"method_categories[{i}].number: " + _("must be a whole number"))

    _check_action_plan(data.get("action_plan"), area_groups, problems)
    _check_funding(data.get("funding"), area_groups, problems)
    _check_governance(data, problems)
    return problems


def _check_target(target: Any, place: str, problems: list[str]) -> None:
    if not isinstance(target, dict):
        problems.append(f"{place}: " + _("must be a mapping"))
        return
    _require_text(target, ["label"], f"{place}.", problems)
    value = target.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        problems.append(f"{place}.value: " + _("must be a number greater than zero"))
    _check_choice(target.get("unit"), QuantitativeTarget.Unit, f"{place}.unit", problems)
    _check_date(target.get("deadline"), f"{place}.deadline", problems)


def _check_action_plan(plan: Any, area_groups: dict[str, set[str]], problems: list[str]) -> None:
    if plan is None:
        return
    if not isinstance(plan, dict):
        problems.append("action_plan: " + _("must be a mapping"))
        return
    _require_text(plan, ["title"], "action_plan.", problems)
    for i, item in enumerate(_list(plan, "items", problems)):
        place = f"action_plan.items[{i}]"
        _require_text(item, ["measure"], f"{place}.", problems)
        area = item.get("focus_area")
        group = item.get("action_group")
        if area is None:
            if not str(item.get("group_label") or "").strip():
                problems.append(f"{place}: " + _("a row with no focus area needs a group_label"))
        elif str(area) not in area_groups:
            problems.append(
                f"{place}.focus_area: " + _("no focus area numbered %(number)s") % {"number": area}
            )
        elif group is not None and str(group) not in area_groups[str(area)]:
            problems.append(
                f"{place}.action_group: "
                + _("%(group)s is not an action group of %(area)s") % {"group": group, "area": area}
            )
        try:
            parse_meur(item.get("amount_meur"))
        except ValueError as error:
            problems.append(f"{place}.amount_meur: {error}")


def _check_funding(funding: Any, area_groups: dict[str, set[str]], problems: list[str]) -> None:
    if funding is None:
        return
    if not isinstance(funding, dict):
        problems.append("funding: " + _("must be a mapping"))
        return
    shares = [funding.get("local_share_percent"), funding.get("eu_state_share_percent")]
    if any(share is not None for share in shares):
        if not all(isinstance(share, int | float) and 0 <= share <= 100 for share in shares):
            problems.append("funding: " + _("both shares must be percentages from 0 to 100"))
        elif sum(shares) != 100:
            problems.append("funding: " + _("the local and EU + State shares must add up to 100 %"))
    ends = funding.get("akke_phase_ends_on")
    if ends is not None and not isinstance(ends, datetime.date):
        problems.append("funding.akke_phase_ends_on: " + _("must be a date (YYYY-MM-DD)"))
    codes = [instrument.get("code") for instrument in _list(funding, "instruments", problems)]
    for i, code in enumerate(codes):
        _check_choice(code, Instrument, f"funding.instruments[{i}].code", problems)
    if len(codes) != len(set(codes)):
        problems.append("funding.instruments: " + _("an instrument appears twice"))
    for i, rule in enumerate(_list(funding, "rules", problems)):
        _check_choice(rule.get("kind"), FundingRule.Kind, f"funding.rules[{i}].kind", problems)
        if str(rule.get("focus_area")) not in area_groups:
            problems.append(
                f"funding.rules[{i}].focus_area: "
                + _("no focus area numbered %(number)s") % {"number": rule.get("focus_area")}
            )


def _check_governance(data: dict, problems: list[str]) -> None:
    kinds = []
    for i, body in enumerate(_list(data, "governance", problems)):
        place = f"governance[{i}]"
        _require_text(body, ["name"], f"{place}.", problems)
        _check_choice(body.get("kind"), GovernanceBody.Kind, f"{place}.kind", problems)
        kinds.append(body.get("kind"))
        for j, phase in enumerate(_list(body, "funding_phases", problems)):
            _check_choice(
                phase.get("instrument"), Instrument, f"{place}.funding_phases[{j}]", problems
            )
            for key in ("starts_on", "ends_on"):
                _check_date(phase.get(key), f"{place}.funding_phases[{j}].{key}", problems)
    if len(kinds) != len(set(kinds)):
        problems.append("governance: " + _("a kind of body appears twice"))


def _list(parent: Any, key: str, problems: list[str], required: bool = False) -> list:
    value = parent.get(key) if isinstance(parent, dict) else None
    if value is None:
        if required:
            problems.append(f"{key}: " + _("missing"))
        return []
    if not isinstance(value, list):
        problems.append(f"{key}: " + _("must be a list"))
        return []
    return value


def _require_text(parent: Any, keys: list[str], prefix: str, problems: list[str]) -> None:
    if not isinstance(parent, dict):
        problems.append(f"{prefix.rstrip('.')}: " + _("must be a mapping"))
        return
    for key in keys:
        value = parent.get(key)
        if value is None or not str(value).strip():
            problems.append(f"{prefix}{key}: " + _("missing"))


def _check_choice(value: Any, choices, place: str, problems: list[str]) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        problems.append(
            f"{place}: "
            + _("%(value)r is not one of %(allowed)s") % {"value": value, "allowed": allowed}
        )


def _check_date(value: Any, place: str, problems: list[str]) -> None:
    if value is not None and not isinstance(value, datetime.date):
        problems.append(
            f"{place}: " + _("%(value)r is not a date (write YYYY-MM-DD)") % {"value": value}
        )
