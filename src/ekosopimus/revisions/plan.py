"""The carry-over plan: for each item of the version in force that records link to, where its
links go in the revision, and whether that is settled.

An item is settled when the match is automatic (``matching``) or the coordinator chose: to
confirm a suggestion, to send the links to another item, or to end them with a reason. Nothing
is published while an item with links is unsettled.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ekosopimus.agreements.anchors import (
    Anchor,
    Link,
    anchors_of_data,
    anchors_of_version,
    links_of,
)
from ekosopimus.agreements.models import Agreement, AgreementVersion
from ekosopimus.agreements.selectors import version_current
from ekosopimus.agreements.services.revisions import Carry

from .matching import How, Proposal, match_anchors


@dataclass
class PlanRow:
    """One item of the version in force, the records that link to it and where they go."""

    anchor: Anchor
    links: list[Link]
    proposal: Proposal
    choice: Carry | None = None
    target: Anchor | None = None  # the revision's item the links go to
    options: list[Anchor] = field(default_factory=list)  # the revision's items of its kind

    @property
    def carry(self) -> Carry | None:
        """Where the links go, if settled."""
        if self.choice is not None:
            return self.choice
        if self.proposal.automatic:
            return Carry(to=self.proposal.to)
        return None

    @property
    def settled(self) -> bool:
        return not self.links or self.carry is not None

    @property
    def ends(self) -> bool:
        return self.carry is not None and self.carry.to is None

    @property
    def how(self) -> str:
        """How the row was settled, in words."""
        if self.choice is None:
            return str(How(self.proposal.how).label)
        if self.choice.to is None:
            return _("ended: %(reason)s") % {"reason": self.choice.reason}
        if self.choice.to == self.proposal.to:
            return _("confirmed by the coordinator")
        return _("chosen by the coordinator")

    @property
    def ref(self) -> str:
        return f"{self.anchor.kind}:{self.anchor.pk}"

    def counts(self) -> dict[str, int]:
        """How many links of each kind of record hang on the item."""
        found: dict[str, int] = {}
        for link in self.links:
            found[link.field.label] = found.get(link.field.label, 0) + 1
        return found


@dataclass
class CarryOverPlan:
    """Every item of the version in force with its links, and the revision's items."""

    agreement: Agreement
    current: AgreementVersion
    rows: list[PlanRow]
    new_anchors: list[Anchor]

    @property
    def linked(self) -> list[PlanRow]:
        """The rows that records link to: the ones that need carrying over."""
        return [row for row in self.rows if row.links]

    @property
    def unsettled(self) -> list[PlanRow]:
        return [row for row in self.rows if not row.settled]

    @property
    def carry(self) -> dict[str, Carry]:
        """The settled choices of the rows with links, as the publication takes them."""
        return {row.ref: row.carry for row in self.linked if row.carry is not None}

    @property
    def link_count(self) -> int:
        return sum(len(row.links) for row in self.rows)

    def options(self, kind: str) -> list[Anchor]:
        """The revision's items of ``kind``, to choose from."""
        return [anchor for anchor in self.new_anchors if anchor.kind == kind]

    def as_json(self) -> dict[str, Any]:
        """The plan for the command line and the API: matched and unmatched links."""

        def row_json(row: PlanRow) -> dict[str, Any]:
            return {
                "kind": row.anchor.kind,
                "item": str(row.anchor),
                "key": row.anchor.key,
                "to": row.carry.to if row.carry else row.proposal.to,
                "to_item": str(row.target) if row.target else None,
                "how": row.proposal.how if row.choice is None else "chosen",
                "score": row.proposal.score,
                "ends": row.ends,
                "reason": row.carry.reason if row.carry else "",
                "links": [
                    {"record": link.field.label, "id": link.pk, "name": link.label}
                    for link in row.links
                ],
            }

        return {
            "version_in_force": self.current.number,
            "links": self.link_count,
            "matched": [row_json(row) for row in self.linked if row.settled],
            "unmatched": [row_json(row) for row in self.unsettled],
        }


def carry_over_plan(
    *,
    agreement: Agreement,
    data: dict[str, Any],
    choices: dict[str, dict] | None = None,
    current: AgreementVersion | None = None,
) -> CarryOverPlan:
    """The carry-over of ``agreement``'s version in force to the revision ``data``, with the
    coordinator's ``choices`` (``{ref: {"to": key or None, "reason": …}}``) applied."""
    current = current or version_current(agreement)
    old = anchors_of_version(current)
    new = anchors_of_data(data)
    proposals = match_anchors(old, new)
    links = links_of(current)
    by_ref = {anchor.ref: anchor for anchor in new}
    by_kind: dict[str, list[Anchor]] = {}
    for anchor in new:
        by_kind.setdefault(anchor.kind, []).append(anchor)
    rows = []
    for anchor in old:
        row = PlanRow(
            anchor=anchor,
            links=links.get((anchor.kind, anchor.pk), []),
            proposal=proposals[anchor.ref],
            options=by_kind.get(anchor.kind, []),
        )
        chosen = (choices or {}).get(row.ref)
        if chosen is not None:
            row.choice = Carry(to=chosen.get("to") or None, reason=chosen.get("reason") or "")
        if row.carry is not None:
            row.target = by_ref.get(f"{anchor.kind}:{row.carry.to}") if row.carry.to else None
        elif row.proposal.to is not None:
            row.target = by_ref.get(f"{anchor.kind}:{row.proposal.to}")
        rows.append(row)
    return CarryOverPlan(agreement=agreement, current=current, rows=rows, new_anchors=new)
