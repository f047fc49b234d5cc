"""Checks a browser test makes of a page at a given screen width: that nothing widens the page,
that chart text stays legible, and that axe-core finds no accessibility violations."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def smallest_chart_text(page) -> float | None:
    """The smallest on-screen font size, in CSS pixels, of any text in the page's charts:
    the computed font size times the scale the chart is drawn at. None without charts."""
    return page.evaluate(
        """() => {
          const sizes = [...document.querySelectorAll('svg.chart text')].map(t => {
            const scale = t.getScreenCTM() ? t.getScreenCTM().a : 1;
            return parseFloat(getComputedStyle(t).fontSize) * scale;
          });
          return sizes.length ? Math.min(...sizes) : null;
        }"""
    )


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, each as ``rule: target of the first node``."""
    # Evaluated through the DevTools protocol rather than added as a <script>: the site's
    # Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run()")
    return [
        f"{violation['id']}: {violation['nodes'][0]['target']} ({len(violation['nodes'])})"
        for violation in result["violations"]
    ]
