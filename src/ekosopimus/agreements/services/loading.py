"""Loading agreement data (the bundled files, or a published draft) into the register."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from ekosopimus.lib.formatting import parse_meur
from ekosopimus.lib.text import collapse, normalise_paragraphs

from ..data_files import (
    AgreementDataError,
    bundled_data_files,
    data_checksum,
    read_agreement_file,
)
from ..models import (
    ActionGroup,
    ActionPlan,
    ActionPlanItem,
    Agreement,
    AgreementInstrument,
    AgreementVersion,
    Consideration,
    CoordinationFundingPhase,
    FocusArea,
    FundingRule,
    GovernanceBody,
    GovernanceTask,
    KeyMeasure,
    MethodCategory,
    Party,
    QuantitativeTarget,
)


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one data file did."""

    CREATED = "created"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    DIFFERS = "differs"

    slug: str
    version_number: int
    result: str


def agreements_load_bundled(
    *, update: bool = False, by: AbstractBaseUser | None = None
) -> list[LoadOutcome]:
    """Load every bundled agreement data file; see ``agreement_load_file``.

    All files are checked before anything is written, so that one bad file stores nothing.
    """
    checked = [(path, read_agreement_file(path)) for path in bundled_data_files()]
    with transaction.atomic():
        return [
            agreement_load_data(data=data, source=path.name, update=update, by=by)
            for path, data in checked
        ]


def agreement_load_file(
    *, path: Path, update: bool = False, by: AbstractBaseUser | None = None
) -> LoadOutcome:
    """Load one agreement data file; see ``agreement_load_data``."""
    data = read_agreement_file(path)
    return agreement_load_data(data=data, source=path.name, update=update, by=by)


@transaction.atomic
def agreement_load_data(
    *,
    data: dict[str, Any],
    source: str,
    update: bool = False,
    by: AbstractBaseUser | None = None,
) -> LoadOutcome:
    """Store the agreement version that ``data`` describes, idempotently.

    - A version not yet stored is created (and the agreement with it).
    - A stored version loaded from identical data is left alone: loading twice changes nothing.
    - A stored version whose data differs is left alone (edits made since in the admin are not
      overwritten) unless ``update`` is set; then its content is replaced from the data.
    """
    checksum = data_checksum(data)
    number = data["version"]["number"]
    reason = _("Loaded from %(source)s") % {"source": source}
    agreement = Agreement.objects.filter(slug=data["slug"]).first()
    if agreement is None:
        agreement = Agreement(slug=data["slug"])
        _fill_agreement(agreement, data)
        _save(agreement, by, reason)
    version = agreement.versions.filter(number=number).first()
    if version is not None and version.source_sha256 == checksum:
        return LoadOutcome(agreement.slug, number, LoadOutcome.UNCHANGED)
    if version is not None and not update:
        return LoadOutcome(agreement.slug, number, LoadOutcome.DIFFERS)

    result = LoadOutcome.CREATED
    if version is not None:
        result = LoadOutcome.REPLACED
        _fill_agreement(agreement, data)
        _save(agreement, by, reason)
        try:
            # The version's own plan rows protect its focus areas; anything else that links
            # to them (projects) must stop the replacement.
            ActionPlanItem.objects.filter(plan__version=version).delete()
            version.delete()
        except ProtectedError as error:
            raise AgreementDataError(
                source,
                [
                    _(
                        "version %(number)s cannot be replaced because other records link "
                        "to it; publish the change as a new version instead"
                    )
                    % {"number": number}
                ],
            ) from error
    _create_version(agreement, data, checksum, by, reason)
    return LoadOutcome(agreement.slug, number, result)


def _fill_agreement(agreement: Agreement, data: dict[str, Any]) -> None:
    agreement.name = collapse(data["name"])
    agreement.city_region = collapse(data["city_region"])
    agreement.status = data.get("status", Agreement.Status.IN_FORCE)
    agreement.signed_on = data.get("signed_on")
    agreement.ends_on = data.get("ends_on")
    agreement.entry_into_force = collapse(data.get("entry_into_force"))
    agreement.source_document = collapse(data.get("source_document"))
    agreement.completeness = data.get("completeness", Agreement.Completeness.FULL_TEXT)
    agreement.unverified = collapse(data.get("unverified"))


def _create_version(
    agreement: Agreement,
    data: dict[str, Any],
    checksum: str,
    by: AbstractBaseUser | None,
    reason: str,
) -> AgreementVersion:
    meta = data["version"]
    funding = data.get("funding") or {}
    version = _save(
        AgreementVersion(
            agreement=agreement,
            number=meta["number"],
            label=collapse(meta["label"]),
            adopted_on=meta.get("adopted_on"),
            purpose_and_background=normalise_paragraphs(data.get("purpose_and_background")),
            goals=normalise_paragraphs(data.get("goals")),
            focus_areas_intro=normalise_paragraphs(data.get("focus_areas_intro")),
            implementation_text=normalise_paragraphs(data.get("implementation_text")),
            funding_text=normalise_paragraphs(funding.get("text")),
            local_share_percent=funding.get("local_share_percent"),
            eu_state_share_percent=funding.get("eu_state_share_percent"),
            split_sentence=collapse(funding.get("split_sentence")),
            split_applies_to_akke=bool(funding.get("split_applies_to_akke")),
            akke_phase_ends_on=funding.get("akke_phase_ends_on"),
            source_sha256=checksum,
        ),
        by,
        reason,
    )
    for position, party in enumerate(data["parties"], start=1):
        _save(
            Party(
                version=version,
                position=position,
                name=collapse(party["name"]),
                short_name=collapse(party.get("short_name")),
                kind=party["kind"],
                role=collapse(party.get("role")),
            ),
            by,
            reason,
        )
    areas, groups = _create_focus_areas(version, data["focus_areas"], by, reason)
    for category in data.get("method_categories") or []:
        _save(
            MethodCategory(
                version=version,
                number=category["number"],
                name=collapse(category["name"]),
                description=collapse(category.get("description")),
            ),
            by,
            reason,
        )
    if data.get("action_plan"):
        _create_action_plan(version, data["action_plan"], areas, groups, by, reason)
    for position, instrument in enumerate(funding.get("instruments") or [], start=1):
        _save(
            AgreementInstrument(
                version=version,
                position=position,
                instrument=instrument["code"],
                note=collapse(instrument.get("note")),
            ),
            by,
            reason,
        )
    for rule in funding.get("rules") or []:
        _save(
            FundingRule(
                version=version,
                kind=rule["kind"],
                focus_area=areas[str(rule["focus_area"])],
                sentence=collapse(rule.get("sentence")),
            ),
            by,
            reason,
        )
    for body_data in data.get("governance") or []:
        _create_governance_body(version, body_data, by, reason)
    return version


def _create_focus_areas(version, areas_data, by, reason):
    areas: dict[str, FocusArea] = {}
    groups: dict[tuple[str, str], ActionGroup] = {}
    for position, area_data in enumerate(areas_data, start=1):
        number = str(area_data["number"])
        area = _save(
            FocusArea(
                version=version,
                position=position,
                number=number,
                name=collapse(area_data["name"]),
                description=normalise_paragraphs(area_data.get("description")),
                vision=collapse(area_data.get("vision")),
            ),
            by,
            reason,
        )
        areas[number] = area
        for target_position, target in enumerate(area_data.get("targets") or [], start=1):
            _save(
                QuantitativeTarget(
                    focus_area=area,
                    position=target_position,
                    label=collapse(target["label"]),
                    value=target["value"],
                    unit=target["unit"],
                    deadline=target.get("deadline"),
                    source_sentence=collapse(target.get("source_sentence")),
                ),
                by,
                reason,
            )
        for group_position, group_data in enumerate(area_data.get("action_groups") or [], 1):
            group = _save(
                ActionGroup(
                    focus_area=area,
                    position=group_position,
                    number=str(group_data["number"]),
                    name=collapse(group_data["name"]),
                    core_description=normalise_paragraphs(group_data.get("core_description")),
                ),
                by,
                reason,
            )
            groups[(number, group.number)] = group
            for item_position, text in enumerate(group_data.get("key_measures") or [], 1):
                _save(
                    KeyMeasure(action_group=group, position=item_position, text=collapse(text)),
                    by,
                    reason,
                )
            for item_position, text in enumerate(group_data.get("considerations") or [], 1):
                _save(
                    Consideration(action_group=group, position=item_position, text=collapse(text)),
                    by,
                    reason,
                )
    return areas, groups


def _create_action_plan(version, plan_data, areas, groups, by, reason) -> ActionPlan:
    plan = _save(
        ActionPlan(
            version=version,
            title=collapse(plan_data["title"]),
            review_period_start=plan_data.get("review_period_start"),
            review_period_end=plan_data.get("review_period_end"),
            intro=normalise_paragraphs(plan_data.get("intro")),
        ),
        by,
        reason,
    )
    for position, item in enumerate(plan_data.get("items") or [], start=1):
        area_number = item.get("focus_area")
        group_number = item.get("action_group")
        _save(
            ActionPlanItem(
                plan=plan,
                position=position,
                focus_area=areas[str(area_number)] if area_number is not None else None,
                action_group=(
                    groups[(str(area_number), str(group_number))]
                    if group_number is not None
                    else None
                ),
                group_label=collapse(item.get("group_label")),
                measure=collapse(item["measure"]),
                planned_amount=parse_meur(item.get("amount_meur")),
            ),
            by,
            reason,
        )
    return plan


def _create_governance_body(version, body_data, by, reason) -> GovernanceBody:
    body = _save(
        GovernanceBody(
            version=version,
            kind=body_data["kind"],
            name=collapse(body_data["name"]),
            description=normalise_paragraphs(body_data.get("description")),
        ),
        by,
        reason,
    )
    for position, text in enumerate(body_data.get("tasks") or [], start=1):
        _save(GovernanceTask(body=body, position=position, text=collapse(text)), by, reason)
    for phase in body_data.get("funding_phases") or []:
        _save(
            CoordinationFundingPhase(
                body=body,
                instrument=phase["instrument"],
                starts_on=phase.get("starts_on"),
                ends_on=phase.get("ends_on"),
                sentence=collapse(phase.get("sentence")),
            ),
            by,
            reason,
        )
    return body


def _save(instance, by: AbstractBaseUser | None, reason: str):
    """Validate and save one record, leaving a history entry with who and why."""
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance._history_user = by
    instance._change_reason = reason
    instance.save()
    return instance
