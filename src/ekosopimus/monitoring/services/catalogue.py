"""Writes to the indicator register."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history

from ..models import Dimension, IndicatorDefinition

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "eu_indicators.yaml"
CODE = re.compile(r"^RC[OR]\d{2,3}$")
FIELDS = {
    "en": "name_en",
    "fi": "name_fi",
    "sv": "name_sv",
    "unit": "unit",
    "kind": "kind",
    "accumulation": "accumulation",
    "disaggregation": "disaggregation",
    "dimension": "dimension",
    "note": "definition_note",
}


class CatalogueError(ValueError):
    """The catalogue file has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CatalogueOutcome:
    created: int
    updated: int
    unchanged: int


def _read(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(
            [_("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}]
        ) from error
    entries = (data or {}).get("indicators") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueError([_("%(file)s has no list of indicators.") % {"file": path.name}])
    problems, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        code = str(entry.get("code") or "") if isinstance(entry, dict) else ""
        place = f"{number}. {code or '?'}"
        if not CODE.match(str(code)):
            problems.append(
                _("%(place)s: the code must look like RCO01 or RCR102.") % {"place": place}
            )
        if code in seen:
            problems.append(_("%(place)s: the code appears twice.") % {"place": place})
        seen.add(code)
        if not isinstance(entry, dict):
            continue
        if entry.get("kind") not in IndicatorDefinition.Kind.values:
            problems.append(_("%(place)s: kind must be output or result.") % {"place": place})
        accumulation = entry.get("accumulation", IndicatorDefinition.Accumulation.CUMULATIVE)
        if accumulation not in IndicatorDefinition.Accumulation.values:
            problems.append(
                _("%(place)s: accumulation must be cumulative or per_period.") % {"place": place}
            )
        if entry.get("dimension", "") not in ("", *Dimension.values):
            problems.append(
                _("%(place)s: dimension must be one of %(known)s.")
                % {"place": place, "known": ", ".join(Dimension.values)}
            )
        for key in ("en", "fi", "unit"):
            if not str(entry.get(key) or "").strip():
                problems.append(_("%(place)s: %(key)s is missing.") % {"place": place, "key": key})
        if code.startswith("RCO") != (entry.get("kind") == "output"):
            problems.append(
                _("%(place)s: an RCO code is an output, an RCR code a result.") % {"place": place}
            )
    if problems:
        raise CatalogueError(problems)
    return entries


@transaction.atomic
def indicator_catalogue_load(
    *, by: AbstractBaseUser | None = None, path: Path = CATALOGUE
) -> CatalogueOutcome:
    """Create or update the EU common indicators from the bundled catalogue.

    Safe to run again: an indicator that already reads as the file says is left untouched, and
    nothing is written unless the whole file is valid. Indicators not in the file are kept.
    """
    entries = _read(path)
    existing = {
        i.code: i for i in IndicatorDefinition.objects.filter(code__in=[e["code"] for e in entries])
    }
    created = updated = unchanged = 0
    for entry in entries:
        values = {
            field: " ".join(str(entry.get(key) or "").split()) for key, field in FIELDS.items()
        }
        values["accumulation"] = (
            values["accumulation"] or IndicatorDefinition.Accumulation.CUMULATIVE
        )
        indicator = existing.get(entry["code"])
        if indicator is None:
            indicator = IndicatorDefinition(code=entry["code"], is_eu_common=True, **values)
            save_with_history(indicator, by=by, reason=_("Loaded from the EU catalogue"))
            created += 1
        elif (
            any(getattr(indicator, f) != v for f, v in values.items()) or not indicator.is_eu_common
        ):
            for field, value in values.items():
                setattr(indicator, field, value)
            indicator.is_eu_common = True
            save_with_history(indicator, by=by, reason=_("Updated from the EU catalogue"))
            updated += 1
        else:
            unchanged += 1
    return CatalogueOutcome(created, updated, unchanged)
