"""Who holds which role: the people a notification or a reminder goes to."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from ekosopimus.portfolio.models import Project

from .models import Membership, Role


def members(*, agreement_id: int, role: str) -> QuerySet:
    """The active users who hold ``role`` in the agreement."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__role=role, memberships__agreement_id=agreement_id
        )
        .distinct()
        .order_by("username")
    )


def reporters_by_project(projects: Iterable) -> dict[int, list]:
    """The project reporters of each project (by id): the active users who report for its
    lead implementer or a co-implementer in its agreement. They are the project's contact
    persons, to whom reminders and decisions go. Two queries however many projects."""
    projects = list(projects)
    if not projects:
        return {}
    co_implementers = defaultdict(set)
    for project_id, organization_id in Project.co_implementers.through.objects.filter(
        project_id__in=[p.pk for p in projects]
    ).values_list("project_id", "organization_id"):
        co_implementers[project_id].add(organization_id)
    reporters = defaultdict(list)
    for membership in Membership.objects.filter(
        role=Role.REPORTER,
        agreement_id__in={p.agreement_id for p in projects},
        user__is_active=True,
    ).select_related("user"):
        reporters[(membership.agreement_id, membership.organization_id)].append(membership.user)
    found = {}
    for project in projects:
        organizations = {project.lead_implementer_id, *co_implementers[project.pk]} - {None}
        users = {
            user.pk: user
            for organization_id in organizations
            for user in reporters[(project.agreement_id, organization_id)]
        }
        found[project.pk] = sorted(users.values(), key=lambda user: user.username)
    return found


def project_reporters(project) -> list:
    """The project's contact persons: its organisations' reporters in its agreement."""
    return reporters_by_project([project])[project.pk]


def users_search(text: str, *, limit: int = 50) -> QuerySet:
    """Accounts whose user name, name or e-mail address holds ``text``; for the administrator
    looking for the person whose data is to be erased. Every word must be found somewhere."""
    from django.db.models import Q

    users = get_user_model().objects.select_related("erasure").order_by("last_name", "username")
    words = text.split()
    if not words:
        return users.none()
    for word in words:
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users[:limit]


def erasures_recent(*, limit: int = 50) -> QuerySet:
    """The latest erasures of personal data, for the administrator's record of them."""
    from .models import Erasure

    return Erasure.objects.select_related("erased_by")[:limit]
