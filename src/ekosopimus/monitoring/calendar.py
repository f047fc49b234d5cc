"""A user's calendar feed (iCalendar, RFC 5545): the steering group meetings of the
agreements they read, the due dates of the progress reports they follow, and the closing
dates of their agreements' calls. Each date is an all-day event with a link to its page."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ekosopimus.accounts.access import Access, access_for
from ekosopimus.messaging.services import language_of
from ekosopimus.portfolio.models import Call, Project, SteeringGroupMeeting

from .schedule import ObligationStatus, schedule_for

# How far back the feed reaches: a calendar keeps what it has seen, and a year of past
# meetings and due dates is enough to look back on.
PAST = timedelta(days=365)


def _event(*, uid: str, day: date, summary: str, path: str, description: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("url", f"{settings.SITE_URL}{path}")
    event.add("description", f"{description}\n{settings.SITE_URL}{path}".strip())
    event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    return event


def _followed_agreements(access: Access) -> set[int]:
    """The agreements whose meetings and report dates the user follows by their role."""
    return set(access.coordinates | access.steers)


def _meetings(access: Access, since: date):
    meetings = SteeringGroupMeeting.objects.filter(held_on__gte=since).select_related("agreement")
    if not access.reads_all:
        meetings = meetings.filter(agreement_id__in=_followed_agreements(access))
    return meetings.order_by("held_on", "pk")


def _obligations(access: Access, today: date, since: date):
    scope = Q(agreement_id__in=_followed_agreements(access)) | access.reported_scope()
    projects = Project.objects.filter(scope)
    schedule = schedule_for(projects, today=today)
    return [o for o in schedule.obligations if o.period.due_on >= since]


def _calls(access: Access, since: date):
    calls = Call.objects.filter(closes_on__gte=since).select_related("agreement")
    if not access.reads_all:
        calls = calls.filter(
            agreement_id__in=_followed_agreements(access) | set(access.reports_for)
        )
    return calls.order_by("closes_on", "pk")


def calendar_feed(*, user, now: datetime | None = None) -> bytes:
    """The user's calendar as an iCalendar file, in the language they read their e-mail in."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = today - PAST
    access = access_for(user)
    with translation.override(language_of(user)):
        calendar = Calendar()
        calendar.add("prodid", "-//Ekosopimus//Ekosopimus//FI")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Ekosopimus: meetings and due dates"))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for meeting in _meetings(access, since):
            calendar.add_component(
                _event(
                    uid=f"meeting-{meeting.pk}",
                    day=meeting.held_on,
                    summary=_("Steering group: %(meeting)s") % {"meeting": meeting},
                    path=meeting.get_absolute_url(),
                    description=" · ".join(
                        filter(None, [meeting.agreement.city_region, meeting.location])
                    ),
                    stamp=now,
                )
            )
        for obligation in _obligations(access, today, since):
            period = obligation.period
            summary = (
                _("Final report due: %(project)s")
                if period.is_final
                else _("Report due: %(project)s")
            ) % {"project": obligation.project}
            if obligation.status == ObligationStatus.APPROVED:
                summary = f"✓ {summary}"
            calendar.add_component(
                _event(
                    uid=f"report-{obligation.key.replace(':', '-')}",
                    day=period.due_on,
                    summary=summary,
                    path=obligation.url,
                    description=_("Reporting period %(start)s–%(end)s · %(status)s")
                    % {
                        "start": date_format(period.start, "SHORT_DATE_FORMAT"),
                        "end": date_format(period.end, "SHORT_DATE_FORMAT"),
                        "status": obligation.status_label,
                    },
                    stamp=now,
                )
            )
        for call in _calls(access, since):
            calendar.add_component(
                _event(
                    uid=f"call-{call.pk}",
                    day=call.closes_on,
                    summary=_("Call closes: %(call)s") % {"call": call},
                    path=call.get_absolute_url(),
                    description=call.agreement.city_region,
                    stamp=now,
                )
            )
    return calendar.to_ical()
