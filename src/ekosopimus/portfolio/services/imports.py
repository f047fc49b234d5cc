"""Importing a EURA project list into one agreement's portfolio: the whole file or nothing."""

import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekosopimus.agreements.models import ActionGroup, Agreement, FocusArea
from ekosopimus.agreements.selectors import version_current
from ekosopimus.lib import bulk
from ekosopimus.lib.names import name_key
from ekosopimus.organizations.services import organizations_resolve_bulk

from ..imports.columns import LayoutError, layout_for
from ..imports.reading import FileUnreadable, read_table
from ..imports.rows import ZERO, ParsedFile, Problem, ProjectRow, parse_table
from ..models import BudgetLine, EuraDifference, FundingSource, Project, ProjectImport
from .reconciliation import Comparison, differences_queue

# progress(phase, done, total); phase is "check" or "write".
Progress = Callable[[str, int, int], None]
CHUNK = 2000
# The plain fields a list sets; a blank in the file never erases what is stored.
ROW_FIELDS = ("name", "status", "group_code", "summary", "start_date", "end_date")
PROJECT_FIELDS = (
    *ROW_FIELDS,
    "programme_period",
    "lead_implementer_id",
    "funding_authority_id",
    "action_group_id",
    "source",
    "import_fingerprint",
    "updated_at",
    "version",
    "budget_version",
)
IMPORTED_SOURCES = (FundingSource.EU_STATE, FundingSource.OTHER_PUBLIC, FundingSource.PRIVATE)
# The project fields EURA decides: held otherwise, they wait in the reconciliation inbox.
COMPARED = {
    "status": EuraDifference.Field.STATUS,
    "start_date": EuraDifference.Field.START_DATE,
    "end_date": EuraDifference.Field.END_DATE,
    "lead_implementer_id": EuraDifference.Field.LEAD_IMPLEMENTER,
}


class ImportRejected(Exception):
    """The file was not imported. ``problems`` lists every bad row (line 0: the file itself)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            _("The file was not imported: %(count)s problems.") % {"count": len(problems)}
        )
        self.problems = problems


@dataclass
class _Plan:
    agreement: Agreement
    period: str
    parsed: ParsedFile
    existing: dict[str, bulk.Row]
    # Project ids of rows whose last import read the same: nothing to write for them.
    skipped: list[int]
    todo: list[ProjectRow]
    focus_areas: dict[str, FocusArea]
    action_groups: dict[str, ActionGroup]


def projects_import(
    *,
    agreement: Agreement,
    stream: BinaryIO,
    filename: str,
    by: AbstractBaseUser | None,
    progress: Progress | None = None,
    on_recorded: Callable[[ProjectImport], None] | None = None,
) -> ProjectImport:
    """Import a EURA 2021 Excel export or a EURA 2014 / 2007 CSV list into ``agreement``.

    Every row is checked first; one bad row rejects the file with ``ImportRejected`` listing
    every problem, and nothing is written. A project already imported (same project code) is
    updated, never duplicated; a blank cell never erases what is stored, and links a coordinator
    made are kept. Projects the file cannot link to a focus area join the unlinked queue.

    ``on_recorded(record)`` runs inside the import's transaction, so that whatever it writes
    (a background job's note that the import is done) commits with the import or not at all.
    """
    data = stream.read()
    with bulk.gc_paused():
        try:
            table = read_table(io.BytesIO(data), filename=filename)
            layout = layout_for(table.header)
        except (FileUnreadable, LayoutError) as problem:
            raise ImportRejected([Problem(0, "", str(problem))]) from None
        parsed = parse_table(table, layout, progress=progress)
        del table
        # Everything that needs no database is done before the transaction: on SQLite it
        # holds the write lock from its first statement, and other writes wait for it.
        for row in parsed.rows:
            row.fingerprint_value = row.fingerprint(layout.period)
        with transaction.atomic():
            plan = _plan(agreement, layout.period, parsed)
            if parsed.errors:
                raise ImportRejected(sorted(parsed.errors, key=lambda problem: problem.line))
            comparison = Comparison()
            counts = _write(plan, comparison, by=by, filename=filename, progress=progress)
            warnings = sorted(parsed.warnings, key=lambda problem: problem.line)
            record = ProjectImport.objects.create(
                agreement=agreement,
                file_name=filename[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                file_format=layout.file_format,
                rows=len(parsed.rows),
                warnings=[[p.line, p.column, p.message] for p in warnings],
                imported_by=by,
                **counts,
            )
            record.differences = differences_queue(comparison=comparison, record=record, by=by)
            if record.differences:
                record.save(update_fields=["differences"])
            if on_recorded is not None:
                on_recorded(record)
            return record


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _structure_index(agreement: Agreement) -> tuple[dict[str, FocusArea], dict[str, ActionGroup]]:
    """Focus areas and action groups by number ("4.1", "4.1.2") or name, as a coordinator
    would write them in a column of their own."""
    version = version_current(agreement)
    areas: dict[str, FocusArea] = {}
    groups: dict[str, ActionGroup] = {}
    if version is None:
        return areas, groups
    for area in version.focus_areas.prefetch_related("action_groups"):
        for label in (area.number, area.number.rstrip("."), area.name):
            areas[name_key(label)] = area
        for group in area.action_groups.all():
            for label in (group.number, group.number.rstrip("."), group.name):
                groups[name_key(label)] = group
    return areas, groups


def _with_codes(codes: list[str]) -> QuerySet[Project]:
    """Projects by code, found through the unique index of codes: it leaves out the blank code,
    so the query must say so too, or the database reads the whole table for each batch. The
    default ordering would only join the agreement to sort."""
    return Project.objects.filter(~Q(code=""), code__in=codes).order_by()


def _plan(agreement: Agreement, period: str, parsed: ParsedFile) -> _Plan:
    """The checks that need the database (codes held elsewhere, unknown focus areas), and which
    rows have something new: a row that reads as at the last import is skipped."""
    known: dict[str, tuple] = {}
    for chunk in _chunks([row.code for row in parsed.rows]):
        for code, *values in _with_codes(chunk).values_list(
            "code", "pk", "agreement_id", "is_sample", "import_fingerprint"
        ):
            known[code] = tuple(values)
    names = dict(Agreement.objects.values_list("pk", "name"))
    # A project with differences waiting is read again even if its row has not changed: the
    # list may now agree with the portfolio, or still state what waits.
    waiting = set(
        EuraDifference.objects.filter(
            project__agreement=agreement, status=EuraDifference.Status.OPEN
        ).values_list("project_id", flat=True)
    )
    areas, groups = _structure_index(agreement)
    skipped: list[int] = []
    todo: list[ProjectRow] = []
    elsewhere: Counter[int] = Counter()
    for row in parsed.rows:
        pk, agreement_id, is_sample, fingerprint = known.get(row.code, (None, None, False, ""))
        if pk is not None and agreement_id != agreement.pk:
            elsewhere[agreement_id] += 1
            message = _(
                "project %(code)s belongs to another agreement (%(agreement)s) "
                "and cannot be imported here"
            ) % {"code": row.code, "agreement": names[agreement_id]}
            parsed.errors.append(Problem(row.line, "", message))
        elif is_sample:
            message = _(
                "project code %(code)s is taken by sample data; remove the sample data first"
            ) % {"code": row.code}
            parsed.errors.append(Problem(row.line, "", message))
        elif pk is not None and fingerprint == row.fingerprint_value and pk not in waiting:
            skipped.append(pk)
        else:
            todo.append(row)
        for value, index in ((row.focus_area, areas), (row.action_group, groups)):
            if value and name_key(value) not in index:
                message = _(
                    "“%(value)s” is not in this agreement; the link is left for a coordinator"
                ) % {"value": value}
                parsed.warnings.append(Problem(row.line, "", message))
    if elsewhere:
        # Said once before the rows: a list of another city region's projects is a wrong file.
        other, count = elsewhere.most_common(1)[0]
        parsed.errors.append(
            Problem(
                0,
                "",
                ngettext(
                    "%(count)s of the list's %(rows)s projects belongs to the portfolio of "
                    "%(agreement)s, not to this one: was the list meant for that agreement?",
                    "%(count)s of the list's %(rows)s projects belong to the portfolio of "
                    "%(agreement)s, not to this one: was the list meant for that agreement?",
                    count,
                )
                % {"count": count, "rows": len(parsed.rows), "agreement": names[other]},
            )
        )
    columns = [field.attname for field in Project._meta.concrete_fields]
    existing: dict[str, bulk.Row] = {}
    for chunk in _chunks([row.code for row in todo if row.code in known]):
        # Locked until the import commits (PostgreSQL; SQLite's transaction holds the whole
        # database): what is written back is what is stored, never a value read before a
        # coordinator's edit.
        for values in _with_codes(chunk).select_for_update().values(*columns):
            existing[values["code"]] = values
    return _Plan(agreement, period, parsed, existing, skipped, todo, areas, groups)


def _project_fields(row: ProjectRow, plan: _Plan, organisations: dict[tuple, int]) -> bulk.Row:
    """The project fields that ``row`` sets; None or "" where the file says nothing."""
    lead = (
        organisations.get((name_key(row.lead_name), row.lead_business_id))
        if row.lead_name
        else None
    )
    authority = organisations.get((name_key(row.authority), None)) if row.authority else None
    group = plan.action_groups.get(name_key(row.action_group)) if row.action_group else None
    return {
        "name": row.name,
        "status": row.status,
        "group_code": row.group_code,
        "summary": row.summary,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "programme_period": plan.period,
        "import_fingerprint": row.fingerprint_value,
        "lead_implementer_id": lead,
        "funding_authority_id": authority,
        "action_group_id": group.pk if group else None,
    }


def _new_project(
    row: ProjectRow, plan: _Plan, organisations: dict[tuple, int], *, pk: int, source: str
) -> bulk.Row:
    """A project to insert; fields the file leaves blank take their defaults."""
    project = {"id": pk, "agreement_id": plan.agreement.pk, "code": row.code, "source": source}
    for field, value in _project_fields(row, plan, organisations).items():
        if value is not None and value != "":
            project[field] = value
    return project


def _apply(
    project: bulk.Row, row: ProjectRow, plan: _Plan, organisations: dict, comparison: Comparison
) -> bool:
    """Set the row's values on a stored ``project``; True when anything changed. A blank value
    in the file leaves the stored one as it is, and so does an action group a coordinator set.
    Of the values EURA decides (status, dates, lead implementer) only those the project does
    not hold yet are set; one held otherwise goes to the reconciliation inbox."""
    values = _project_fields(row, plan, organisations)
    if project.get("action_group_id"):
        values["action_group_id"] = None
    changed = False
    for field, value in values.items():
        if value is None or value == "":
            continue
        name = COMPARED.get(field)
        if name:
            if not comparison.may_write(project["id"], name, project.get(field), value):
                continue
        elif project.get(field) == value:
            continue
        project[field] = value
        # A new digest alone is no change: the row is read again next time, to no effect.
        changed = changed or field != "import_fingerprint"
    return changed


def _write(
    plan: _Plan, comparison: Comparison, *, by, filename: str, progress: Progress | None
) -> dict[str, int]:
    """Write the plan: new projects with reserved ids (nothing is read back), their money,
    then the changed projects, each batch with its history. What EURA states otherwise than
    a stored project holds is gathered in ``comparison`` instead of written."""
    rows = plan.todo
    total = len(plan.parsed.rows)
    reason = _("Imported from %(file)s") % {"file": filename}
    source = filename[:200]
    organisations = _organisations(rows, by=by, reason=reason)
    stored = _stored_lines(plan)
    fresh = sum(1 for row in rows if row.code not in plan.existing)
    project_ids = iter(bulk.reserve_ids(Project, fresh))
    # At most one line per imported source; ids left over are never used.
    line_ids = iter(bulk.reserve_ids(BudgetLine, len(rows) * len(IMPORTED_SOURCES)))
    changed: dict[str, bulk.Row] = {}
    projects: list[tuple[ProjectRow, bulk.Row]] = []
    created = 0
    done = len(plan.skipped)
    _report(progress, done, total)
    for batch in _chunks(rows, bulk.CHUNK):
        new = []
        for row in batch:
            project = plan.existing.get(row.code)
            if project is None:
                project = _new_project(
                    row, plan, organisations, pk=next(project_ids), source=source
                )
                new.append(project)
            elif _apply(project, row, plan, organisations, comparison):
                project["source"] = source
                changed[row.code] = project
            projects.append((row, project))
        bulk.insert(Project, new)
        bulk.record_history(Project, new, user=by, reason=reason, change="+")
        created += len(new)
        done += len(batch)
        _report(progress, done, total)
    money_changed = _write_money(projects, plan, stored, line_ids, comparison, by=by, reason=reason)
    for code in money_changed:
        project = plan.existing[code]
        project["source"] = source
        project["budget_version"] += 1
        changed[code] = project
    now = timezone.now()
    for project in changed.values():
        project["updated_at"] = now
        # An edit form opened before the import is stale now, as after any other save.
        project["version"] += 1
    for batch in _chunks(list(changed.values()), bulk.CHUNK):
        bulk.update(Project, batch, fields=PROJECT_FIELDS)
        bulk.record_history(Project, batch, user=by, reason=reason, change="~")
    unlinked = _write_links(projects, plan, organisations)
    _report(progress, total, total)
    return {
        "created": created,
        "updated": len(changed),
        "unchanged": total - created - len(changed),
        "unlinked": unlinked,
    }


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress("write", min(done, total), total)


def _organisations(rows: list[ProjectRow], *, by, reason: str) -> dict[tuple, int]:
    """The id of the organisation of each (name key, business ID) pair of the file."""
    pairs = [(row.lead_name, row.lead_business_id) for row in rows if row.lead_name]
    pairs += [(row.authority, None) for row in rows if row.authority]
    pairs += [(name, None) for row in rows for name in row.co_implementers]
    resolved = organizations_resolve_bulk(names=pairs, by=by, reason=reason)
    return {pair: organisation.pk for pair, organisation in resolved.items()}


def _stored_lines(plan: _Plan) -> dict[int, dict[tuple[str, str], bulk.Row]]:
    """The imported sources' budget lines of the projects the file updates."""
    columns = [field.attname for field in BudgetLine._meta.concrete_fields]
    stored: dict[int, dict[tuple[str, str], bulk.Row]] = {}
    for chunk in _chunks([project["id"] for project in plan.existing.values()]):
        lines = BudgetLine.objects.filter(project_id__in=chunk, source__in=IMPORTED_SOURCES)
        for line in lines.values(*columns):
            stored.setdefault(line["project_id"], {})[(line["source"], line["instrument"])] = line
    return stored


def _write_money(
    projects: list[tuple[ProjectRow, bulk.Row]],
    plan: _Plan,
    stored: dict[int, dict[tuple[str, str], bulk.Row]],
    line_ids: Iterator[int],
    comparison: Comparison,
    *,
    by,
    reason: str,
) -> set[str]:
    """Create or update the budget lines the file speaks of; returns the codes of existing
    projects whose money changed. Lines of other sources (a city's own share entered by hand)
    are left alone."""
    update: list[bulk.Row] = []
    changed: set[str] = set()
    for batch in _chunks(projects, bulk.CHUNK):
        create: list[bulk.Row] = []
        for row, project in batch:
            held = stored.get(project["id"])
            if not held:
                # A new project (or one without imported money yet): every line is new.
                before = len(create)
                _new_lines(row, project["id"], line_ids, create)
                if len(create) > before and row.code in plan.existing:
                    changed.add(row.code)
                continue
            wanted = {
                (source, row.instrument if source == FundingSource.EU_STATE else ""): amounts
                for source, amounts in row.money.items()
            }
            for key in held:
                # EU and State money the file now puts on another instrument.
                if key not in wanted and key[0] in row.money:
                    wanted[key] = tuple(None if a is None else ZERO for a in row.money[key[0]])
            for (source, instrument), amounts in wanted.items():
                line = held.get((source, instrument))
                if line is None:
                    if _new_line(project["id"], source, instrument, amounts, line_ids, create):
                        changed.add(row.code)
                elif _update_line(line, amounts, comparison):
                    update.append(line)
                    changed.add(row.code)
        bulk.insert(BudgetLine, create)
        bulk.record_history(BudgetLine, create, user=by, reason=reason, change="+")
    for batch in _chunks(update, bulk.CHUNK):
        bulk.update(BudgetLine, batch, fields=("planned", "granted", "paid"))
        bulk.record_history(BudgetLine, batch, user=by, reason=reason, change="~")
    return changed


def _new_lines(
    row: ProjectRow, project_id: int, line_ids: Iterator[int], into: list[bulk.Row]
) -> None:
    for source, amounts in row.money.items():
        instrument = row.instrument if source == FundingSource.EU_STATE else ""
        _new_line(project_id, source, instrument, amounts, line_ids, into)


def _new_line(project_id, source, instrument, amounts, line_ids, into: list[bulk.Row]) -> bool:
    """A budget line of the amounts the file states (none stated is 0 €); True if one was
    added. A line of nothing but zeros is not worth a row."""
    planned, granted, paid = (amount or ZERO for amount in amounts)
    if not (planned or granted or paid):
        return False
    into.append(
        {
            "id": next(line_ids),
            "project_id": project_id,
            "source": source,
            "instrument": instrument,
            "planned": planned,
            "granted": granted,
            "paid": paid,
        }
    )
    return True


def _update_line(line: bulk.Row, amounts, comparison: Comparison) -> bool:
    """Set the amounts the file states on a stored line; True when one of them changed. An
    amount the file does not state is kept as stored; a granted amount EURA states otherwise
    goes to the reconciliation inbox."""
    changed = False
    for field, amount in zip(("planned", "granted", "paid"), amounts, strict=True):
        if amount is None:
            continue
        if field == "granted" and not comparison.may_write(
            line["project_id"],
            EuraDifference.Field.GRANTED,
            line["granted"],
            amount,
            line["source"],
            line["instrument"],
        ):
            continue
        if line[field] != amount:
            line[field] = amount
            changed = True
    return changed


def _write_links(
    projects: list[tuple[ProjectRow, bulk.Row]], plan: _Plan, organisations: dict
) -> int:
    """Add the focus areas and co-implementers the file names; returns how many of the file's
    projects are left with no focus area."""
    area_links = Project.focus_areas.through
    partner_links = Project.co_implementers.through
    linked = set()
    for chunk in _chunks([*plan.skipped, *(project["id"] for project in plan.existing.values())]):
        linked.update(
            area_links.objects.filter(project_id__in=chunk).values_list("project_id", flat=True)
        )
    new_areas, new_partners = [], []
    for row, project in projects:
        area = plan.focus_areas.get(name_key(row.focus_area)) if row.focus_area else None
        group = plan.action_groups.get(name_key(row.action_group)) if row.action_group else None
        area = area or (group.focus_area if group else None)
        if area is not None:
            new_areas.append(area_links(project_id=project["id"], focusarea_id=area.pk))
            linked.add(project["id"])
        for name in row.co_implementers:
            partner = organisations.get((name_key(name), None))
            if partner is not None:
                new_partners.append(
                    partner_links(project_id=project["id"], organization_id=partner)
                )
    area_links.objects.bulk_create(new_areas, batch_size=CHUNK, ignore_conflicts=True)
    partner_links.objects.bulk_create(new_partners, batch_size=CHUNK, ignore_conflicts=True)
    return sum(1 for _row, project in projects if project["id"] not in linked) + sum(
        1 for pk in plan.skipped if pk not in linked
    )
