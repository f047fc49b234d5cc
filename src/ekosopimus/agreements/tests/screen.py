"""Checks a page must pass on a phone and on a desktop screen, in a real browser: it fits the
width, the links of its in-page navigation reach their sections, and axe-core finds nothing."""

from pathlib import Path

import ekosopimus

AXE = Path(ekosopimus.__file__).parent / "tests" / "vendor" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 390, 1280


def open_at(page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 900})
    page.goto(url)


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def unreached_sections(page) -> list[str]:
    """The links of the page's first in-page navigation whose section is missing or is not
    brought into view by following the link."""
    links = page.locator("nav.page-nav").first.locator("a")
    missed = []
    assert links.count() > 0, "the page has no in-page navigation"
    for index in range(links.count()):
        link = links.nth(index)
        href = link.get_attribute("href")
        link.click()
        in_view = page.evaluate(
            """(id) => {
                const target = document.getElementById(id);
                if (!target) return false;
                const box = target.getBoundingClientRect();
                return box.bottom > 0 && box.top < window.innerHeight;
            }""",
            href.removeprefix("#"),
        )
        if not href.startswith("#") or not in_view:
            missed.append(href)
    return missed


def axe_violations(page) -> list[tuple[str, list]]:
    """axe-core's violations on the page as it stands: (rule, the elements it found)."""
    # Run through the browser's developer protocol: the site's Content Security Policy
    # rightly refuses an inline script tag.
    page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate("axe.run()")
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]
