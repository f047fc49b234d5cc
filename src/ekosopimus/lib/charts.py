"""Bar charts drawn as SVG on the server, so that a page and its PDF show the same chart.

A chart never stands alone: the page puts its data table beside it, and the SVG carries a
title and a text alternative for screen readers.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

# Colour-blind safe (Okabe–Ito); the legend and table name the series too.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
WIDTH = 680
LABEL_WIDTH = 220
VALUE_WIDTH = 90
BAR = 12
GAP = 10


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | int | None]


def _shorten(text: str, limit: int = 34) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Decimal | int], str],
) -> str:
    """A horizontal grouped bar chart as an SVG string.

    ``description`` is the text alternative; the values themselves belong in the table the
    page shows beside the chart.
    """
    values = [v or 0 for s in series for v in s.values]
    top = max(values, default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    legend_height = 22 if len(series) > 1 else 0
    group = len(series) * BAR + GAP
    height = legend_height + max(len(categories), 1) * group + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="chart" '
        f'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
    ]
    if legend_height:
        x = LABEL_WIDTH
        for index, item in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
            parts.append(f'<text x="{x + 14}" y="13">{escape(item.label)}</text>')
            x += 24 + 7 * len(item.label)
    for row, category in enumerate(categories):
        y0 = legend_height + row * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y0 + len(series) * BAR / 2 + 4:.0f}" '
            f'text-anchor="end">{escape(_shorten(category))}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row] or 0
            width = float(value) / float(top) * plot
            y = y0 + index * BAR
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR - 2}" '
                f"fill={quoteattr(colour)}/>"
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR - 3}">'
                f"{escape(value_format(value))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
