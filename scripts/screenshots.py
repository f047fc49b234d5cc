"""Screenshots of the main pages at desktop and phone width, for the README.

Starts the application as `make run` serves it (gunicorn and a task worker) on a new SQLite
database in a temporary folder, with the seed agreements, the EU indicators and the sample
data of Kuopio and Helsinki–Espoo–Vantaa, signs in through the sign-in page as a coordinator
of Kuopio, and saves a PNG of each main page at 1280 px and at 390 px into docs/screenshots/.

A phone page can be many screens long: each picture shows the page from its top, at most
two screens high, and is reduced to 256 colours, so that the folder stays small.

Usage: make screenshots  (SCREENSHOT_PORT=8791 by default; CHROMIUM_PATH for another Chromium)
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PORT = int(os.environ.get("SCREENSHOT_PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
USERNAME, PASSWORD = "kaisa", "kuvakaappaus-2027"
# width -> (viewport height, the tallest picture)
WIDTHS = {1280: (800, 1600), 390: (844, 1688)}


def prepare(workdir: Path) -> dict[str, str]:
    """Migrate a new database in ``workdir``, load the data and return the pages to take,
    by file name."""
    os.environ["EKOSOPIMUS_DATA_DIR"] = str(workdir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ekosopimus.settings.local"
    os.environ["REDIS_URL"] = ""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse

    from ekosopimus.accounts.services import membership_grant
    from ekosopimus.agreements.models import Agreement
    from ekosopimus.agreements.services import agreements_load_bundled
    from ekosopimus.monitoring.samples import sample_cycle_create
    from ekosopimus.monitoring.services import indicator_catalogue_load
    from ekosopimus.portfolio.models import Project, SteeringGroupMeeting
    from ekosopimus.portfolio.services.samples import sample_data_create

    call_command("migrate", verbosity=0)
    agreements_load_bundled()
    indicator_catalogue_load()
    for agreement in Agreement.objects.filter(slug__in=["kuopio", "helsinki-espoo-vantaa"]):
        sample_data_create(agreement=agreement, by=None)
        sample_cycle_create(agreement=agreement, by=None)
    kuopio = Agreement.objects.get(slug="kuopio")
    user = get_user_model().objects.create_user(
        username=USERNAME, password=PASSWORD, first_name="Kaisa"
    )
    membership_grant(user=user, role="coordinator", agreement=kuopio, by=None)
    granted = (
        Project.objects.filter(agreement=kuopio, status__in=["granted", "ongoing"])
        .order_by("pk")
        .first()
    )
    meeting = (
        SteeringGroupMeeting.objects.filter(agreement=kuopio, decisions__isnull=False)
        .distinct()
        .first()
    )
    return {
        "start": reverse("home"),
        "agreement": reverse("agreements:detail", args=["kuopio"]),
        "portfolio": reverse("portfolio:portfolio", args=["kuopio"]),
        "project": reverse("portfolio:project", args=[granted.pk]),
        # The situation picture leaves sample data out unless asked for it.
        "situation": reverse("monitoring:situation", args=["kuopio"]) + "?esimerkit=1",
        "targets": reverse("monitoring:targets", args=["kuopio"]),
        "meeting": reverse("portfolio:meeting", args=[meeting.pk]),
        "similar": reverse("analysis:project_similar", args=[granted.pk]),
    }


def serve(workdir: Path) -> subprocess.Popen:
    """The server and its task worker, as `make run` starts them, once it answers."""
    environment = {**os.environ, "EKOSOPIMUS_DATA_DIR": str(workdir), "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "ekosopimus", "serve", "--port", str(PORT)]
    command += ["--web-workers", "2"]
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/tili/kirjaudu/", timeout=5) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("The server did not answer in 300 s.")


def shoot(pages: dict[str, str]) -> list[Path]:
    """Sign in as the coordinator and save each page at each width."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    saved = []
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(locale="fi-FI")
        page = context.new_page()
        page.goto(f"{BASE}/tili/kirjaudu/")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state("load")
        for name, path in pages.items():
            for width, (height, tallest) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto(BASE + path, wait_until="networkidle")
                full = page.evaluate("document.documentElement.scrollHeight")
                target = OUT / f"{name}-{width}.png"
                page.screenshot(
                    path=target,
                    clip={"x": 0, "y": 0, "width": width, "height": min(full, tallest)},
                    full_page=True,
                )
                with Image.open(target) as image:
                    reduced = image.convert("RGB").quantize(colors=256)
                reduced.save(target, optimize=True)
                saved.append(target)
        browser.close()
    return saved


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="ekosopimus-screenshots-"))
    try:
        pages = prepare(workdir)
        server = serve(workdir)
        try:
            saved = shoot(pages)
        finally:
            server.terminate()
            server.wait(30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    total = sum(path.stat().st_size for path in saved)
    print(f"{len(saved)} screenshots, {total / 1024:.0f} KiB, in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
