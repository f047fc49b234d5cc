"""How closely an imported draft reproduces curated agreement data, per element type.

An element counts as found only when it matches exactly, after spaces, letter case and a final
full stop are set aside: a key measure cut in the wrong place is one wrong and one missing.
"""

from collections import Counter
from dataclasses import dataclass

ELEMENT_TYPES = (
    "parties",
    "focus_areas",
    "action_groups",
    "key_measures",
    "considerations",
    "targets",
    "action_plan_rows",
    "action_plan_amounts",
    "instruments",
    "governance_tasks",
)


def _norm(text) -> str:
    return " ".join(str(text or "").split()).rstrip(".").casefold()


def elements(data: dict) -> dict[str, Counter]:
    """Each element type's items as comparable tuples."""
    found = {kind: Counter() for kind in ELEMENT_TYPES}
    for party in data.get("parties") or []:
        found["parties"][(_norm(party["name"]), party["kind"])] += 1
    for area in data.get("focus_areas") or []:
        number = str(area["number"])
        found["focus_areas"][(number, _norm(area["name"]))] += 1
        for target in area.get("targets") or []:
            found["targets"][(number, target["value"], _norm(target["label"]))] += 1
        for group in area.get("action_groups") or []:
            found["action_groups"][(number, str(group["number"]), _norm(group["name"]))] += 1
            for key in ("key_measures", "considerations"):
                for text in group.get(key) or []:
                    found[key][(str(group["number"]), _norm(text))] += 1
    for item in (data.get("action_plan") or {}).get("items") or []:
        row = (item.get("focus_area"), item.get("action_group"), _norm(item["measure"]))
        found["action_plan_rows"][row] += 1
        found["action_plan_amounts"][(*row, item.get("amount_meur"))] += 1
    for instrument in (data.get("funding") or {}).get("instruments") or []:
        found["instruments"][instrument["code"]] += 1
    for body in data.get("governance") or []:
        for task in body.get("tasks") or []:
            found["governance_tasks"][(body["kind"], _norm(task))] += 1
    return found


@dataclass(frozen=True)
class Score:
    """Items found right, found wrongly, and missed, of one element type."""

    correct: int
    wrong: int
    missed: int

    @property
    def precision(self) -> float | None:
        found = self.correct + self.wrong
        return self.correct / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.correct + self.missed
        return self.correct / expected if expected else None


def compare(draft: dict, curated: dict) -> dict[str, Score]:
    """Precision and recall of ``draft`` against ``curated``, per element type."""
    got, want = elements(draft), elements(curated)
    scores = {}
    for kind in ELEMENT_TYPES:
        correct = sum((got[kind] & want[kind]).values())
        scores[kind] = Score(
            correct, sum(got[kind].values()) - correct, sum(want[kind].values()) - correct
        )
    return scores
