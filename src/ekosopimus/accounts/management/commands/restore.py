from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.lib.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restores a backup into an empty, migrated database; refuses any other."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by the backup command")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as stream:
                header = backup_restore(stream)
        except FileNotFoundError as error:
            raise CommandError(_("No such file: %(file)s") % {"file": file}) from error
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the backup made %(created)s (%(rows)s rows).")
                % {"created": header["created"], "rows": header["rows"]}
            )
        )
