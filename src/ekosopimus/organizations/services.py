"""Writes to the organisation register."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib import bulk
from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.names import clean_name, name_key
from ekosopimus.lib.organization_kind import guess_kind

from .models import Organization, OrganizationName


@transaction.atomic
def organization_create(
    *,
    name: str,
    business_id: str | None = None,
    kind: str = Organization.Kind.OTHER,
    name_sv: str = "",
    is_sample: bool = False,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Organization:
    """Create an organisation; refuses a bad business ID or one already registered."""
    name = clean_name(name)
    if not name:
        raise ValidationError(_("An organisation needs a name."))
    normalised = normalise_business_id(business_id) if business_id else None
    if normalised and Organization.objects.filter(business_id=normalised).exists():
        raise ValidationError(
            {
                "business_id": _("An organisation with business ID %(id)s is already registered.")
                % {"id": normalised}
            },
            code="duplicate",
        )
    organization = Organization(
        name=name, name_sv=clean_name(name_sv), business_id=normalised, kind=kind
    )
    organization.is_sample = is_sample
    organization.full_clean(validate_constraints=False)
    organization._history_user = by
    organization._change_reason = reason or _("Created")
    organization.save()
    OrganizationName.objects.create(organization=organization, name=name, key=name_key(name))
    return organization


@transaction.atomic
def organization_resolve(
    *,
    name: str,
    business_id: str | None = None,
    kind: str = Organization.Kind.OTHER,
    is_sample: bool = False,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Organization:
    """The organisation that ``name`` (and ``business_id``, when known) refers to.

    - A business ID decides: the organisation holding it is returned, and a new spelling of its
      name is remembered.
    - A name alone finds the organisation that has been seen under the same spelling (letter
      case, spaces and dashes aside). Where several organisations with different business IDs
      share that spelling, the one without an ID is preferred, then the oldest; none is merged.
    - An organisation known only by name that now arrives with a business ID takes that ID.
    - Otherwise a new organisation is created.
    """
    name = clean_name(name)
    if not name:
        raise ValidationError(_("An organisation needs a name."))
    key = name_key(name)
    normalised = normalise_business_id(business_id) if business_id else None

    if normalised:
        organization = Organization.objects.filter(business_id=normalised).first()
        if organization is None:
            organization = (
                Organization.objects.filter(names__key=key, business_id__isnull=True)
                .order_by("pk")
                .first()
            )
            if organization is not None:
                organization.business_id = normalised
                organization._history_user = by
                organization._change_reason = reason or _("Business ID added")
                organization.save(update_fields=["business_id"])
    else:
        candidates = Organization.objects.filter(names__key=key).order_by("pk")
        organization = candidates.filter(business_id__isnull=True).first() or candidates.first()

    if organization is None:
        return organization_create(
            name=name,
            business_id=normalised,
            kind=kind,
            is_sample=is_sample,
            by=by,
            reason=reason,
        )
    OrganizationName.objects.get_or_create(
        organization=organization, key=key, defaults={"name": name}
    )
    return organization


def _chunks(items: list, size: int = 2000):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def organizations_resolve_bulk(
    *,
    names: Iterable[tuple[str, str | None]],
    by: AbstractBaseUser | None,
    reason: str,
    is_sample: bool = False,
) -> dict[tuple[str, str | None], Organization]:
    """Resolve many (name, business ID) pairs at once, by the rules of ``organization_resolve``.

    For imports of many thousand rows: the register is read once and the new organisations and
    spellings are written in bulk. Business IDs must already be normalised. Returns a mapping
    from each (name key, business ID) pair to its organisation.
    """
    wanted: dict[tuple[str, str | None], str] = {}
    # An import names the same few thousand organisations on a hundred thousand rows.
    for name, business_id in dict.fromkeys(names):
        name = clean_name(name)
        if name:
            wanted.setdefault((name_key(name), business_id or None), name)
    ids = sorted({business_id for _key, business_id in wanted if business_id})
    keys = sorted({key for key, _business_id in wanted})
    by_id = {
        organization.business_id: organization
        for chunk in _chunks(ids)
        for organization in Organization.objects.filter(business_id__in=chunk)
    }
    by_key: dict[str, list[Organization]] = {}
    for chunk in _chunks(keys):
        spellings = OrganizationName.objects.filter(key__in=chunk).select_related("organization")
        for spelling in spellings.order_by("organization_id"):
            by_key.setdefault(spelling.key, []).append(spelling.organization)

    resolved: dict[tuple[str, str | None], Organization] = {}
    new: list[Organization] = []
    identified: list[Organization] = []
    # Pairs with a business ID first, so that a bare name can then find the organisation.
    for (key, business_id), name in sorted(wanted.items(), key=lambda item: item[0][1] is None):
        organization = by_id.get(business_id) if business_id else None
        candidates = by_key.get(key, [])
        if organization is None and business_id:
            organization = next((o for o in candidates if o.business_id is None), None)
            if organization is not None:
                organization.business_id = business_id
                identified.append(organization)
        elif organization is None:
            organization = next((o for o in candidates if o.business_id is None), None) or (
                candidates[0] if candidates else None
            )
        if organization is None:
            organization = Organization(
                name=name, business_id=business_id, kind=guess_kind(name), is_sample=is_sample
            )
            new.append(organization)
        if business_id:
            by_id[business_id] = organization
        if organization not in candidates:
            by_key.setdefault(key, []).append(organization)
        resolved[(key, business_id)] = organization

    _insert_with_history(new, by=by, reason=reason)
    for organization in identified:
        organization._history_user = by
        organization._change_reason = reason
        organization.save(update_fields=["business_id"])
    known = {
        (spelling.organization_id, spelling.key)
        for chunk in _chunks(keys)
        for spelling in OrganizationName.objects.filter(key__in=chunk).only(
            "organization_id", "key"
        )
    }
    spellings = {
        (organization.pk, key): name
        for (key, _business_id), organization in resolved.items()
        for name in [wanted[(key, _business_id)]]
        if (organization.pk, key) not in known
    }
    bulk.insert(
        OrganizationName,
        [
            {"organization_id": pk, "key": key, "name": name}
            for (pk, key), name in spellings.items()
        ],
    )
    return resolved


def _insert_with_history(organizations: list[Organization], *, by, reason: str) -> None:
    """Store new organisations with their creation in the history; each gets its ``pk``."""
    rows = [
        {
            "name": organization.name,
            "name_sv": organization.name_sv,
            "business_id": organization.business_id,
            "kind": organization.kind,
            "is_sample": organization.is_sample,
        }
        for organization in organizations
    ]
    bulk.insert(Organization, rows)
    for organization, row in zip(organizations, rows, strict=True):
        organization.pk = row["id"]
        organization._state.adding = False
    bulk.record_history(Organization, rows, user=by, reason=reason, change="+")
