from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.portfolio.exports import export_rows, write_csv, write_xlsx
from ekosopimus.portfolio.models import Project

WRITERS = {"xlsx": write_xlsx, "csv": write_csv}


class Command(BaseCommand):
    help = (
        "Exports an agreement's portfolio as XLSX or CSV with Finnish headers. Sample data is "
        "left out unless asked for, and marked when included."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreement", required=True, help="The agreement's short name.")
        parser.add_argument("--format", choices=sorted(WRITERS), default="xlsx")
        parser.add_argument("-o", "--output", type=Path, required=True, help="File to write.")
        parser.add_argument(
            "--include-sample", action="store_true", help="Include sample projects (marked)."
        )

    def handle(self, *args, agreement: str, format: str, output: Path, include_sample: bool,
               **options):  # fmt: skip
        try:
            target = agreement_get(slug=agreement)
        except Http404:
            raise CommandError(
                _("No agreement with the short name “%(slug)s”.") % {"slug": agreement}
            ) from None
        projects = Project.objects.filter(agreement=target)
        if not include_sample:
            projects = projects.filter(is_sample=False)
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as stream:
                count = WRITERS[format](export_rows(projects), stream)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": error.strerror}
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s projects of %(agreement)s exported to %(file)s.")
                % {"count": count, "agreement": target.slug, "file": output}
            )
        )
