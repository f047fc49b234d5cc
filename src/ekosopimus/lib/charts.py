"""Bar charts drawn as SVG on the server, so that a page and its PDF show the same chart.

A chart never stands alone: the page puts its data table beside it, and the SVG carries a
title and a text alternative for screen readers.

The charts fill the width of their container (``width="100%"``) but are drawn without a
``viewBox``: horizontal positions are percentages and everything vertical is in CSS pixels, so
the bars stretch with the screen while the text keeps its size. A chart drawn in a fixed
coordinate system and scaled down to a 320 px phone would shrink its text below legibility;
here the text is ``FONT_SIZE`` px at every width. Each label has its own line(s) above its bars
and wraps instead of being cut short.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

# Colour-blind safe (Okabe–Ito); the legend and table name the series too.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
FONT_SIZE = 14
LINE = 18  # the height of one line of text
BAR = 14
GAP = 12  # between the groups of bars of two categories
# The longest bar leaves room after it for its value (e.g. "1 234,56 M€") on a 288 px wide chart.
BAR_SPAN = 62
# Characters per label line: 14 px text averages under 8 px a character, and the narrowest chart
# (a 320 px screen less the page margins) is 288 px wide.
WRAP = 34


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | int | None]


@dataclass(frozen=True)
class Progress:
    """One target's bar: how far it has come, where the promises would take it, and the goal.

    ``text`` states the figures in words, so nothing is told by colour or length alone.
    """

    label: str
    achieved: Decimal | int
    target: Decimal | int
    promised: Decimal | int | None = None
    text: str = ""


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters, words kept whole where they
    fit. Nothing is dropped: a word longer than a line is split over lines."""
    lines: list[str] = []
    current = ""
    for word in " ".join(str(text).split()).split(" "):
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _open(*, title: str, description: str, height: int, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
        f'role="img" class="chart chart--{kind}" font-family="sans-serif" '
        f'font-size="{FONT_SIZE}" fill="#1a1a1a">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
    ]


def _label(lines: list[str], y: int, *, weight: str = "normal") -> str:
    spans = "".join(
        f'<tspan x="0" dy="{0 if index == 0 else LINE}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return f'<text x="0" y="{y}"{bold}>{spans}</text>'


def _has_value(value) -> bool:
    return value is not None and value != 0


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Decimal | int], str],
) -> str | None:
    """A horizontal grouped bar chart as an SVG string, or None when there is nothing to draw.

    Each category's label stands on its own line(s) above its bars; a series with no values
    is left out, legend and all. ``description`` is the text alternative; the values themselves
    belong in the table the page shows beside the chart.
    """
    series = [item for item in series if any(_has_value(v) for v in item.values)]
    rows = [
        (index, category)
        for index, category in enumerate(categories)
        if any(_has_value(item.values[index]) for item in series)
    ]
    if not series or not rows:
        return None
    top = max(float(v or 0) for item in series for v in item.values) or 1.0
    body: list[str] = []
    y = 0
    if len(series) > 1:
        # One legend entry per line: several would not fit side by side on a phone.
        for index, item in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            body.append(
                f'<rect x="0" y="{y + 3}" width="{BAR}" height="{BAR - 2}" '
                f"fill={quoteattr(colour)}/>"
            )
            body.append(f'<text x="{BAR + 6}" y="{y + FONT_SIZE}">{escape(item.label)}</text>')
            y += LINE
        y += GAP
    for row, category in rows:
        lines = wrap(category)
        body.append(_label(lines, y + FONT_SIZE, weight="bold"))
        y += len(lines) * LINE + 4
        for index, item in enumerate(series):
            value = item.values[row] or 0
            width = float(value) / top * BAR_SPAN
            colour = PALETTE[index % len(PALETTE)]
            body.append(
                f'<rect x="0" y="{y}" width="{width:.2f}%" height="{BAR}" '
                f"fill={quoteattr(colour)}/>"
            )
            body.append(
                f'<text x="{width:.2f}%" dx="6" y="{y + BAR - 2}">'
                f"{escape(value_format(value))}</text>"
            )
            y += BAR + 4
        y += GAP
    return "".join(
        [*_open(title=title, description=description, height=y, kind="bars"), *body, "</svg>"]
    )


ACHIEVED = "#0072b2"
PROMISED = "#9ecae1"
TARGET = "#1a1a1a"


def progress_chart(*, title: str, description: str, rows: Sequence[Progress]) -> str | None:
    """One progress bar per target as an SVG string, or None without targets.

    Each bar runs from zero to the largest of the target, the level reached and the level
    promised; the achieved part is dark, the promised part light behind it, and a black mark
    stands at the target. The row's ``text`` below the bar gives the same figures in words.
    """
    if not rows:
        return None
    body: list[str] = []
    y = 0
    for row in rows:
        lines = wrap(row.label)
        body.append(_label(lines, y + FONT_SIZE, weight="bold"))
        y += len(lines) * LINE + 4
        top = float(max(row.target, row.achieved, row.promised or 0)) or 1.0
        span = 100 - 2  # leave room for the target mark at the end

        def at(value, top=top, span=span) -> float:
            return float(value or 0) / top * span

        body.append(
            f'<rect x="0" y="{y}" width="{span}%" height="{BAR}" fill="#f2f2f2" '
            f'stroke="#767676" stroke-width="1"/>'
        )
        if row.promised is not None and row.promised > row.achieved:
            body.append(
                f'<rect x="0" y="{y}" width="{at(row.promised):.2f}%" height="{BAR}" '
                f'fill="{PROMISED}"/>'
            )
        body.append(
            f'<rect x="0" y="{y}" width="{at(row.achieved):.2f}%" height="{BAR}" '
            f'fill="{ACHIEVED}"/>'
        )
        body.append(
            f'<rect x="{at(row.target):.2f}%" y="{y - 4}" width="3" height="{BAR + 8}" '
            f'fill="{TARGET}"/>'
        )
        y += BAR + 6
        if row.text:
            text_lines = wrap(row.text)
            body.append(_label(text_lines, y + FONT_SIZE))
            y += len(text_lines) * LINE
        y += GAP + 4
    return "".join(
        [*_open(title=title, description=description, height=y, kind="progress"), *body, "</svg>"]
    )
