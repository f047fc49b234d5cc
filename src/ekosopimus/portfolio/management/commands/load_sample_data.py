from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.monitoring.samples import sample_cycle_create, sample_cycle_remove
from ekosopimus.portfolio.services.samples import sample_data_create, sample_data_remove


class Command(BaseCommand):
    help = (
        "Adds a small sample portfolio to an agreement for trying the system, or removes it: "
        "ideas and projects in preparation, and a whole reporting cycle (a call, a meeting with "
        "decisions, granted projects, reporters and their reports). Sample projects and "
        "organisations are marked as sample data wherever they show."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreement", required=True, help="The agreement's short name.")
        parser.add_argument("--remove", action="store_true", help="Remove the sample data.")

    def handle(self, *args, agreement: str, remove: bool, **options):
        try:
            target = agreement_get(slug=agreement)
        except Http404:
            raise CommandError(
                _("No agreement with the short name “%(slug)s”.") % {"slug": agreement}
            ) from None
        if remove:
            with transaction.atomic():
                sample_cycle_remove(agreement=target, by=None)
                count = sample_data_remove(agreement=target, by=None)
            self.stdout.write(_("%(count)s sample projects removed.") % {"count": count})
            return
        try:
            with transaction.atomic():
                projects = sample_data_create(agreement=target, by=None)
                projects += sample_cycle_create(agreement=target, by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s sample projects added to %(agreement)s, marked as sample data.")
                % {"count": len(projects), "agreement": target.slug}
            )
        )
