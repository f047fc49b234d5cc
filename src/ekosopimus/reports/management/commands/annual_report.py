from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ekosopimus.agreements.models import Agreement
from ekosopimus.lib.pdf import PdfUnavailable
from ekosopimus.reports.annual import annual_report, national_annual_report
from ekosopimus.reports.compose import annual_document, national_document
from ekosopimus.reports.outputs import RENDERERS, document_file
from ekosopimus.reports.periods import YearOutside


class Command(BaseCommand):
    help = (
        "Writes the annual report (vuosiraportti) of one agreement (--agreement SLUG) or the "
        "national annual report (--national) of a calendar year as DOCX, PDF or XLSX, in Finnish."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--agreement", metavar="SLUG", help="The agreement's short name.")
        which.add_argument("--national", action="store_true", help="Every agreement.")
        parser.add_argument("--year", type=int, required=True, help="The calendar year.")
        parser.add_argument("--format", choices=list(RENDERERS), default="docx")
        parser.add_argument("-o", "--output", required=True, type=Path, help="File to write.")

    def handle(self, *args, agreement, national, year, format, output, **options):
        if national:
            if not 2000 <= year <= 2100:
                raise CommandError(_("%(year)s is not a year of the agreements.") % {"year": year})

            def make():
                return national_document(national_annual_report(year=year))
        else:
            found = Agreement.objects.filter(slug=agreement).first()
            if found is None:
                known = ", ".join(Agreement.objects.values_list("slug", flat=True))
                raise CommandError(
                    _("No agreement “%(slug)s”. Known: %(known)s")
                    % {"slug": agreement, "known": known}
                )
            try:
                report = annual_report(agreement=found, year=year)
            except YearOutside as error:
                raise CommandError(str(error)) from error

            def make():
                return annual_document(report)

        try:
            content, _name = document_file(make, format)
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
