from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _
from tqdm import tqdm

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.portfolio.imports.rows import Problem
from ekosopimus.portfolio.services.imports import ImportRejected, projects_import

# Below this many rows a file imports in a blink and a bar would only flicker.
PROGRESS_FROM_ROWS = 1000


def describe(problem: Problem) -> str:
    """``line 12, “Aloituspvm”: …`` — how a problem is shown on the command line."""
    if not problem.line:
        return problem.message
    if problem.column:
        return _("line %(line)s, “%(column)s”: %(message)s") % problem.__dict__
    return _("line %(line)s: %(message)s") % problem.__dict__


class Command(BaseCommand):
    help = (
        "Imports a EURA project list (EURA 2021 Excel export, EURA 2014 / 2007 CSV) into an "
        "agreement's portfolio. The whole file or nothing: a file with bad rows is rejected "
        "with every row error, and the command exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .xlsx or .csv file.")
        parser.add_argument("--agreement", required=True, help="The agreement's short name.")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")
        parser.add_argument("--no-progress", action="store_true", help="Show no progress bar.")

    def handle(self, *args, file: Path, agreement: str, user, no_progress: bool, **options):
        try:
            target = agreement_get(slug=agreement)
        except Http404:
            raise CommandError(
                _("No agreement with the short name “%(slug)s”.") % {"slug": agreement}
            ) from None
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(_("No user “%(user)s”.") % {"user": user})
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        bars: dict[str, tqdm] = {}
        labels = {"check": _("Checking rows"), "write": _("Saving projects")}

        def progress(phase: str, done: int, total: int) -> None:
            if no_progress or total < PROGRESS_FROM_ROWS:
                return
            bar = bars.get(phase)
            if bar is None:
                bar = bars[phase] = tqdm(
                    total=total, desc=labels[phase], unit=_("rows"), file=self.stderr._out
                )
            bar.update(done - bar.n)
            if done >= total:
                bar.close()

        try:
            with file.open("rb") as stream:
                result = projects_import(
                    agreement=target, stream=stream, filename=file.name, by=by, progress=progress
                )
        except ImportRejected as rejected:
            for bar in bars.values():
                bar.close()
            for problem in rejected.problems:
                self.stderr.write(describe(problem))
            raise CommandError(
                _("%(file)s was not imported: %(count)s problems. Nothing was changed.")
                % {"file": file.name, "count": len(rejected.problems)}
            ) from None
        for line, column, message in result.warnings:
            self.stdout.write(self.style.WARNING(describe(Problem(line, column, message))))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(file)s imported into %(agreement)s: %(rows)s rows, %(created)s new, "
                    "%(updated)s updated, %(unchanged)s unchanged; %(unlinked)s wait in the "
                    "unlinked queue; %(differences)s differences from the portfolio wait in "
                    "the inbox (ekosopimus eura_differences); %(warnings)s warnings."
                )
                % {
                    "file": file.name,
                    "agreement": target.slug,
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "unlinked": result.unlinked,
                    "differences": result.differences,
                    "warnings": len(result.warnings),
                }
            )
        )
