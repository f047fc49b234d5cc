"""Every URL of the app, asked by every role, answers as the access rules say.

A URL that this table does not name fails ``test_every_url_has_an_access_rule``: a new page
cannot ship without a decision on who may see it.
"""

from datetime import date

import pytest
from django.contrib.admin import site as admin_site
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("anonymous", "kuopio_coord", "kuopio_steering", "kuopio_reporter", "hev_coord",
         "national", "admin")  # fmt: skip
OK, LOGIN = "ok", "login"
LOGIN_PAGES = ("/tili/kirjaudu/", "/admin/login/")

# Who gets what, by kind of page. "ok" is any answer of the page itself (200, a redirect
# after a write, 400 for a form with errors); "login" sends an anonymous visitor to sign in.
EXPECTED = {
    "public": dict.fromkeys(ROLES, OK),
    # a page for anyone signed in, which shows each user only what they may read
    "signed_in": {**dict.fromkeys(ROLES, OK), "anonymous": LOGIN},
    # a Kuopio page with non-public data: the whole portfolio, meetings, the situation picture
    "internal": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": OK,
                 "kuopio_reporter": 404, "hev_coord": 404, "national": OK, "admin": OK},
    # a Kuopio project still in preparation, of another organisation than the reporter's
    "private_project": {"anonymous": 404, "kuopio_coord": OK, "kuopio_steering": OK,
                        "kuopio_reporter": 404, "hev_coord": 404, "national": OK, "admin": OK},
    # a coordinator's write in Kuopio, from a Kuopio page
    "coordinate": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                   "kuopio_reporter": 404, "hev_coord": 404, "national": 403, "admin": OK},
    # a coordinator's write on the (public) granted project
    "coordinate_project": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                           "kuopio_reporter": 403, "hev_coord": 403, "national": 403,
                           "admin": OK},
    # the project's own editors: its coordinators and its organisation's reporter
    "edit_project": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                     "kuopio_reporter": OK, "hev_coord": 403, "national": 403, "admin": OK},
    # a write for the coordinators of any agreement: the shared organisation register
    "any_coordinator": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                        "kuopio_reporter": 403, "hev_coord": OK, "national": 403, "admin": OK},
    "decide": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": OK,
               "kuopio_reporter": 404, "hev_coord": 404, "national": 403, "admin": OK},
    # the steering group's statement on a change request the project's reporter can read
    "change_statement": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": OK,
                         "kuopio_reporter": 403, "hev_coord": 404, "national": 403, "admin": OK},
    "report": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": OK,
               "kuopio_reporter": OK, "hev_coord": 404, "national": OK, "admin": OK},
    "report_submit": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                      "kuopio_reporter": OK, "hev_coord": 404, "national": 403, "admin": OK},
    "report_approve": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 403,
                       "kuopio_reporter": 403, "hev_coord": 404, "national": 403, "admin": OK},
    "national": {"anonymous": LOGIN, "kuopio_coord": 404, "kuopio_steering": 404,
                 "kuopio_reporter": 404, "hev_coord": 404, "national": OK, "admin": OK},
    "administer": {"anonymous": LOGIN, "kuopio_coord": 404, "kuopio_steering": 404,
                   "kuopio_reporter": 404, "hev_coord": 404, "national": 404, "admin": OK},
    # The API answers an anonymous write with 401 (a token is asked for), and a read of
    # what is not theirs with 404, as the pages do.
    "api_signed_in": {**dict.fromkeys(ROLES, OK), "anonymous": 401},
    "api_internal": {"anonymous": 404, "kuopio_coord": OK, "kuopio_steering": OK,
                     "kuopio_reporter": 404, "hev_coord": 404, "national": OK, "admin": OK},
    "api_report": {"anonymous": 404, "kuopio_coord": OK, "kuopio_steering": OK,
                   "kuopio_reporter": OK, "hev_coord": 404, "national": OK, "admin": OK},
    "api_report_submit": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": 403,
                          "kuopio_reporter": OK, "hev_coord": 404, "national": 403, "admin": OK},
    "api_report_approve": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": 403,
                           "kuopio_reporter": 403, "hev_coord": 404, "national": 403,
                           "admin": OK},
    "api_coordinate": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": 403,
                       "kuopio_reporter": 403, "hev_coord": 403, "national": 403, "admin": OK},
    "api_edit_project": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": 403,
                         "kuopio_reporter": OK, "hev_coord": 403, "national": 403, "admin": OK},
    "api_change_statement": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": OK,
                             "kuopio_reporter": 403, "hev_coord": 404, "national": 403,
                             "admin": OK},
    "api_decide": {"anonymous": 401, "kuopio_coord": OK, "kuopio_steering": OK,
                   "kuopio_reporter": 403, "hev_coord": 403, "national": 403, "admin": OK},
    # approving a focus area's narrative of the annual report: the steering group's
    "approve_narrative": {"anonymous": LOGIN, "kuopio_coord": 403, "kuopio_steering": OK,
                          "kuopio_reporter": 404, "hev_coord": 404, "national": 403,
                          "admin": OK},
    # erasing a person's personal data: the administrator's alone, refused to anyone else
    "erase": {"anonymous": LOGIN, "kuopio_coord": 403, "kuopio_steering": 403,
              "kuopio_reporter": 403, "hev_coord": 403, "national": 403, "admin": OK},
    # background work, which only the user who asked for it (and the administrator) sees
    "own_job": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 404,
                "kuopio_reporter": 404, "hev_coord": 404, "national": 404, "admin": OK},
    # a user's own notification, which nobody else (the administrator neither) opens
    "own_notification": {"anonymous": LOGIN, "kuopio_coord": OK, "kuopio_steering": 404,
                         "kuopio_reporter": 404, "hev_coord": 404, "national": 404, "admin": 404},
    # Django's own administration: staff only, everyone else is asked to sign in as staff
    "django_admin": {"anonymous": LOGIN, "kuopio_coord": LOGIN, "kuopio_steering": LOGIN,
                     "kuopio_reporter": LOGIN, "hev_coord": LOGIN, "national": LOGIN,
                     "admin": OK},
}  # fmt: skip

# URL name -> the requests made to it: (method, arguments, kind of page).
MATRIX = {
    "home": [("get", (), "public")],
    "accounts:login": [("get", (), "public")],
    "accounts:logout": [("post", (), "public")],
    "set_language": [("post", (), "public")],
    "accounts:password_reset": [("get", (), "public"), ("post", (), "public")],
    "accounts:password_reset_sent": [("get", (), "public")],
    "accounts:password_reset_confirm": [("get", ("MQ", "vanha-linkki"), "public")],
    "accounts:password_reset_complete": [("get", (), "public")],
    "accounts:erasure_search": [("get", (), "erase")],
    "accounts:erasure_user": [
        ("get", ("{reporter}",), "erase"),
        ("post", ("{reporter}",), "erase"),
    ],
    "accounts:erasure_name": [("get", (), "erase"), ("post", (), "erase")],
    "accounts:erasure": [("get", ("{erasure}",), "erase")],
    "health": [("get", (), "public")],
    # the calendar feed's secret address is its key, whoever asks
    "calendar_feed": [("get", ("{feed}",), "public")],
    "messaging:notifications": [("get", (), "signed_in")],
    "messaging:open": [("get", ("{notification}",), "own_notification")],
    "messaging:read_all": [("post", (), "signed_in")],
    "messaging:preferences": [("get", (), "signed_in"), ("post", (), "signed_in")],
    "messaging:calendar": [("post", (), "signed_in")],
    "jobs:list": [("get", (), "signed_in")],
    "jobs:detail": [("get", ("{job}",), "own_job")],
    "jobs:status": [("get", ("{job}",), "own_job")],
    "jobs:result": [("get", ("{job}",), "own_job")],
    "jobs:retry": [("post", ("{failed_job}",), "own_job")],
    "agreements:list": [("get", (), "public")],
    "agreements:detail": [("get", ("kuopio",), "public")],
    "agreements:version": [("get", ("kuopio", 1), "public")],
    "agreements:focus_area": [("get", ("kuopio", 1, "4.1"), "public")],
    "agreements:compare": [("get", ("kuopio",), "public")],
    "revisions:start": [("get", ("kuopio",), "internal"), ("post", ("kuopio",), "coordinate")],
    "revisions:carry_over": [("get", ("kuopio", "{revision_draft}"), "internal")],
    "revisions:impact": [("get", ("kuopio", "{revision_draft}"), "internal")],
    "revisions:publish": [("post", ("kuopio", "{revision_draft}"), "coordinate")],
    "revisions:record": [("get", ("kuopio", 1), "public")],
    "revisions:decision_document": [("get", ("kuopio", "{decision}"), "internal")],
    "revisions:terminate": [("get", ("kuopio",), "coordinate")],
    "revisions:adopt": [("post", ("{draft}",), "administer")],
    "agreements:draft_upload": [("get", (), "administer")],
    "agreements:draft": [("get", ("{draft}",), "administer")],
    "agreements:draft_edit": [("get", ("{draft}",), "administer")],
    "agreements:draft_publish": [("post", ("{draft}",), "administer")],
    "agreements:draft_discard": [("post", ("{draft}",), "administer")],
    "organizations:list": [("get", (), "public")],
    "organizations:detail": [("get", ("{uef}",), "public")],
    "organizations:suggest": [("get", (), "public")],
    "organizations:create": [("get", (), "any_coordinator")],
    "portfolio:portfolio": [("get", ("kuopio",), "public")],
    "portfolio:export": [("get", ("kuopio", "csv"), "public")],
    "portfolio:calls": [("get", ("kuopio",), "public")],
    "portfolio:call": [("get", ("{call}",), "public")],
    "portfolio:project": [
        ("get", ("{granted}",), "public"),
        ("get", ("{idea}",), "private_project"),
    ],
    "portfolio:project_edit": [("get", ("{granted}",), "edit_project")],
    "portfolio:project_budget": [("get", ("{granted}",), "edit_project")],
    "portfolio:project_link": [("get", ("{granted}",), "coordinate_project")],
    "portfolio:project_transition": [("post", ("{granted}",), "coordinate_project")],
    "portfolio:project_propose": [("get", ("{granted}",), "coordinate_project")],
    "portfolio:funding_decision": [("get", ("{granted}",), "coordinate_project")],
    "portfolio:rules": [("get", ("kuopio",), "internal")],
    "portfolio:meetings": [("get", ("kuopio",), "internal")],
    "portfolio:meeting": [("get", ("{meeting}",), "internal")],
    "portfolio:meeting_minutes": [("get", ("{meeting}", "html"), "internal")],
    "portfolio:meeting_decide": [("post", ("{meeting}",), "decide")],
    "portfolio:meeting_add": [("post", ("{meeting}", "asia"), "decide")],
    "portfolio:meeting_assess": [("post", ("{meeting}", "{agenda_item}"), "coordinate")],
    "portfolio:meeting_create": [("get", ("kuopio",), "coordinate")],
    "portfolio:call_create": [("get", ("kuopio",), "coordinate")],
    "portfolio:project_create": [("get", ("kuopio",), "coordinate")],
    "portfolio:project_suggest": [("get", ("kuopio",), "internal")],
    "portfolio:import": [("get", ("kuopio",), "coordinate")],
    "portfolio:change_requests": [("get", ("kuopio",), "internal")],
    "portfolio:eura_differences": [
        ("get", ("kuopio",), "internal"),
        ("post", ("kuopio",), "coordinate"),
    ],
    "portfolio:change_request_create": [("get", ("{granted}",), "edit_project")],
    "portfolio:change_request": [("get", ("{change}",), "report")],
    "portfolio:change_request_act": [
        ("post", ("{change}", "lausunto"), "change_statement"),
        ("post", ("{change}", "paatos"), "report_approve"),
        ("post", ("{change}", "peru"), "report_submit"),
    ],
    "portfolio:import_detail": [("get", ("{import}",), "internal")],
    "monitoring:national": [("get", (), "national")],
    "monitoring:situation": [("get", ("kuopio",), "internal")],
    "monitoring:targets": [("get", ("kuopio",), "internal"), ("post", ("kuopio",), "coordinate")],
    "monitoring:contribution_remove": [("post", ("kuopio", "{contribution}"), "coordinate")],
    "monitoring:reporting": [("get", ("kuopio",), "internal")],
    "monitoring:reporting_rules": [("post", ("kuopio",), "coordinate")],
    "monitoring:target_plan": [
        ("get", ("kuopio", "{target}"), "coordinate"),
        ("post", ("kuopio", "{target}"), "coordinate"),
    ],
    "monitoring:project_targets": [
        ("get", ("{granted}",), "report"),
        ("post", ("{granted}",), "report_submit"),
    ],
    "monitoring:report": [("get", ("{report}",), "report")],
    "monitoring:report_create": [("get", ("{granted}",), "edit_project")],
    "monitoring:report_act": [
        ("post", ("{report}", "laheta"), "report_submit"),
        ("post", ("{report}", "hyvaksy"), "report_approve"),
    ],
    "reports:national": [("get", (), "national")],
    "reports:national_download": [("get", ("xlsx",), "national")],
    "reports:agreement": [("get", ("kuopio",), "internal")],
    "reports:agreement_download": [("get", ("kuopio", "xlsx"), "internal")],
    "reports:national_annual": [("get", (2024,), "national")],
    "reports:national_annual_download": [("get", (2024, "docx"), "national")],
    "reports:meeting": [("get", ("{meeting}",), "internal")],
    "reports:meeting_download": [("get", ("{meeting}", "docx"), "internal")],
    "reports:annual_latest": [("get", ("kuopio",), "internal")],
    "reports:annual": [("get", ("kuopio", 2024), "internal")],
    "reports:annual_download": [("get", ("kuopio", 2024, "docx"), "internal")],
    "reports:narrative_save": [
        ("post", ("kuopio", 2024, "4.1"), "coordinate", {"text": "Vuoden kertomus."}),
    ],
    "reports:narrative_approve": [("post", ("kuopio", 2024, "4.1"), "approve_narrative")],
    "legal:accessibility": [("get", (), "public")],
    "legal:privacy": [("get", (), "public")],
    "analysis:similar": [("get", (), "signed_in")],
    "analysis:project_similar": [
        ("get", ("{granted}",), "public"),
        ("get", ("{idea}",), "private_project"),
    ],
    "analysis:network_national": [("get", (), "public")],
    "analysis:network": [("get", ("kuopio",), "public")],
    "analysis:overlaps": [("get", ("kuopio",), "internal")],
    "analysis:overlaps_export": [("get", ("kuopio", "csv"), "internal")],
    "analysis:overlap_review": [
        ("get", ("kuopio", "{granted}", "{idea}"), "internal"),
        ("post", ("kuopio", "{granted}", "{idea}"), "coordinate"),
    ],
    "analysis:overlap_review_withdraw": [
        ("post", ("kuopio", "{granted}", "{idea}"), "coordinate"),
    ],
    "analysis:gaps": [("get", ("kuopio",), "internal")],
    "analysis:gap_to_idea": [("post", ("kuopio",), "coordinate")],
    "api:api-root": [("get", (), "public")],
    "api:schema": [("get", (), "public")],
    "api:docs": [("get", (), "public")],
    "api:open_data_json": [("get", (), "public")],
    "api:open_data_csv": [("get", (), "public")],
    "api:agreement-list": [("get", (), "public")],
    "api:agreement-detail": [("get", ("kuopio",), "public")],
    "api:agreement-compare": [("get", ("kuopio",), "public")],
    "api:organization-list": [("get", (), "public")],
    "api:organization-detail": [("get", ("{uef}",), "public")],
    "api:indicator-list": [("get", (), "public")],
    "api:indicator-detail": [("get", ("RCO01",), "public")],
    "api:project-list": [
        ("get", (), "public"),
        ("post", (), "api_coordinate", {"agreement": "kuopio", "name": "Rajapinnan hanke"}),
    ],
    "api:project-detail": [
        ("get", ("{granted}",), "public"),
        ("get", ("{idea}",), "private_project"),
        ("patch", ("{granted}",), "api_edit_project", {"summary": "Uusi tiivistelmä."}),
    ],
    "api:project-decide": [
        ("post", ("{granted}",), "api_decide", {"meeting": "{meeting}", "outcome": "selected"}),
    ],
    "api:project-fund": [
        (
            "post",
            ("{granted}",),
            "api_coordinate",
            {"outcome": "granted", "decided_on": "2024-01-15", "amount": "1000.00"},
        ),
    ],
    "api:report-list": [("get", (), "public")],
    "api:report-detail": [("get", ("{report}",), "api_report")],
    "api:report-submit": [("post", ("{report}",), "api_report_submit")],
    "api:report-approve": [("post", ("{report}",), "api_report_approve")],
    "api:situation-detail": [("get", ("kuopio",), "api_internal")],
    "api:change-request-list": [
        ("get", (), "public"),
        (
            "post",
            (),
            "api_edit_project",
            {"project": "{granted}", "justification": "Syy.", "change": {"end_date": "2027-03-31"}},
        ),
    ],
    "api:change-request-detail": [("get", ("{change}",), "api_report")],
    "api:change-request-statement": [
        (
            "post",
            ("{change}",),
            "api_change_statement",
            {"supports": True, "given_on": "2025-02-01"},
        ),
    ],
    "api:change-request-decide": [
        (
            "post",
            ("{change}",),
            "api_report_approve",
            {"approved": False, "decided_on": "2025-03-01"},
        ),
    ],
    "api:change-request-withdraw": [("post", ("{change}",), "api_report_submit")],
    "api:similar": [("get", (), "api_signed_in")],
}


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_an_access_rule():
    names = {name for name in _names(get_resolver()) if not name.startswith("admin:")}
    assert names - set(MATRIX) == set(), "URLs without an access rule in MATRIX"
    assert set(MATRIX) - names == set(), "MATRIX names URLs that no longer exist"


@pytest.fixture
def world(
    granted_project,
    kuopio,
    hev,
    uef,
    indicators,
    kuopio_user,
    kuopio_steering,
    kuopio_reporter,
    hev_user,
    national_viewer,
    admin_user,
):
    from ekosopimus.accounts.models import Erasure
    from ekosopimus.agreements.models import AgreementDraft
    from ekosopimus.jobs.models import Job
    from ekosopimus.jobs.services import job_submit
    from ekosopimus.messaging.models import Notification
    from ekosopimus.messaging.notifications import calendar_token_renew
    from ekosopimus.monitoring.services import contribution_add, report_create
    from ekosopimus.organizations.models import Organization
    from ekosopimus.organizations.services import organization_create
    from ekosopimus.portfolio.changes import ProjectChange
    from ekosopimus.portfolio.models import ProjectImport
    from ekosopimus.portfolio.services import (
        agenda_item_add,
        call_create,
        change_request_submit,
        project_create,
    )
    from ekosopimus.reports.services import narrative_write
    from ekosopimus.reports.tasks import summary_params

    city = organization_create(
        name="Kuopion kaupunki", business_id="0171747-6", kind=Organization.Kind.CITY
    )
    idea = project_create(
        agreement=kuopio, name="Uusi hankeaihio", lead_implementer=city, by=kuopio_user
    )
    target = kuopio.versions.get().focus_areas.get(number="4.1").targets.first()
    narrative_write(
        agreement=kuopio, year=2024, focus_area_number="4.1", text="Kertomus.", by=kuopio_user
    )
    meeting = granted_project.decisions.exclude(meeting=None).first().meeting
    objects = {
        "agenda_item": agenda_item_add(meeting=meeting, project=idea, by=kuopio_user).pk,
        "granted": granted_project.pk,
        "idea": idea.pk,
        "uef": uef.pk,
        "meeting": meeting.pk,
        "call": call_create(
            agreement=kuopio,
            title="Terveysdatan haku",
            opens_on=date(2024, 1, 1),
            closes_on=date(2024, 2, 1),
            by=kuopio_user,
        ).pk,
        "report": report_create(
            project=granted_project,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 6, 30),
            by=kuopio_user,
        ).pk,
        "target": target.pk,
        "change": change_request_submit(
            project=granted_project,
            change=ProjectChange(end_date=date(2027, 6, 30)),
            justification="Pilotointi viivästyi.",
            by=kuopio_user,
        ).pk,
        "contribution": contribution_add(
            target=target, indicator=indicators["RCO01"], by=kuopio_user
        ).pk,
        "import": ProjectImport.objects.create(
            agreement=kuopio,
            file_name="hankkeet.csv",
            sha256="0" * 64,
            file_format="eura2014",
            rows=0,
            created=0,
            updated=0,
            unchanged=0,
            unlinked=0,
        ).pk,
        "draft": AgreementDraft.objects.create(filename="kuopio.pdf", data={"slug": "kuopio"}).pk,
        "revision_draft": AgreementDraft.objects.create(
            filename="kuopio-2025.yaml", data=_kuopio_data(), revises=kuopio
        ).pk,
        "decision": _decision(kuopio),
        "job": job_submit(
            kind="summary",
            title="Kooste",
            by=kuopio_user,
            params=summary_params(slug="kuopio", fmt="xlsx", since=None, until=None),
        ).pk,
        "feed": calendar_token_renew(user=kuopio_user),
        "notification": Notification.objects.create(
            recipient=kuopio_user, kind="report_reminder", key="matrix", subject="Muistutus"
        ).pk,
        "reporter": kuopio_reporter.pk,
        "erasure": Erasure.objects.create(
            kind=Erasure.Kind.NAME, pseudonym="Poistettu henkilö 000000", reason="Pyyntö 1/2026"
        ).pk,
        "failed_job": Job.objects.create(
            kind="summary", title="Kooste", created_by=kuopio_user, status=Job.Status.FAILED
        ).pk,
    }
    users = {
        "anonymous": None,
        "kuopio_coord": kuopio_user,
        "kuopio_steering": kuopio_steering,
        "kuopio_reporter": kuopio_reporter,
        "hev_coord": hev_user,
        "national": national_viewer,
        "admin": admin_user,
    }
    return objects, users


def _kuopio_data() -> dict:
    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR, read_agreement_file
    from ekosopimus.agreements.documents.draft import to_json

    return to_json(read_agreement_file(BUNDLED_DATA_DIR / "kuopio.yaml"))


def _decision(kuopio) -> int:
    """A party's decision, with its minutes, on a written revision of Kuopio's version 1."""
    from ekosopimus.agreements.models import PartyDecision, Revision

    revision = Revision.objects.create(
        version=kuopio.versions.get(number=1),
        initiated_by="Kuopion kaupunki",
        enters_into_force_on=date(2021, 6, 1),
    )
    return PartyDecision.objects.create(
        revision=revision,
        party="Kuopion kaupunki",
        body="Kaupunginhallitus",
        decided_on=date(2021, 5, 20),
        document_name="poytakirja.pdf",
        document=b"%PDF-1.4 minutes",
    ).pk


def _fill(value, objects):
    return int(value.format(**objects)) if isinstance(value, str) and "{" in value else value


def _outcome(response) -> object:
    if response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES):
        return LOGIN
    if response.status_code in (200, 201, 302, 400, 503):
        return OK
    return response.status_code


def _ask(users, role, method, url, data=None):
    """One request, undone afterwards, so that one role's write does not change what the
    next role finds. API writes go with the user's token, as an API client sends them, and
    with ``If-Match: *`` (any version): the versions are tested on their own."""
    client = Client()
    headers = {"If-Match": "*"} if url.startswith("/api/") and method != "get" else {}
    if users[role] is not None:
        client.force_login(users[role])
        if url.startswith("/api/"):
            from rest_framework.authtoken.models import Token

            client.logout()
            token, _created = Token.objects.get_or_create(user=users[role])
            headers["Authorization"] = f"Token {token.key}"
    kwargs = {"content_type": "application/json", "data": data} if data is not None else {}
    with transaction.atomic():
        outcome = _outcome(getattr(client, method)(url, headers=headers, **kwargs))
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_its_rules_allow(name, world):
    objects, users = world
    for method, args, kind, *data in MATRIX[name]:
        url = reverse(name, args=[a.format(**objects) if isinstance(a, str) else a for a in args])
        body = {key: _fill(value, objects) for key, value in data[0].items()} if data else None
        answers = {role: _ask(users, role, method, url, body) for role in ROLES}
        assert answers == EXPECTED[kind], f"{method.upper()} {url} ({kind})"


def test_djangos_administration_is_for_administrators_only(world):
    _objects, users = world
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin_site._registry
    ]
    for url in urls:
        answers = {role: _ask(users, role, "get", url) for role in ROLES}
        assert answers == EXPECTED["django_admin"], url
