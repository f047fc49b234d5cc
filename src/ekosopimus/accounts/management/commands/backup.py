from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ekosopimus.lib.backup import backup_write


class Command(BaseCommand):
    help = "Writes the whole database into one versioned, compressed backup file."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the backup file to write")

    def handle(self, *args, output, **options):
        with open(output, "wb") as stream:
            header = backup_write(stream)
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(file)s (schema of %(apps)s apps, %(created)s).")
                % {"file": output, "apps": len(header["schema"]), "created": header["created"]}
            )
        )
