"""Writes to the organisation register."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.lib.names import clean_name, name_key

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
            _("An organisation with business ID %(id)s is already registered.") % {"id": normalised}
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
