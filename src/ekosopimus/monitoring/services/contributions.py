"""Which project indicators count towards which agreement target."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import QuantitativeTarget
from ekosopimus.lib.history import save_with_history
from ekosopimus.lib.versions import check_version

from ..models import IndicatorDefinition, TargetContribution


@transaction.atomic
def contribution_add(
    *,
    target: QuantitativeTarget,
    indicator: IndicatorDefinition,
    by: AbstractBaseUser | None,
    project=None,
) -> TargetContribution:
    """Count ``indicator`` towards ``target``: from ``project`` only, or from every project
    of the agreement that reports it."""
    agreement_id = target.focus_area.version.agreement_id
    if project is not None and project.agreement_id != agreement_id:
        raise ValidationError(
            {"project": _("The project belongs to another agreement than the target.")}
        )
    same = TargetContribution.objects.filter(target=target, indicator=indicator)
    if same.filter(project=project).exists():
        raise ValidationError(_("This indicator already counts towards the target."))
    if project is not None and same.filter(project__isnull=True).exists():
        raise ValidationError(
            _("%(code)s already counts towards the target from every project.")
            % {"code": indicator.code}
        )
    if project is None:
        # The mapping for every project covers the per-project ones; keep one way of counting.
        for narrower in same:
            narrower._history_user = by
            narrower.delete()
    contribution = TargetContribution(target=target, indicator=indicator, project=project)
    return save_with_history(contribution, by=by, reason=_("Mapped to a target"))


@transaction.atomic
def contribution_remove(
    *, contribution: TargetContribution, by: AbstractBaseUser | None, version: int | None = None
) -> None:
    """Stop counting an indicator towards a target; the reports themselves are kept. A mapping
    changed after ``version`` was read is refused with ``StaleEdit``."""
    contribution = TargetContribution.objects.select_for_update().get(pk=contribution.pk)
    check_version(contribution, version)
    contribution._history_user = by
    contribution._change_reason = _("Mapping removed")
    contribution.delete()
