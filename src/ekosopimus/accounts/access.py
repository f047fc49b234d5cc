"""Who may see and do what: the one place where roles meet objects.

Views, the API and the selectors ask an ``Access`` rather than the user. It is read once per
request from the user's memberships:

- an administrator (superuser) and a national viewer read every agreement; only the
  administrator writes everywhere;
- a coordinator edits the portfolio and data of their agreement;
- a steering group member reads everything of their agreement and records decisions;
- a project reporter edits and reports the projects that their organisation leads or
  co-implements;
- everyone, signed in or not, reads what is public: the agreements, calls, organisations and
  projects once funding is granted.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekosopimus.portfolio.lifecycle import PUBLIC
from ekosopimus.portfolio.models import Project

from .models import Membership, Role


@dataclass(frozen=True)
class Access:
    authenticated: bool = False
    is_admin: bool = False
    is_national: bool = False
    coordinates: frozenset[int] = frozenset()
    steers: frozenset[int] = frozenset()
    # agreement id -> the organisations whose projects the user reports
    reports_for: dict[int, frozenset[int]] = field(default_factory=dict)

    # Agreements ------------------------------------------------------------------------------

    @property
    def reads_all(self) -> bool:
        """Reads every agreement's internal data (the national situation picture, too)."""
        return self.is_admin or self.is_national

    def reads_agreement(self, agreement_id: int) -> bool:
        """Reads the agreement's non-public data: the whole portfolio, meetings, the situation
        picture, the rules and summaries."""
        return self.reads_all or agreement_id in self.coordinates or agreement_id in self.steers

    def edits_portfolio(self, agreement_id: int) -> bool:
        """Creates projects, calls and meetings, imports, links and maps targets."""
        return self.is_admin or agreement_id in self.coordinates

    def decides(self, agreement_id: int) -> bool:
        """Records the steering group's decisions."""
        return self.edits_portfolio(agreement_id) or agreement_id in self.steers

    # Projects --------------------------------------------------------------------------------

    def _own(self, project) -> bool:
        organizations = self.reports_for.get(project.agreement_id)
        if not organizations:
            return False
        if project.lead_implementer_id in organizations:
            return True
        # .all() rather than a filter, so that a project read with its co-implementers
        # prefetched (as the project page reads it) asks the database nothing more.
        return any(o.pk in organizations for o in project.co_implementers.all())

    def reads_project(self, project) -> bool:
        return (
            project.status in PUBLIC
            or self.reads_agreement(project.agreement_id)
            or self._own(project)
        )

    def edits_project(self, project) -> bool:
        """Edits the project's fields, links and budget, and writes its progress reports."""
        return self.edits_portfolio(project.agreement_id) or self._own(project)

    def project_scope(self, prefix: str = "") -> Q:
        """The projects the user may read, as a filter (``prefix`` for a related lookup,
        e.g. ``"led_projects__"``): the public ones and ``internal_scope``."""
        if self.reads_all:
            return Q()
        return Q(**{f"{prefix}status__in": PUBLIC}) | self.internal_scope(prefix)

    def internal_scope(self, prefix: str = "") -> Q:
        """The projects whose non-public data (progress reports, decisions) the user reads:
        those of the agreements they read, and their own organisations' projects."""
        if self.reads_all:
            return Q()
        scope = self.reported_scope(prefix)
        readable = self.coordinates | self.steers
        if readable:
            scope |= Q(**{f"{prefix}agreement_id__in": readable})
        return scope

    def reported_scope(self, prefix: str = "") -> Q:
        """The projects the user reports as a project reporter: those their organisations
        lead or co-implement in the agreements where they report (none for other roles)."""
        scope = Q(**{f"{prefix}pk__in": []})  # nothing, until a role adds to it
        for agreement_id, organizations in self.reports_for.items():
            # A subquery rather than a join, which would repeat a project per co-implementer.
            co_implemented = Project.co_implementers.through.objects.filter(
                organization_id__in=organizations
            ).values("project_id")
            scope |= Q(**{f"{prefix}agreement_id": agreement_id}) & (
                Q(**{f"{prefix}lead_implementer_id__in": organizations})
                | Q(**{f"{prefix}pk__in": co_implemented})
            )
        return scope


ANONYMOUS = Access()


def access_for(user) -> Access:
    """The user's access, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_ekosopimus_access", None)
    if cached is not None:
        return cached
    coordinates, steers, national = set(), set(), False
    reports_for: dict[int, set[int]] = defaultdict(set)
    for role, agreement_id, organization_id in Membership.objects.filter(user=user).values_list(
        "role", "agreement_id", "organization_id"
    ):
        if role == Role.COORDINATOR:
            coordinates.add(agreement_id)
        elif role == Role.STEERING_MEMBER:
            steers.add(agreement_id)
        elif role == Role.REPORTER:
            reports_for[agreement_id].add(organization_id)
        elif role == Role.NATIONAL_VIEWER:
            national = True
    access = Access(
        authenticated=True,
        is_admin=user.is_superuser,
        is_national=national,
        coordinates=frozenset(coordinates),
        steers=frozenset(steers),
        reports_for={key: frozenset(value) for key, value in reports_for.items()},
    )
    user._ekosopimus_access = access
    return access


def ensure_reads_all(user) -> None:
    """Pages across every agreement are for national viewers and administrators; to anyone
    else they do not exist."""
    if not access_for(user).reads_all:
        raise Http404(_("No such page."))


def ensure(allowed: bool) -> None:
    """Refuse (403) a signed-in user who may see the object but not do this to it."""
    if not allowed:
        raise PermissionDenied
