from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.accounts.privacy import (
    person_erase,
    person_erase_preview,
    person_name_erase,
    person_name_preview,
)


class Command(BaseCommand):
    help = (
        "Erases a person's personal data: an account (by e-mail or user name) or a name in the "
        "records, pseudonymising their history. --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="the account's e-mail address")
        who.add_argument("--username", help="the account's user name")
        who.add_argument("--name", help="a person without an account, exactly as written")
        parser.add_argument("--reason", required=True, help="kept with the record of erasure")
        parser.add_argument("--by", help="the administrator's user name, for the record")
        parser.add_argument("--dry-run", action="store_true", help="only show what would change")

    def handle(self, *args, email, username, name, reason, by, dry_run, **options):
        users = get_user_model().objects
        administrator = None
        if by:
            administrator = users.filter(username=by, is_superuser=True).first()
            if administrator is None:
                raise CommandError(_("No administrator “%(username)s”.") % {"username": by})
        person = None
        if email or username:
            found = users.filter(email__iexact=email) if email else users.filter(username=username)
            if found.count() != 1:
                raise CommandError(
                    _("%(count)s accounts match; name exactly one.") % {"count": found.count()}
                )
            person = found.get()
        try:
            preview = (
                person_erase_preview(user=person) if person else person_name_preview(name=name)
            )
            for entry in preview.values():
                self.stdout.write(f"{entry.count:6d}  {entry.name}")
            if dry_run:
                return
            if person is not None:
                erasure = person_erase(user=person, by=administrator, reason=reason)
            else:
                erasure = person_name_erase(name=name, by=administrator, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if erasure is None:
            self.stdout.write(_("No record names that person."))
        else:
            self.stdout.write(
                _("Erased: the person is now “%(pseudonym)s”.") % {"pseudonym": erasure.pseudonym}
            )
