"""Which item of a revision each item of the version in force becomes.

Matching is automatic only where it is safe:

- the same number and the same wording ("same");
- the same wording under another number, and no other item of the revision worded so
  ("renumbered");
- the same item with small wording changes: the closest item of the revision by the
  similarity engine (lemmatised TF-IDF), close enough, and each the other's closest
  ("reworded").

A weaker likeness is only suggested, for the coordinator to confirm or override; an item with
no likeness at all waits for the coordinator's choice.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from ekosopimus.agreements.anchors import Anchor
from ekosopimus.analysis.similarity.index import SimilarityIndex
from ekosopimus.lib.comparable import comparable_text

# The cosine similarity at which a reworded item is taken as the same item without asking;
# and below which no item is suggested. Chosen on the seed agreements' names and measures
# reworded as revisions word them (``tests/test_matching.py``).
REWORDED = 0.6
SUGGESTED = 0.3


class How(models.TextChoices):
    SAME = "same", _("same number and wording")
    RENUMBERED = "renumbered", _("same wording, new number")
    REWORDED = "reworded", _("small wording changes")
    SUGGESTED = "suggested", _("suggested: confirm or choose another")
    NONE = "none", _("no match in the revision")


AUTOMATIC = frozenset({How.SAME, How.RENUMBERED, How.REWORDED})


@dataclass(frozen=True)
class Proposal:
    """The revision's item (by key) an item of the version in force most likely became."""

    to: str | None
    how: str
    score: float = 0.0

    @property
    def automatic(self) -> bool:
        return self.how in AUTOMATIC


def match_anchors(old: list[Anchor], new: list[Anchor]) -> dict[str, Proposal]:
    """A proposal for every anchor of ``old`` (by ``Anchor.ref``) among ``new`` of its kind."""
    proposals: dict[str, Proposal] = {}
    olds, news = defaultdict(list), defaultdict(list)
    for anchor in old:
        olds[anchor.kind].append(anchor)
    for anchor in new:
        news[anchor.kind].append(anchor)
    for kind, items in olds.items():
        proposals.update(_match_kind(items, news.get(kind, [])))
    return proposals


def _match_kind(old: list[Anchor], new: list[Anchor]) -> dict[str, Proposal]:
    found: dict[str, Proposal] = {}
    taken: set[str] = set()
    by_key = {anchor.key: anchor for anchor in new}
    by_text: dict[str, list[Anchor]] = defaultdict(list)
    for anchor in new:
        by_text[comparable_text(anchor.text)].append(anchor)

    for anchor in old:
        twin = by_key.get(anchor.key)
        if twin is not None and comparable_text(twin.text) == comparable_text(anchor.text):
            found[anchor.ref] = Proposal(twin.key, How.SAME, 1.0)
            taken.add(twin.key)
    for anchor in old:
        if anchor.ref in found:
            continue
        same = [a for a in by_text.get(comparable_text(anchor.text), []) if a.key not in taken]
        if len(same) == 1:
            found[anchor.ref] = Proposal(same[0].key, How.RENUMBERED, 1.0)
            taken.add(same[0].key)

    left_old = [anchor for anchor in old if anchor.ref not in found]
    left_new = [anchor for anchor in new if anchor.key not in taken]
    if left_old and left_new:
        found.update(_by_likeness(left_old, left_new))
    for anchor in old:
        found.setdefault(anchor.ref, Proposal(None, How.NONE))
    return found


def _by_likeness(old: list[Anchor], new: list[Anchor]) -> dict[str, Proposal]:
    index = SimilarityIndex.build(
        [(("old", a.key), a.text) for a in old] + [(("new", a.key), a.text) for a in new]
    )
    candidates = index.subset([("new", a.key) for a in new])
    olds = index.subset([("old", a.key) for a in old])
    best: dict[str, tuple[str, float]] = {}
    for anchor in old:
        matches = candidates.closest(index.vector_of(("old", anchor.key)), limit=1)
        if matches:
            best[anchor.key] = (matches[0].key[1], float(matches[0].score))
    best_back: dict[str, str] = {}
    for anchor in new:
        matches = olds.closest(index.vector_of(("new", anchor.key)), limit=1)
        if matches:
            best_back[anchor.key] = matches[0].key[1]

    found: dict[str, Proposal] = {}
    taken: set[str] = set()
    # Surest first, so that a weaker likeness never takes an item a surer one needs.
    for anchor in sorted(old, key=lambda a: -best.get(a.key, ("", 0.0))[1]):
        if anchor.key not in best:
            continue
        key, score = best[anchor.key]
        if score < SUGGESTED:
            continue
        mutual = best_back.get(key) == anchor.key
        if score >= REWORDED and mutual and key not in taken:
            found[anchor.ref] = Proposal(key, How.REWORDED, round(score, 2))
            taken.add(key)
        else:
            found[anchor.ref] = Proposal(key, How.SUGGESTED, round(score, 2))
    return found
