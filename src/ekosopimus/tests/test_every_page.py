"""Every page of the app, as every role that may see it, at desktop and phone width.

A real headless Chromium opens each page at 1280×800 and at 390×844 and checks that it
answers without a server error, that nothing makes the page wider than the screen, and that
axe-core (vendored from its npm package, never fetched) finds no WCAG 2.1 A/AA or
best-practice violation. All problems of all pages are gathered and reported together, so one
run shows everything that is left to fix.

Every URL pattern of the project is either visited here, fetched as a download (its status
and content type checked), or skipped with a written reason: a new URL cannot ship unseen.
"""

import io
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ekosopimus.conftest import sign_in

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {1280: 800, 390: 844}
ROLES = ("admin", "kuopio_coordinator", "hev_coordinator", "kuopio_steering",
         "kuopio_reporter", "national_viewer", "anonymous")  # fmt: skip
LOGIN_PAGES = ("/tili/kirjaudu/", "/admin/login/")

# URL name -> the arguments of each page visited in the browser. "{name}" is filled from the
# objects that the ``site`` fixture makes.
PAGES = {
    "home": [()],
    "accounts:login": [()],
    "accounts:password_reset": [()],
    "accounts:password_reset_sent": [()],
    "accounts:password_reset_confirm": [("MQ", "vanha-linkki")],
    "accounts:password_reset_complete": [()],
    "accounts:erasure_search": [()],
    "accounts:erasure_user": [("{reporter}",)],
    "accounts:erasure_name": [()],
    "accounts:erasure": [("{erasure}",)],
    "legal:accessibility": [()],
    "legal:privacy": [()],
    "messaging:notifications": [()],
    "messaging:open": [("{notification}",)],
    "messaging:preferences": [()],
    "jobs:list": [()],
    "jobs:detail": [("{job}",)],
    "agreements:list": [()],
    "agreements:detail": [("kuopio",), ("helsinki-espoo-vantaa",)],
    "agreements:version": [("kuopio", 1)],
    "agreements:focus_area": [("kuopio", 1, "4.1")],
    "agreements:compare": [("kuopio",)],
    "agreements:draft_upload": [()],
    "agreements:draft": [("{draft}",)],
    "agreements:draft_edit": [("{draft}",)],
    "revisions:start": [("kuopio",)],
    "revisions:carry_over": [("kuopio", "{revision_draft}")],
    "revisions:impact": [("kuopio", "{revision_draft}")],
    "revisions:record": [("kuopio", 1)],
    "revisions:terminate": [("kuopio",)],
    "organizations:list": [()],
    "organizations:detail": [("{uef}",)],
    "organizations:create": [()],
    "portfolio:portfolio": [("kuopio",), ("helsinki-espoo-vantaa",)],
    "portfolio:calls": [("kuopio",)],
    "portfolio:call": [("{call}",)],
    "portfolio:project": [("{granted}",), ("{idea}",)],
    "portfolio:project_edit": [("{granted}",)],
    "portfolio:project_budget": [("{granted}",)],
    "portfolio:project_link": [("{granted}",)],
    "portfolio:project_propose": [("{idea}",)],
    "portfolio:funding_decision": [("{granted}",)],
    "portfolio:rules": [("kuopio",)],
    "portfolio:meetings": [("kuopio",)],
    "portfolio:meeting": [("{meeting}",)],
    "portfolio:meeting_minutes": [("{meeting}", "html")],
    "portfolio:meeting_create": [("kuopio",)],
    "portfolio:call_create": [("kuopio",)],
    "portfolio:project_create": [("kuopio",)],
    "portfolio:import": [("kuopio",)],
    "portfolio:import_detail": [("{import}",)],
    "portfolio:change_requests": [("kuopio",)],
    "portfolio:change_request_create": [("{granted}",)],
    "portfolio:change_request": [("{change}",)],
    "portfolio:eura_differences": [("kuopio",)],
    "monitoring:national": [()],
    "monitoring:situation": [("kuopio",), ("helsinki-espoo-vantaa",)],
    "monitoring:targets": [("kuopio",)],
    "monitoring:target_plan": [("kuopio", "{target}")],
    "monitoring:reporting": [("kuopio",)],
    "monitoring:project_targets": [("{granted}",)],
    "monitoring:report": [("{report}",)],
    "monitoring:report_create": [("{granted}",)],
    "reports:national": [()],
    "reports:agreement": [("kuopio",)],
    "reports:annual_latest": [("kuopio",)],
    "reports:annual": [("kuopio", 2024)],
    "reports:national_annual": [(2024,)],
    "reports:meeting": [("{meeting}",)],
    "analysis:similar": [()],
    "analysis:project_similar": [("{granted}",)],
    "analysis:network_national": [()],
    "analysis:network": [("kuopio",)],
    "analysis:overlaps": [("kuopio",)],
    "analysis:overlap_review": [("kuopio", "{granted}", "{idea}")],
    "analysis:gaps": [("kuopio",)],
}

# URL name -> (arguments, who asks, the content type answered[, {"query": …, "status": …}]).
# Files and data, not pages: each is fetched once and must answer 200 (or the status named)
# with its content type. Files that a worker makes
# are asked for, followed to their job and fetched from there.
DOWNLOADS = {
    "health": ((), "anonymous", "application/json"),
    "calendar_feed": (("{feed}",), "anonymous", "text/calendar"),
    "organizations:suggest": ((), "anonymous", "application/json"),
    "portfolio:project_suggest": (("kuopio",), "kuopio_coordinator", "application/json"),
    "portfolio:export": (("kuopio", "csv"), "anonymous", "text/csv"),
    "analysis:overlaps_export": (("kuopio", "csv"), "kuopio_coordinator", "text/csv"),
    "revisions:decision_document": (("kuopio", "{decision}"), "kuopio_coordinator",
                                    "application/pdf"),
    "jobs:status": (("{job}",), "kuopio_coordinator", "application/json"),
    "jobs:result": (("{job}",), "kuopio_coordinator", "application/vnd.openxmlformats"),
    "reports:agreement_download": (("kuopio", "xlsx"), "kuopio_coordinator",
                                   "application/vnd.openxmlformats"),
    "reports:national_download": (("xlsx",), "national_viewer", "application/vnd.openxmlformats"),
    "reports:annual_download": (("kuopio", 2024, "docx"), "kuopio_coordinator",
                                "application/vnd.openxmlformats"),
    "reports:national_annual_download": ((2024, "docx"), "national_viewer",
                                         "application/vnd.openxmlformats"),
    "reports:meeting_download": (("{meeting}", "docx"), "kuopio_coordinator",
                                 "application/vnd.openxmlformats"),
    "api:api-root": ((), "anonymous", "application/json"),
    "api:schema": ((), "anonymous", "application/vnd.oai.openapi"),
    "api:docs": ((), "anonymous", "text/html"),
    "api:open_data_json": ((), "anonymous", "application/json"),
    "api:open_data_csv": ((), "anonymous", "text/csv"),
    "api:agreement-list": ((), "anonymous", "application/json"),
    "api:agreement-detail": (("kuopio",), "anonymous", "application/json"),
    # Kuopio has one published version: the API says as JSON that there is nothing to compare.
    "api:agreement-compare": (("kuopio",), "anonymous", "application/json", {"status": 400}),
    "api:organization-list": ((), "anonymous", "application/json"),
    "api:organization-detail": (("{uef}",), "anonymous", "application/json"),
    "api:indicator-list": ((), "anonymous", "application/json"),
    "api:indicator-detail": (("RCO01",), "anonymous", "application/json"),
    "api:project-list": ((), "anonymous", "application/json"),
    "api:project-detail": (("{granted}",), "anonymous", "application/json"),
    "api:report-list": ((), "kuopio_coordinator", "application/json"),
    "api:report-detail": (("{report}",), "kuopio_coordinator", "application/json"),
    "api:situation-detail": (("kuopio",), "kuopio_coordinator", "application/json"),
    "api:change-request-list": ((), "kuopio_coordinator", "application/json"),
    "api:change-request-detail": (("{change}",), "kuopio_coordinator", "application/json"),
    "api:similar": ((), "kuopio_coordinator", "application/json",
                    {"query": {"teksti": "terveysdatan laatu"}}),
}  # fmt: skip

POST_ONLY = "answers only POST: a form's action, no page of its own"
API_WRITE = "an API action that answers only POST"
SKIPPED = {
    "accounts:logout": POST_ONLY,
    "set_language": POST_ONLY,
    "messaging:read_all": POST_ONLY,
    "messaging:calendar": POST_ONLY,
    "jobs:retry": POST_ONLY,
    "revisions:adopt": POST_ONLY,
    "revisions:publish": POST_ONLY,
    "agreements:draft_publish": POST_ONLY,
    "agreements:draft_discard": POST_ONLY,
    "portfolio:project_transition": POST_ONLY,
    "portfolio:meeting_decide": POST_ONLY,
    "portfolio:meeting_add": POST_ONLY,
    "portfolio:meeting_assess": POST_ONLY,
    "analysis:overlap_review_withdraw": POST_ONLY,
    "portfolio:change_request_act": POST_ONLY,
    "monitoring:report_act": POST_ONLY,
    "monitoring:reporting_rules": POST_ONLY,
    "monitoring:contribution_remove": POST_ONLY,
    "analysis:gap_to_idea": POST_ONLY,
    "reports:narrative_save": POST_ONLY,
    "reports:narrative_approve": POST_ONLY,
    "api:project-decide": API_WRITE,
    "api:project-fund": API_WRITE,
    "api:report-submit": API_WRITE,
    "api:report-approve": API_WRITE,
    "api:change-request-statement": API_WRITE,
    "api:change-request-decide": API_WRITE,
    "api:change-request-withdraw": API_WRITE,
}
ADMIN_SKIPPED = "Django's own administration: its templates are Django's, not the product's"

# The element whose right edge lies furthest right, among those not inside a box that scrolls
# or clips its content: the one that makes the page wider than the screen.
WIDEST = """() => {
  let widest = null, right = 0;
  const walk = (element) => {
    for (const child of element.children) {
      const box = child.getBoundingClientRect();
      if (box.right > right && box.width > 0) { right = box.right; widest = child; }
      const overflow = getComputedStyle(child).overflowX;
      if (overflow === 'visible') walk(child);
    }
  };
  walk(document.body);
  if (!widest) return '';
  const classes = typeof widest.className === 'string' && widest.className.trim()
    ? '.' + widest.className.trim().split(/\\s+/).join('.') : '';
  const name = widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '') + classes;
  const text = (widest.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return `${name} (right edge ${Math.round(right)} px) “${text}”`;
}"""
AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id, nodes: v.nodes.length, target: v.nodes[0].target.join(' '),
  }));
}"""


@dataclass(frozen=True)
class Problem:
    page: str
    role: str
    width: int
    kind: str  # "5xx", "too wide", "axe <rule>", "unvisited"
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.page} | {self.role} | {self.width} px | {self.kind} | {self.detail}"


@dataclass
class Site:
    url: str
    objects: dict
    users: dict
    visits: dict = field(default_factory=dict)  # role -> [(URL name, path)]


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """The names of every URL pattern of the project, with their namespaces."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def _path(name: str, args: tuple, objects: dict) -> str:
    return reverse(name, args=[a.format(**objects) if isinstance(a, str) else a for a in args])


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def site(
    transactional_db,
    live_server,
    granted_project,
    kuopio,
    hev,
    uef,
    indicators,
    kuopio_user,
    hev_user,
    kuopio_steering,
    kuopio_reporter,
    national_viewer,
    admin_user,
) -> Site:
    """Both seed agreements with sample portfolios and reporting cycles, and one of every
    object that a page shows: a granted project with a budget, a report returned to its
    reporter (who is told), a change request, a meeting, a call, an idea, a contribution to a
    target, an import, an agreement draft, a revision draft, a party's decision and a job."""
    from ekosopimus.accounts.models import Erasure
    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR
    from ekosopimus.agreements.models import Revision
    from ekosopimus.agreements.services import agreement_draft_create
    from ekosopimus.agreements.services.revisions import revision_decision_add
    from ekosopimus.jobs.services import job_submit
    from ekosopimus.messaging.models import Notification
    from ekosopimus.messaging.notifications import calendar_token_renew
    from ekosopimus.monitoring.samples import sample_cycle_create
    from ekosopimus.monitoring.services import (
        contribution_add,
        report_create,
        report_return,
        report_submit,
    )
    from ekosopimus.portfolio.changes import ProjectChange
    from ekosopimus.portfolio.models import ProjectImport
    from ekosopimus.portfolio.services import (
        call_create,
        change_request_submit,
        project_create,
        projects_import,
    )
    from ekosopimus.portfolio.services.samples import sample_data_create
    from ekosopimus.reports.services import narrative_write
    from ekosopimus.reports.tasks import summary_params
    from ekosopimus.revisions.services import revision_draft_create

    for agreement in (kuopio, hev):
        sample_data_create(agreement=agreement, by=None)
        sample_cycle_create(agreement=agreement, by=None)
    area = kuopio.versions.get(number=1).focus_areas.get(number="4.1")
    target = area.targets.get(unit="company")
    idea = project_create(
        agreement=kuopio,
        name="Terveysdatan laadun parantaminen",
        summary="Terveysdatan ja hyvinvointidatan laatu ja hyödynnettävyys paranevat.",
        lead_implementer=uef,
        focus_areas=[area],
        by=kuopio_user,
    )
    report = report_create(
        project=granted_project,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 6, 30),
        values={indicators["RCO01"]: 4},
        narrative="Yritysten kanssa tehtiin neljä kokeilua.",
        by=kuopio_reporter,
    )
    report_submit(report=report, by=kuopio_reporter)
    report_return(report=report, comment="Lisää yritysten nimet.", by=kuopio_user)
    projects_import(
        agreement=kuopio,
        stream=io.BytesIO(EURA_LIST.encode()),
        filename="eura2014.csv",
        by=kuopio_user,
    )
    kuopio_yaml = (BUNDLED_DATA_DIR / "kuopio.yaml").read_bytes()
    revision = Revision.objects.create(
        version=kuopio.versions.get(number=1),
        initiated_by="Kuopion kaupunki",
        enters_into_force_on=date(2021, 6, 1),
    )
    objects = {
        "granted": granted_project.pk,
        "idea": idea.pk,
        "uef": uef.pk,
        "target": target.pk,
        "report": report.pk,
        "meeting": granted_project.decisions.exclude(meeting=None).first().meeting_id,
        "call": call_create(
            agreement=kuopio,
            title="Terveysdatan haku",
            opens_on=date(2024, 1, 1),
            closes_on=date(2024, 2, 1),
            focus_areas=[area],
            by=kuopio_user,
        ).pk,
        "change": change_request_submit(
            project=granted_project,
            change=ProjectChange(end_date=date(2027, 6, 30)),
            justification="Pilotointi viivästyi.",
            by=kuopio_reporter,
        ).pk,
        "contribution": contribution_add(
            target=target, indicator=indicators["RCO01"], by=kuopio_user
        ).pk,
        "import": ProjectImport.objects.filter(agreement=kuopio).latest("pk").pk,
        "draft": agreement_draft_create(
            content=kuopio_yaml, filename="kuopio.yaml", by=admin_user
        ).pk,
        "revision_draft": revision_draft_create(
            agreement=kuopio,
            content=yaml.safe_dump(_revised_kuopio(), allow_unicode=True).encode(),
            filename="kuopio-2025.yaml",
            by=kuopio_user,
        ).pk,
        "decision": revision_decision_add(
            revision=revision,
            party="Kuopion kaupunki",
            body="Kaupunginhallitus",
            decided_on=date(2021, 5, 20),
            document_name="poytakirja.pdf",
            document=b"%PDF-1.4 minutes",
            by=kuopio_user,
        ).pk,
        "job": job_submit(
            kind="summary",
            title="Kuopion kooste",
            by=kuopio_user,
            params=summary_params(slug="kuopio", fmt="xlsx", since=None, until=None),
        ).pk,
        "feed": calendar_token_renew(user=kuopio_user),
        "notification": Notification.objects.filter(recipient=kuopio_reporter).latest("pk").pk,
        "reporter": kuopio_reporter.pk,
        "erasure": Erasure.objects.create(
            kind=Erasure.Kind.NAME, pseudonym="Poistettu henkilö 000000", reason="Pyyntö 1/2026"
        ).pk,
    }
    narrative_write(
        agreement=kuopio,
        year=2024,
        focus_area_number="4.1",
        text="Terveysteknologian yritysten kanssa tehtiin neljä kokeilua.",
        by=kuopio_user,
    )
    users = {
        "admin": admin_user,
        "kuopio_coordinator": kuopio_user,
        "hev_coordinator": hev_user,
        "kuopio_steering": kuopio_steering,
        "kuopio_reporter": kuopio_reporter,
        "national_viewer": national_viewer,
        "anonymous": None,
    }
    return Site(url=live_server.url, objects=objects, users=users)


EURA_LIST = (
    "Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,Toteuttajan nimi,"
    "Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,"
    "Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä\n"
    "A71001,EAKR,Terveysdatan laatu ja hyödyntäminen Pohjois-Savossa,1,Pohjois-Savon liitto,"
    "Päättynyt,1.1.2016,31.12.2018,Itä-Suomen yliopisto,100000,100000,150000,150000\n"
)


def _revised_kuopio() -> dict:
    """Kuopio's agreement with its last measure rewritten, as a revision would state it."""
    from ekosopimus.revisions.tests.conftest import kuopio_data

    data = kuopio_data()
    data["action_plan"]["items"][-1]["measure"] = "Vesialan yritysten kansainvälistyminen"
    return data


@pytest.fixture
def planned_visits(site) -> list[Problem]:
    """Which role may open which page, asked of the server before any browser starts: a page
    that answers 200, or redirects elsewhere than to signing in, is that role's to visit.
    Returns the server errors met on the way."""
    problems = []
    for role, user in site.users.items():
        client = _client(user)
        site.visits[role] = []
        for name, variants in PAGES.items():
            for args in variants:
                path = _path(name, args, site.objects)
                response = client.get(path)
                if response.status_code >= 500:
                    problems.append(Problem(path, role, 0, "5xx", str(response.status_code)))
                elif response.status_code == 200 or (
                    response.status_code == 302 and not response.url.startswith(LOGIN_PAGES)
                ):
                    site.visits[role].append((name, path))
    return problems


@pytest.mark.browser
def test_every_page_fits_the_screen_and_passes_axe_for_every_role(
    planned_visits, site, browser_page
):
    problems = list(planned_visits)
    browser = browser_page.context.browser
    started, visits = time.monotonic(), 0
    failed = []  # server errors of the page being checked, its own answer and what it loads
    for role, user in site.users.items():
        # The site's Content Security Policy forbids inline scripts; axe is put in as one.
        context = browser.new_context(
            locale="fi-FI", viewport={"width": 1280, "height": 800}, bypass_csp=True
        )
        page = context.new_page()
        if user is not None:
            sign_in(page, _client(user), user, site.url)
        page.on("response", lambda r: failed.append(r) if r.status >= 500 else None)
        for _name, path in site.visits[role] + [("not found", "/ei-tallaista-sivua/")]:
            for width, height in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                failed.clear()
                response = page.goto(site.url + path, wait_until="load")
                visits += 1
                problems += _check(page, response, failed, path, role, width)
        context.close()
    elapsed = time.monotonic() - started
    visited = {name for pages in site.visits.values() for name, _path in pages}
    problems += [
        Problem(name, "every role", 0, "unvisited", "no role could open the page")
        for name in sorted(set(PAGES) - visited)
    ]
    report = "\n".join(str(problem) for problem in sorted(problems, key=str))
    summary = _summary(problems)
    print(f"{visits} visits in {elapsed:.0f} s\n{summary}")
    assert not problems, f"{len(problems)} problems in {visits} visits:\n{summary}\n{report}"


def _check(page, response, failed, path, role, width) -> list[Problem]:
    problems = []
    if response is not None and response.status >= 500:
        problems.append(Problem(path, role, width, "5xx", str(response.status)))
    problems += [
        Problem(path, role, width, "5xx", f"{r.status} {r.url}")
        for r in failed
        if r is not response
    ]
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > inner_width:
        problems.append(
            Problem(
                path,
                role,
                width,
                "too wide",
                f"{scroll_width} px > {inner_width} px: {page.evaluate(WIDEST)}",
            )
        )
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(AXE_RUN, AXE_TAGS):
        problems.append(
            Problem(
                path,
                role,
                width,
                f"axe {violation['id']}",
                f"{violation['nodes']} elements, first {violation['target']}",
            )
        )
    return problems


def _summary(problems: list[Problem]) -> str:
    """Counts by kind of problem and by page, largest first."""
    by_kind, by_page = {}, {}
    for problem in problems:
        by_kind[problem.kind] = by_kind.get(problem.kind, 0) + 1
        by_page[problem.page] = by_page.get(problem.page, 0) + 1
    kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(by_kind.items(), key=lambda i: -i[1]))
    pages = "\n".join(
        f"  {n:4d}  {page}" for page, n in sorted(by_page.items(), key=lambda i: -i[1])
    )
    return f"by kind: {kinds}\nby page:\n{pages}"


def test_every_download_answers_with_its_content_type(site, download):
    for name, (args, role, content_type, *extra) in DOWNLOADS.items():
        path = _path(name, args, site.objects)
        client = _client(site.users[role])
        query, status = (extra or [{}])[0].get("query"), (extra or [{}])[0].get("status", 200)
        response = client.get(path, query)
        if response.status_code == 302 and response.url.startswith(reverse("jobs:list")):
            response = download(client, path, query).response
        assert response.status_code == status, (path, response.status_code)
        assert response["Content-Type"].startswith(content_type), (path, response["Content-Type"])


def test_every_url_pattern_is_visited_downloaded_or_skipped_with_a_reason():
    names = url_names()
    skipped = {**SKIPPED, **{name: ADMIN_SKIPPED for name in names if name.startswith("admin:")}}
    covered = set(PAGES) | set(DOWNLOADS) | set(skipped)
    assert names - covered == set(), "URL patterns neither visited, downloaded nor skipped"
    assert covered - names == set(), "names of URL patterns that no longer exist"
    assert not set(PAGES) & set(DOWNLOADS) & set(SKIPPED)
    assert all(reason.strip() for reason in skipped.values())
