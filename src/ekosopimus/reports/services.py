"""Writes of the reports: the coordinator's narratives and the steering group's approval."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.accounts.access import access_for
from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.history import save_with_history

from .models import NARRATIVE_MAX_LENGTH, Narrative
from .periods import YearOutside, year_check


def _focus_area_numbers(agreement: Agreement) -> set[str]:
    from ekosopimus.agreements.selectors import version_current

    version = version_current(agreement)
    return set(version.focus_areas.values_list("number", flat=True)) if version else set()


def narrative_write(
    *,
    agreement: Agreement,
    year: int,
    focus_area_number: str,
    text: str,
    by: AbstractBaseUser,
) -> Narrative:
    """Save the coordinator's narrative of one focus area for ``year``'s annual report.

    A changed text of an approved narrative goes back to draft: the steering group approved
    the words it read. Refuses (``ValidationError``) a year outside the agreement, a focus area
    it does not have, an empty text and one over ``NARRATIVE_MAX_LENGTH`` characters;
    ``PermissionDenied`` for anyone but the agreement's coordinator or an administrator.
    """
    if not access_for(by).edits_portfolio(agreement.pk):
        raise PermissionDenied(_("Only the agreement's coordinator writes the narratives."))
    try:
        year_check(agreement=agreement, year=year)
    except YearOutside as error:
        raise ValidationError(str(error)) from None
    if focus_area_number not in _focus_area_numbers(agreement):
        raise ValidationError(
            _("The agreement has no focus area %(number)s.") % {"number": focus_area_number}
        )
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Write the narrative before saving it."))
    if len(text) > NARRATIVE_MAX_LENGTH:
        raise ValidationError(
            _("The narrative has %(length)s characters; at most %(max)s fit in the report.")
            % {"length": len(text), "max": NARRATIVE_MAX_LENGTH}
        )
    with transaction.atomic():
        narrative = (
            Narrative.objects.select_for_update()
            .filter(agreement=agreement, year=year, focus_area_number=focus_area_number)
            .first()
        )
        if narrative is None:
            narrative = Narrative(
                agreement=agreement, year=year, focus_area_number=focus_area_number
            )
        elif narrative.text == text:
            return narrative
        narrative.text = text
        narrative.status = Narrative.Status.DRAFT
        narrative.approved_by = None
        narrative.approved_at = None
        narrative.written_by = by
        narrative.written_at = timezone.now()
        return save_with_history(narrative, by=by, reason="Narrative written")


def narrative_approve(*, narrative: Narrative, by: AbstractBaseUser) -> Narrative:
    """Record the steering group's approval of ``narrative`` as it reads now.

    ``PermissionDenied`` for anyone but a member of the agreement's steering group or an
    administrator.
    """
    access = access_for(by)
    if not (access.is_admin or narrative.agreement_id in access.steers):
        raise PermissionDenied(_("Only a member of the steering group approves the narratives."))
    with transaction.atomic():
        narrative = Narrative.objects.select_for_update().get(pk=narrative.pk)
        if narrative.is_approved:
            return narrative
        narrative.status = Narrative.Status.APPROVED
        narrative.approved_by = by
        narrative.approved_at = timezone.now()
        return save_with_history(narrative, by=by, reason="Narrative approved")
