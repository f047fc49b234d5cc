from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ekosopimus.lib.cells import parse_date
from ekosopimus.monitoring.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Sends the day's reminders of progress reports to the projects' reporters, and each "
        "coordinator's weekly summary. Run it daily (cron, a systemd timer, or the task "
        "workers' own schedule); a second run the same day sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Remind as of this day (31.1.2027 or 2027-01-31); today by default."
        )

    def handle(self, *args, today, **options):
        try:
            day = parse_date(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(str(error)) from error
        run = reminders_send(today=day)
        for problem in run.problems:
            self.stderr.write(problem)
        self.stdout.write(
            _(
                "%(day)s: %(reminders)s reminders and %(digests)s weekly summaries made, "
                "%(emailed)s of them queued for e-mail; %(already)s had been sent before."
            )
            % {
                "day": day.isoformat(),
                "reminders": run.reminders,
                "digests": run.digests,
                "emailed": run.emailed,
                "already": run.already,
            }
        )
