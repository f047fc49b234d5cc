from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.accounts.models import Role
from ekosopimus.accounts.services import membership_grant
from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.business_id import normalise_business_id
from ekosopimus.organizations.models import Organization


class Command(BaseCommand):
    help = "Gives a user a role: in an agreement, or across agreements as a national viewer."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--agreement", help="the agreement's slug, e.g. kuopio")
        parser.add_argument("--organization", help="a reporter's organisation, by business ID")

    def handle(self, *args, username, role, agreement, organization, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user “%(username)s”.") % {"username": username})
        found_agreement = found_organization = None
        if agreement:
            found_agreement = Agreement.objects.filter(slug=agreement).first()
            if found_agreement is None:
                raise CommandError(_("No agreement “%(slug)s”.") % {"slug": agreement})
        if organization:
            try:
                business_id = normalise_business_id(organization)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            found_organization = Organization.objects.filter(business_id=business_id).first()
            if found_organization is None:
                raise CommandError(
                    _("No organisation with business ID %(id)s.") % {"id": organization}
                )
        try:
            membership = membership_grant(
                user=user,
                role=role,
                agreement=found_agreement,
                organization=found_organization,
                by=None,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(str(membership)))
