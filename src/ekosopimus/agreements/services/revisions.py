"""Publishing a revision of an agreement, with its links carried over; terminating one.

A revision is published whole or not at all: the new version, every link carried over to it,
the funding rules it keeps and the written record of the revision are stored in one
transaction, each with its history, and the earlier version stays as it was. Two coordinators
publishing at once cannot both succeed: the agreement's row is locked for the publication and
the version in force must still be the one the carry-over was planned against (and the
database refuses a second version of the same number).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.text import collapse

from .. import anchors as anchor_lib
from ..data_files import check_agreement_data
from ..models import (
    Agreement,
    AgreementVersion,
    FundingRule,
    PartyDecision,
    Revision,
    Signature,
    TerminationNotice,
)
from ..selectors import version_current
from .loading import agreement_load_data

Progress = Callable[[str, int, int], None]


class RevisionError(ValueError):
    """A revision that cannot be published; ``problems`` lists every reason in full."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Carry:
    """Where the links on one anchor of the version in force go: to the revision's item
    ``to`` (an anchor key), or nowhere (``to=None``) for the ``reason`` given."""

    to: str | None
    reason: str = ""


@dataclass(frozen=True)
class RevisionRecord:
    """What the written revision says of itself."""

    initiated_by: str
    enters_into_force_on: datetime.date
    summary: str = ""
    label: str = ""


def agreement_lock(agreement: Agreement) -> None:
    """Hold ``agreement`` for the caller's transaction, before it reads anything.

    An UPDATE that changes nothing locks the row on PostgreSQL until the transaction ends, as
    ``select_for_update`` would; on SQLite, which ignores ``select_for_update``, it takes the
    database's write lock, and a transaction that read first could not take that lock once
    another had written. A second publisher waits here and then reads what the first stored.
    """
    Agreement.objects.filter(pk=agreement.pk).update(status=F("status"))


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def entered_into_force(version: AgreementVersion) -> datetime.date | None:
    """When the version entered into force: its revision's date, else its adoption date."""
    revision = Revision.objects.filter(version=version).first()
    return revision.enters_into_force_on if revision else version.adopted_on


def revision_check(
    *,
    agreement: Agreement,
    data: dict[str, Any],
    record: RevisionRecord | None = None,
    current: AgreementVersion | None = None,
) -> list[str]:
    """Every reason why ``data`` cannot be published as the next version of ``agreement``:
    another agreement's document, an agreement that is terminated, dates that do not follow
    the version in force. Empty when it can."""
    problems: list[str] = []
    if agreement.status == Agreement.Status.TERMINATED:
        problems.append(
            _("%(agreement)s has been terminated; a terminated agreement is not revised.")
            % {"agreement": agreement}
        )
    region = collapse(str(data.get("city_region") or "")).casefold()
    if data.get("slug") != agreement.slug and region != agreement.city_region.casefold():
        problems.append(
            _(
                "The document is the agreement of %(other)s, not of %(region)s: a revision "
                "must be a document of the agreement it revises."
            )
            % {
                "other": data.get("city_region") or data.get("slug"),
                "region": agreement.city_region,
            }
        )
    current = current or version_current(agreement)
    if current is None:
        problems.append(
            _("%(agreement)s has no version in force to revise.") % {"agreement": agreement}
        )
        return problems
    ends_on = data.get("ends_on")
    if isinstance(ends_on, datetime.date) and agreement.ends_on and ends_on < agreement.ends_on:
        problems.append(
            _(
                "The revision ends on %(ends)s, before the version in force (%(current)s). A "
                "revision keeps the agreement's period; to end it earlier, record a party's "
                "termination notice."
            )
            % {"ends": _day(ends_on), "current": _day(agreement.ends_on)}
        )
    if record is not None:
        since = entered_into_force(current)
        if since and record.enters_into_force_on < since:
            problems.append(
                _(
                    "The revision would enter into force on %(date)s, before the version in "
                    "force did (%(since)s)."
                )
                % {"date": _day(record.enters_into_force_on), "since": _day(since)}
            )
        ends = ends_on if isinstance(ends_on, datetime.date) else agreement.ends_on
        if ends and record.enters_into_force_on > ends:
            problems.append(
                _("The revision would enter into force on %(date)s, after the agreement ends.")
                % {"date": _day(record.enters_into_force_on)}
            )
        if not collapse(record.initiated_by):
            problems.append(_("Say which party initiated the revision."))
    return problems


def unresolved_links(
    *, current: AgreementVersion, carry: dict[str, Carry], new_keys: set[str]
) -> list[str]:
    """A sentence for each anchor of ``current`` that records link to and ``carry`` does not
    send anywhere (or sends to an item the revision does not have)."""
    problems = []
    links = anchor_lib.linked_anchors(current)
    for anchor in anchor_lib.anchors_of_version(current):
        count = links.get((anchor.kind, anchor.pk))
        if not count:
            continue
        choice = carry.get(f"{anchor.kind}:{anchor.pk}")
        if choice is None:
            problems.append(
                _("%(kind)s %(item)s: %(count)s links are not carried over or ended yet.")
                % {"kind": anchor.kind_label, "item": anchor, "count": count}
            )
        elif choice.to is not None and f"{anchor.kind}:{choice.to}" not in new_keys:
            problems.append(
                _("%(kind)s %(item)s: the revision has no item %(key)s to carry it to.")
                % {"kind": anchor.kind_label, "item": anchor, "key": choice.to}
            )
        elif choice.to is None and not collapse(choice.reason):
            problems.append(
                _("%(kind)s %(item)s: say why its links end.")
                % {"kind": anchor.kind_label, "item": anchor}
            )
    return problems


@transaction.atomic
def agreement_revision_publish(
    *,
    agreement: Agreement,
    data: dict[str, Any],
    carry: dict[str, Carry],
    expected_version: int,
    record: RevisionRecord,
    source: str,
    by: AbstractBaseUser | None,
    progress: Progress | None = None,
) -> AgreementVersion:
    """Publish ``data`` as the next version of ``agreement`` and carry every link over.

    ``carry`` says, by ``kind:id`` of each anchor of the version in force that records link
    to, where its links go. ``expected_version`` is the number of the version in force the
    carry-over was planned against. Raises ``RevisionError`` listing every problem; then
    nothing is stored.
    """
    step = progress or (lambda _what, _done, _total: None)
    agreement_lock(agreement)
    agreement = Agreement.objects.get(pk=agreement.pk)
    current = version_current(agreement)
    if current is not None and current.number != expected_version:
        raise RevisionError(
            [
                _(
                    "Version %(number)s of %(agreement)s was published while this revision "
                    "was being reviewed. Review the carry-over again against it."
                )
                % {"number": current.number, "agreement": agreement}
            ]
        )
    problems = revision_check(agreement=agreement, data=data, record=record, current=current)
    if problems:
        raise RevisionError(problems)
    data = {**data, "slug": agreement.slug}
    number = current.number + 1
    data["version"] = {
        **(data.get("version") or {}),
        "number": number,
        "label": collapse(record.label) or (data.get("version") or {}).get("label") or "",
        "adopted_on": record.enters_into_force_on,
    }
    new_keys = {anchor.ref for anchor in anchor_lib.anchors_of_data(data)}
    problems = check_agreement_data(data) + unresolved_links(
        current=current, carry=carry, new_keys=new_keys
    )
    if problems:
        raise RevisionError(problems)

    step("version", 0, 1)
    try:
        with transaction.atomic():
            agreement_load_data(data=data, source=source, by=by)
    except IntegrityError as error:
        raise RevisionError(
            [
                _("Version %(number)s of %(agreement)s exists already; nothing was stored.")
                % {"number": number, "agreement": agreement}
            ]
        ) from error
    version = AgreementVersion.objects.get(agreement=agreement, number=number)
    reason = _("Carried over to version %(number)s") % {"number": number}
    _update_agreement(agreement, data, by, reason)

    new_ids = anchor_lib.carried_ids(anchor_lib.anchors_of_version(version))
    mapping, reasons = {}, {}
    for ref, choice in carry.items():
        kind, _sep, pk = ref.partition(":")
        key = (kind, int(pk))
        mapping[key] = new_ids[f"{kind}:{choice.to}"] if choice.to is not None else None
        if choice.to is None:
            reasons[key] = _("Ended in version %(number)s: %(reason)s") % {
                "number": number,
                "reason": collapse(choice.reason),
            }
    step("links", 0, 1)
    anchor_lib.links_carry(
        version=current,
        mapping=mapping,
        reasons=reasons,
        carried=reason,
        by=by,
        progress=lambda done, total: step("links", done, total),
    )
    _carry_funding(current, version, mapping, by, reason)
    save_with_history(
        Revision(
            version=version,
            initiated_by=collapse(record.initiated_by),
            summary=record.summary.strip(),
            enters_into_force_on=record.enters_into_force_on,
            published_by=by,
            source_document=source[:255],
        ),
        by=by,
        reason=_("Revision published"),
    )
    step("done", 1, 1)
    return version


def _update_agreement(agreement: Agreement, data: dict, by, reason: str) -> None:
    """The agreement's own facts follow the revision where it states them."""
    changed = False
    for name in ("ends_on", "signed_on"):
        value = data.get(name)
        if isinstance(value, datetime.date) and getattr(agreement, name) != value:
            setattr(agreement, name, value)
            changed = True
    stated = collapse(data.get("entry_into_force"))
    if stated and stated != agreement.entry_into_force:
        agreement.entry_into_force = stated
        changed = True
    if changed:
        save_with_history(agreement, by=by, reason=reason)


def _carry_funding(current, version, mapping, by, reason: str) -> None:
    """Funding rules and the AKKE phase's end that the version in force holds and the revision
    does not restate stay in force, on the revision's focus areas."""
    restated = set(version.funding_rules.values_list("kind", "focus_area_id"))
    for rule in current.funding_rules.all():
        area = mapping.get((anchor_lib.AnchorKind.FOCUS_AREA, rule.focus_area_id))
        if area is None or (rule.kind, area) in restated:
            continue
        save_with_history(
            FundingRule(
                version=version, kind=rule.kind, focus_area_id=area, sentence=rule.sentence
            ),
            by=by,
            reason=reason,
            clean=False,
        )
        restated.add((rule.kind, area))
    if current.akke_phase_ends_on and version.akke_phase_ends_on is None:
        version.akke_phase_ends_on = current.akke_phase_ends_on
        save_with_history(version, by=by, reason=reason)


# The written record ---------------------------------------------------------------------------


@transaction.atomic
def revision_decision_add(
    *,
    revision: Revision,
    party: str,
    body: str,
    decided_on: datetime.date,
    reference: str = "",
    document_name: str = "",
    document: bytes = b"",
    by: AbstractBaseUser | None,
) -> PartyDecision:
    """Record a party's decision on the revision, with the document that shows it."""
    return save_with_history(
        PartyDecision(
            revision=revision,
            party=collapse(party),
            body=collapse(body),
            decided_on=decided_on,
            reference=collapse(reference),
            document_name=document_name[:255],
            document=document,
        ),
        by=by,
        reason=_("Decision recorded"),
    )


@transaction.atomic
def revision_signature_add(
    *,
    revision: Revision,
    party: str,
    signatory: str,
    signed_on: datetime.date,
    by: AbstractBaseUser | None,
) -> Signature:
    """Record a party's signature of the revision; each party signs once."""
    party = collapse(party)
    if Signature.objects.filter(revision=revision, party=party).exists():
        raise RevisionError([_("%(party)s has signed the revision already.") % {"party": party}])
    return save_with_history(
        Signature(
            revision=revision, party=party, signatory=collapse(signatory), signed_on=signed_on
        ),
        by=by,
        reason=_("Signature recorded"),
    )


@transaction.atomic
def termination_notice_record(
    *,
    agreement: Agreement,
    party: str,
    given_on: datetime.date,
    effective_on: datetime.date,
    reason: str,
    by: AbstractBaseUser | None,
) -> TerminationNotice:
    """Record a party's written notice of termination; the agreement is terminated by it.

    Nothing of the agreement is removed: its versions and portfolio stay readable.
    """
    agreement_lock(agreement)
    agreement = Agreement.objects.get(pk=agreement.pk)
    problems = []
    if agreement.status == Agreement.Status.TERMINATED:
        problems.append(_("%(agreement)s has been terminated already.") % {"agreement": agreement})
    if effective_on < given_on:
        problems.append(_("The termination cannot take effect before the notice is given."))
    if not collapse(reason):
        problems.append(_("Say why the agreement is terminated."))
    if not collapse(party):
        problems.append(_("Say which party gives the notice."))
    if problems:
        raise RevisionError(problems)
    notice = save_with_history(
        TerminationNotice(
            agreement=agreement,
            party=collapse(party),
            given_on=given_on,
            effective_on=effective_on,
            reason=reason.strip(),
            recorded_by=by,
        ),
        by=by,
        reason=_("Termination notice recorded"),
    )
    agreement.status = Agreement.Status.TERMINATED
    save_with_history(
        agreement,
        by=by,
        reason=_("Terminated by %(party)s from %(date)s")
        % {"party": notice.party, "date": _day(effective_on)},
    )
    return notice
