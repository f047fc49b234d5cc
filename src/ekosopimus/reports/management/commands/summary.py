from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.cells import parse_date
from ekosopimus.lib.pdf import PdfUnavailable
from ekosopimus.reports.summaries import agreement_summary, national_summary
from ekosopimus.reports.tasks import RENDERERS


class Command(BaseCommand):
    help = (
        "Writes the steering group summary of one agreement (--agreement SLUG) or the national "
        "steering group summary (--national) as DOCX, PDF or XLSX, in Finnish and date-stamped."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--agreement", metavar="SLUG", help="The agreement's short name.")
        which.add_argument("--national", action="store_true", help="Every agreement.")
        parser.add_argument("--format", choices=list(RENDERERS), default="pdf")
        parser.add_argument("-o", "--output", required=True, type=Path, help="File to write.")
        parser.add_argument("--since", help="Changes from this date (1.1.2026 or 2026-01-01).")
        parser.add_argument("--until", help="Changes until this date (default: today).")

    def handle(self, *args, agreement, national, format, output, since, until, **options):
        try:
            since, until = parse_date(since), parse_date(until)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if since and until and since > until:
            raise CommandError(_("The period cannot end before it starts."))
        if national:
            summary = national_summary(since=since, until=until)
        else:
            found = Agreement.objects.filter(slug=agreement).first()
            if found is None:
                known = ", ".join(Agreement.objects.values_list("slug", flat=True))
                raise CommandError(
                    _("No agreement “%(slug)s”. Known: %(known)s")
                    % {"slug": agreement, "known": known}
                )
            summary = agreement_summary(agreement=found, since=since, until=until)
        try:
            content = RENDERERS[format](summary)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from error
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
            ) from error
        self.stdout.write(
            _("Wrote %(path)s (%(size)s bytes).") % {"path": output, "size": len(content)}
        )
