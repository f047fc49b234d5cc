"""A network drawn as SVG on the server: circles for nodes, lines for the links between them.

The positions come from a force-directed layout (networkx's spring layout) with a fixed seed,
so the same network is drawn the same way every time. As with every chart, the page puts the
figures in a table beside it; the drawing only shows the shape.

The drawing scales with the width of the page (``viewBox``, width 100 %), so names written into
it would shrink below a readable size on a phone or be cut. The labelled nodes therefore carry
only their number; the page lists the numbered names as text beside the chart, where they wrap,
and the colours' legend likewise. The numbers' size is set by the stylesheet for each screen
width (class ``network-number``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import sqrt
from xml.sax.saxutils import escape, quoteattr

import networkx

from .charts import PALETTE

WIDTH = 680
HEIGHT = 480
MARGIN = 40  # room for the numbers at the edges
MAX_RADIUS = 22
MIN_RADIUS = 4


@dataclass(frozen=True)
class Node:
    key: object
    label: str
    size: int  # e.g. the number of projects
    colour: int  # an index into the palette
    number: int | None = None  # shown beside the node; the page names the numbered nodes


@dataclass(frozen=True)
class Link:
    a: object
    b: object
    weight: int


def network_chart(
    *,
    title: str,
    description: str,
    nodes: Sequence[Node],
    links: Sequence[Link],
) -> str:
    """The network as an SVG string, or "" when there is no node to draw."""
    if not nodes:
        return ""
    graph = networkx.Graph()
    graph.add_nodes_from(node.key for node in nodes)
    graph.add_weighted_edges_from((link.a, link.b, link.weight) for link in links)
    positions = networkx.spring_layout(graph, seed=7, weight="weight")
    xs = [float(x) for x, _y in positions.values()]
    ys = [float(y) for _x, y in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def place(key) -> tuple[float, float]:
        x, y = positions[key]
        return (
            MARGIN + (float(x) - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + (float(y) - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )

    biggest = max((node.size for node in nodes), default=1) or 1
    heaviest = max((link.weight for link in links), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="network-title network-desc" '
        f'class="chart network" font-family="sans-serif">',
        f'<title id="network-title">{escape(title)}</title>',
        f'<desc id="network-desc">{escape(description)}</desc>',
    ]
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
    # Numbers last, so that no circle covers them; a white halo keeps them legible over lines.
    for node in nodes:
        if node.number is None:
            continue
        cx, cy = place(node.key)
        parts.append(
            f'<text class="network-number" x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle" '
            f'dominant-baseline="central" fill="#1a1a1a" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{node.number}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
