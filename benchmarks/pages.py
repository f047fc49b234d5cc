"""Server time of every main page with the register at its real size.

Fills a fresh database with ``real_size.fill()`` (about 20,000 projects of a generated EURA
2007–2013 list and the real 2,881-row EURA 2014 list in Kuopio, 100,000 generated EURA 2021
projects in Helsinki–Espoo–Vantaa, work in progress and users), then asks each page through
Django's own request handling, as the user who would open it, and prints its first load and the
median and slowest of the next few. The figures pages (rules, situation pictures) are kept in
the cache as in production, so their first load is the one computed after a change. Generating
the data is not timed. The target: every page under 300 ms.

Run with ``make benchmark-pages``; ``PAGES_DATA_DIR=folder`` measures a database filled before by
``python benchmarks/real_size.py`` instead of filling a new one.
"""

import os
import statistics
import sys
import time

from fresh_database import fresh_database

RUNS = 5
TARGET_MS = 300


def pages(users) -> list[tuple[str, str, str]]:
    """(what, URL, username) of each page measured."""
    from ekosopimus.monitoring.models import ProgressReport
    from ekosopimus.organizations.models import Organization
    from ekosopimus.portfolio.models import Call, Project, SteeringGroupMeeting

    imported = Project.objects.filter(agreement__slug="kuopio", code__startswith="A1").first()
    own = Project.objects.filter(agreement__slug="kuopio", code="").order_by("pk").first()
    busiest = Organization.objects.order_by("-led_projects__pk").first()
    meeting = SteeringGroupMeeting.objects.get()
    call = Call.objects.get()
    report = ProgressReport.objects.first()
    return [
        ("agreements", "/sopimukset/", "anonymous"),
        ("agreement: Kuopio", "/sopimukset/kuopio/", "koordinaattori"),
        ("agreement: HEV", "/sopimukset/helsinki-espoo-vantaa/", "hev-koordinaattori"),
        ("portfolio: Kuopio (22,881 projects)", "/hankkeet/kuopio/", "koordinaattori"),
        ("portfolio: Kuopio, page 200", "/hankkeet/kuopio/?sivu=200", "koordinaattori"),
        ("portfolio: Kuopio, ended projects", "/hankkeet/kuopio/?tila=closed", "koordinaattori"),
        ("portfolio: Kuopio, a search", "/hankkeet/kuopio/?haku=vesi", "koordinaattori"),
        ("portfolio: Kuopio, public", "/hankkeet/kuopio/", "anonymous"),
        (
            "portfolio: HEV (100,000 projects)",
            "/hankkeet/helsinki-espoo-vantaa/",
            "hev-koordinaattori",
        ),
        ("project (imported)", f"/hankkeet/hanke/{imported.pk}/", "koordinaattori"),
        ("project (in progress)", f"/hankkeet/hanke/{own.pk}/", "koordinaattori"),
        ("project edit form", f"/hankkeet/hanke/{own.pk}/muokkaa/", "koordinaattori"),
        ("new project form", "/hankkeet/kuopio/uusi/", "koordinaattori"),
        ("budget form", f"/hankkeet/hanke/{own.pk}/rahoitus/", "koordinaattori"),
        ("link form", f"/hankkeet/hanke/{own.pk}/linkitys/", "koordinaattori"),
        ("organisations", "/organisaatiot/", "anonymous"),
        ("organisations, a search", "/organisaatiot/?haku=savo", "anonymous"),
        ("organisation (most projects)", f"/organisaatiot/{busiest.pk}/", "koordinaattori"),
        ("organisation picker", "/organisaatiot/ehdotukset/?q=savo", "koordinaattori"),
        ("project picker", "/hankkeet/kuopio/ehdotukset/?q=osaamisen", "koordinaattori"),
        ("calls", "/hankkeet/kuopio/haut/", "koordinaattori"),
        ("call", f"/hankkeet/haku/{call.pk}/", "koordinaattori"),
        ("meetings", "/hankkeet/kuopio/kokoukset/", "koordinaattori"),
        ("meeting", f"/hankkeet/kokous/{meeting.pk}/", "koordinaattori"),
        ("rules: Kuopio", "/hankkeet/kuopio/saannot/", "koordinaattori"),
        ("situation picture: Kuopio", "/tilannekuva/kuopio/", "koordinaattori"),
        (
            "situation picture: HEV",
            "/tilannekuva/helsinki-espoo-vantaa/",
            "hev-koordinaattori",
        ),
        (
            "situation picture: HEV, ERDF only",
            "/tilannekuva/helsinki-espoo-vantaa/?rahoitus=ERDF",
            "hev-koordinaattori",
        ),
        ("national situation picture", "/tilannekuva/", "ministerio"),
        ("targets: Kuopio", "/tilannekuva/kuopio/tavoitteet/", "koordinaattori"),
        ("progress report", f"/tilannekuva/raportti/{report.pk}/", "koordinaattori"),
        ("gaps: Kuopio", "/analyysi/kuopio/aukot/", "koordinaattori"),
        ("import page", "/hankkeet/kuopio/tuonti/", "koordinaattori"),
        ("API: Kuopio's projects", "/api/v1/hankkeet/?sopimus=kuopio", "koordinaattori"),
        ("API: organisations", "/api/v1/organisaatiot/", "koordinaattori"),
        ("API: a project", f"/api/v1/hankkeet/{own.pk}/", "koordinaattori"),
    ]


def measure(users) -> list[tuple[str, int, float, float, float, int]]:
    """(what, status, first load, median and slowest of the next ``RUNS``, size) of each page."""
    from django.test import Client

    clients = {"anonymous": Client()}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)
    results = []
    for what, url, username in pages(users):
        client = clients[username]
        times = []
        status = size = 0
        for _run in range(RUNS + 1):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            status, size = response.status_code, len(response.content)
        if status != 200:
            print(f"{what}: {url} answered {status}", file=sys.stderr)
        first, *kept = times
        results.append((what, status, first, statistics.median(kept), max(kept), size))
    return results


def main() -> None:
    import real_size

    kept = os.environ.get("PAGES_DATA_DIR")
    if kept:
        # A database filled by an earlier run (python benchmarks/real_size.py prints where).
        os.environ["EKOSOPIMUS_DATA_DIR"] = kept
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.development")
        import django

        django.setup()
        from django.conf import settings

        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        users = real_size.users()
    else:
        fresh_database()
        users = real_size.fill()
    from django.conf import settings
    from django.core.cache import cache

    # As in production: the figures pages compute once after a change and are then kept
    # (``lib/stamp.py``). The first load computes them, from an empty cache.
    settings.FIGURES_CACHE_SECONDS = 3600
    cache.clear()
    results = measure(users)
    print(f"\n{'page':<44} {'status':>6} {'first':>9} {'median':>9} {'slowest':>9} {'size':>7}")
    for what, status, first, median, slowest, size in results:
        mark = "" if median < TARGET_MS else "  over the target"
        if median < TARGET_MS <= first:
            mark = "  first load over the target"
        print(
            f"{what:<44} {status:>6} {first:>6.0f} ms {median:>6.0f} ms {slowest:>6.0f} ms "
            f"{size / 1024:>4.0f} kB{mark}"
        )
    over = [row[0] for row in results if row[3] >= TARGET_MS]
    first_over = [row[0] for row in results if row[2] >= TARGET_MS]
    print(
        f"\n{len(results) - len(over)} of {len(results)} pages under {TARGET_MS} ms "
        f"(median of the {RUNS} loads after the first); "
        f"{len(results) - len(first_over)} on their first load."
    )


if __name__ == "__main__":
    main()
