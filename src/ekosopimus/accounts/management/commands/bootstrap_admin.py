from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.accounts.services import BOOTSTRAP_USERNAME, admin_bootstrap


class Command(BaseCommand):
    help = "Creates an administrator with a one-time password if the database has no user yet."

    def handle(self, *args, **options):
        try:
            password = admin_bootstrap()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if password is None:
            self.stdout.write(_("Users exist already; no administrator was created."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Created administrator %(username)s with the one-time password: %(password)s\n"
                    "Sign in at /admin/ and change the password."
                )
                % {"username": BOOTSTRAP_USERNAME, "password": password}
            )
        )
