"""The similarity index of every project, kept current from the projects' history.

A project's text is its name and summary. The index is built once per process and then
follows the projects' history: every change of a project, whether made on a page, through the
API or by an import, leaves a history record, so the records newer than the index name the
projects whose text may have changed. Those few are re-read and put in; the rest stays. After
many changes, or when the history has gone back (another database restored), the index is
built again. A page therefore always compares against the projects as they are;
finding out costs one query on the primary key of the history.

Sample data stays out of the index: it never turns up as a match for real work.
"""

import threading
from dataclasses import dataclass

from django.db import router
from django.db.models import Max

from ekosopimus.portfolio.models import Project

from .index import SimilarityIndex

# Past this share of the index changed since it was built, building anew is cheaper.
REBUILD_SHARE = 0.2

_lock = threading.Lock()
_cached: dict[str, "_Built"] = {}


@dataclass(frozen=True)
class _Built:
    index: SimilarityIndex
    last_history_id: int


def project_text(name: str, summary: str) -> str:
    """What is compared of a project."""
    return f"{name}\n{summary}" if summary else name


def _history():
    return Project.history.model.objects


def _last_change() -> int:
    return _history().aggregate(last=Max("history_id"))["last"] or 0


def _texts(ids=None) -> dict[int, str]:
    projects = Project.objects.filter(is_sample=False)
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    rows = projects.order_by("pk").values_list("pk", "name", "summary")
    return {pk: project_text(name, summary) for pk, name, summary in rows.iterator(2000)}


def _build(alias: str, last: int) -> SimilarityIndex:
    index = SimilarityIndex.build(_texts().items())
    _cached[alias] = _Built(index, last)
    return index


def index_build() -> SimilarityIndex:
    """Build the index of every project now, and keep it for the next caller."""
    alias = router.db_for_read(Project)
    with _lock:
        return _build(alias, _last_change())


def index_current() -> SimilarityIndex:
    """The index as the projects are now: the kept one, brought up to date."""
    alias = router.db_for_read(Project)
    with _lock:
        built = _cached.get(alias)
        last = _last_change()
        if built is not None and last == built.last_history_id:
            return built.index
        if built is not None and last > built.last_history_id:
            changes = set(
                _history().filter(history_id__gt=built.last_history_id).values_list("id", flat=True)
            )
            if len(changes) <= REBUILD_SHARE * max(len(built.index), 1):
                texts = _texts(changes)
                gone = [pk for pk in changes if pk not in texts]
                index = built.index.replaced(texts, removed=gone)
                _cached[alias] = _Built(index, last)
                return index
        # Never built, many changes, or a history that went back (another database restored)
        return _build(alias, last)


def index_forget() -> None:
    """Drop every kept index (tests, and a database restored under a running process)."""
    with _lock:
        _cached.clear()
