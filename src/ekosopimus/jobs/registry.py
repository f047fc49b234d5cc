"""The kinds of background work, registered by the apps that do them (their ``tasks.py``)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass
class Outcome:
    """What finished work leaves: a sentence for the user, and a file or a page to open."""

    message: str = ""
    content: bytes | None = None
    file_name: str = ""
    content_type: str = ""
    url: str = ""


class JobRefused(Exception):
    """The work cannot be done as asked (a file with bad rows, a document that is no
    agreement). Its message, and each problem listed, is shown to the user as it is;
    nothing was stored."""

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Kind:
    name: str
    label: Promise
    run: Callable = field(repr=False)
    # Phases the work reports, with the words a user reads for each.
    phases: dict[str, Promise] = field(default_factory=dict)


_kinds: dict[str, Kind] = {}


def register(name: str, *, label: Promise, phases: dict[str, Promise] | None = None):
    """Register ``run(job, report) -> Outcome`` as the work of kind ``name``."""

    def decorate(run: Callable) -> Callable:
        _kinds[name] = Kind(name, label, run, phases or {})
        return run

    return decorate


def kind_get(name: str) -> Kind:
    return _kinds[name]


def kind_exists(name: str) -> bool:
    return name in _kinds
