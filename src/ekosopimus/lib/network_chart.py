"""A network drawn as SVG on the server: circles for nodes, lines for the links between them.

The positions come from a force-directed layout (networkx's spring layout) with a fixed seed,
so the same network is drawn the same way every time. As with every chart, the page puts the
figures in a table beside it; the drawing only shows the shape.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt
from xml.sax.saxutils import escape, quoteattr

import networkx

from .charts import PALETTE

WIDTH = 680
HEIGHT = 520
MARGIN = 70  # room for labels at the edges
LEGEND = 24
MAX_RADIUS = 22
MIN_RADIUS = 4


@dataclass(frozen=True)
class Node:
    key: object
    label: str
    size: int  # e.g. the number of projects
    colour: int  # an index into the palette
    labelled: bool = False


@dataclass(frozen=True)
class Link:
    a: object
    b: object
    weight: int


def _shorten(text: str, limit: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def network_chart(
    *,
    title: str,
    description: str,
    nodes: Sequence[Node],
    links: Sequence[Link],
    legend: Sequence[tuple[str, int]],
) -> str:
    """The network as an SVG string; ``legend`` names the colours used."""
    graph = networkx.Graph()
    graph.add_nodes_from(node.key for node in nodes)
    graph.add_weighted_edges_from((link.a, link.b, link.weight) for link in links)
    positions = networkx.spring_layout(graph, seed=7, weight="weight") if nodes else {}
    xs = [float(x) for x, _y in positions.values()] or [0.0]
    ys = [float(y) for _x, y in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def place(key) -> tuple[float, float]:
        x, y = positions[key]
        return (
            MARGIN + (float(x) - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            LEGEND + MARGIN / 2 + (float(y) - min(ys)) / span_y * (HEIGHT - LEGEND - MARGIN),
        )

    biggest = max((node.size for node in nodes), default=1) or 1
    heaviest = max((link.weight for link in links), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart network" '
        f'font-family="sans-serif" font-size="10">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
    ]
    x = 4
    for label, colour in legend:
        parts.append(
            f'<circle cx="{x + 5}" cy="10" r="5" fill={quoteattr(PALETTE[colour % len(PALETTE)])}/>'
        )
        parts.append(f'<text x="{x + 13}" y="14">{escape(label)}</text>')
        x += 26 + 6 * len(label)
    for link in links:
        (x1, y1), (x2, y2) = place(link.a), place(link.b)
        width = 0.6 + 3.4 * link.weight / heaviest
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#777" stroke-opacity="0.55" stroke-width="{width:.1f}"/>'
        )
    for node in nodes:
        cx, cy = place(node.key)
        radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * sqrt(node.size / biggest)
        colour = PALETTE[node.colour % len(PALETTE)]
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill={quoteattr(colour)} '
            f'stroke="#fff" stroke-width="1"><title>{escape(node.label)}</title></circle>'
        )
        if node.labelled:
            parts.append(
                f'<text x="{cx:.1f}" y="{cy + radius + 11:.1f}" text-anchor="middle">'
                f"{escape(_shorten(node.label))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
