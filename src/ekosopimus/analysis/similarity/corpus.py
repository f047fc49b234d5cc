"""The similarity index of every project, kept current from the projects' history.

A project's text is its name and summary. The index is built by a task worker and shared
through the file storage (``snapshot.py``); each process loads the newest copy once and then
follows the projects' history: every change of a project, whether made on a page, through the
API or by an import, leaves a history record, so the records newer than the index name the
projects whose text may have changed. Those few are re-read and put in; the rest stays. A
page therefore compares against the projects as they are; finding out costs one query on
the primary key of the history.

After many changes (a large import), bringing the index up to date would take as long as
building it, too long for a page: a worker is asked to build it anew, and pages use the
index as it was until the new copy is saved. Only where no copy exists at all (the first
search of a new installation) is the index built in the process itself.

Sample data stays out of the index: it never turns up as a match for real work.
"""

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import router
from django.utils.translation import gettext as _

from ekosopimus.jobs.services import job_submit
from ekosopimus.portfolio.models import Project

from .index import SimilarityIndex
from .snapshot import Stamp, snapshot_load, snapshot_save, snapshot_stamps

logger = logging.getLogger(__name__)

# Past this share of the index changed since it was built, building anew is cheaper; a
# few changes are always applied where they are found.
REBUILD_SHARE = 0.2
INCREMENTAL_AT_LEAST = 50

_lock = threading.Lock()
_cached: dict[str, "_Built"] = {}


@dataclass(frozen=True)
class _Built:
    index: SimilarityIndex
    last_history_id: int
    # Changes past this history id were too many to apply here; a worker rebuilds.
    stale: bool = False


def project_text(name: str, summary: str) -> str:
    """What is compared of a project."""
    return f"{name}\n{summary}" if summary else name


def _history():
    return Project.history.model.objects


def _micros(moment: datetime) -> int:
    since = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (since.days * 86_400 + since.seconds) * 1_000_000 + since.microseconds


def _last_change() -> Stamp:
    last = _history().order_by("-history_id").values_list("history_id", "history_date").first()
    return Stamp(last[0], _micros(last[1])) if last else Stamp(0, 0)


def _holds(stamp: Stamp) -> bool:
    """Whether this database's history has the record ``stamp`` names, at its time."""
    if stamp.history_id == 0:
        return True
    moment = (
        _history().filter(history_id=stamp.history_id).values_list("history_date", flat=True)
    ).first()
    return moment is not None and _micros(moment) == stamp.micros


def _texts(ids=None) -> dict[int, str]:
    projects = Project.objects.filter(is_sample=False)
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    rows = projects.order_by("pk").values_list("pk", "name", "summary")
    return {pk: project_text(name, summary) for pk, name, summary in rows.iterator(2000)}


def _build(alias: str) -> SimilarityIndex:
    last = _last_change()
    index = SimilarityIndex.build(_texts().items())
    snapshot_save(index, last)
    _cached[alias] = _Built(index, last.history_id)
    return index


def index_build() -> SimilarityIndex:
    """Build the index of every project now, save it for every process, and keep it here."""
    alias = router.db_for_read(Project)
    with _lock:
        return _build(alias)


def _newest_copy(last: Stamp) -> _Built | None:
    """The newest saved copy this database's history can continue, loaded."""
    for stamp in snapshot_stamps():
        if stamp.history_id <= last.history_id and _holds(stamp):
            index = snapshot_load(stamp)
            if index is not None:
                return _Built(index, stamp.history_id)
    return None


def similarity_index_ensure() -> None:
    """Ask a worker to build the index if no copy is saved, so that the first search of a
    new installation does not build it in the page's process."""
    if not snapshot_stamps():
        _ask_for_rebuild()


def _ask_for_rebuild() -> None:
    job_submit(kind="similarity_index", title=_("Similarity index of the projects"), by=None)


def index_current() -> SimilarityIndex:
    """The index as the projects are now: the kept one or the newest saved copy, brought up
    to date from the history."""
    alias = router.db_for_read(Project)
    with _lock:
        built = _cached.get(alias)
        last = _last_change()
        if built is not None and last.history_id < built.last_history_id:
            built = None  # the history went back: another database was restored
        if built is not None and not built.stale and built.last_history_id == last.history_id:
            return built.index
        if built is None or built.stale:
            copy = _newest_copy(last)
            if copy is not None and (built is None or copy.last_history_id > built.last_history_id):
                built = copy
        if built is None:
            logger.info("no saved similarity index; building one in this process")
            return _build(alias)
        changes = set(
            _history().filter(history_id__gt=built.last_history_id).values_list("id", flat=True)
        )
        if len(changes) > max(INCREMENTAL_AT_LEAST, REBUILD_SHARE * len(built.index)):
            # Too many to apply here: a worker builds the index anew (at once where tasks run
            # in the process); until its copy is saved, the index stays as it was.
            _ask_for_rebuild()
            copy = _newest_copy(last)
            if copy is not None and copy.last_history_id == last.history_id:
                _cached[alias] = copy
                return copy.index
            _cached[alias] = _Built(built.index, built.last_history_id, stale=True)
            return built.index
        texts = _texts(changes)
        gone = [pk for pk in changes if pk not in texts]
        index = built.index.replaced(texts, removed=gone)
        _cached[alias] = _Built(index, last.history_id)
        return index


def index_forget() -> None:
    """Drop every kept index (tests, and a database restored under a running process)."""
    with _lock:
        _cached.clear()
