"""A small, dependency-free SVG line chart (monthly on-time rates).

Rendered on the server so the dashboard needs no JavaScript charting
library (nothing may be downloaded at run time) and prints as it shows.
"""

from html import escape


PALETTE = (
    "#0d6efd",
    "#dc3545",
    "#198754",
    "#fd7e14",
    "#6f42c1",
    "#20c997",
    "#6c757d",
    "#d63384",
    "#0dcaf0",
    "#ffc107",
)
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


def line_chart_svg(
    series: dict[str, list], labels: list[str], titles: dict[str, str]
) -> str:
    """One line per series (values 0..1 or None), x = the labels."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(index):
        return LEFT + index * step

    def y(value):
        return TOP + (1 - value) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" class="dossier-chart" width="100%">'
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#dee2e6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{int(tick * 100)}%</text>'
        )
    for index, label in enumerate(labels):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - 14}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for number, (key, values) in enumerate(series.items()):
        colour = PALETTE[number % len(PALETTE)]
        name = escape(titles.get(key, key))
        segment: list[str] = []
        segments = []
        for index, value in enumerate(values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(index):.1f},{y(value):.1f}")
            parts.append(
                f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
                f"<title>{name}: {value * 100:.0f}%</title></circle>"
            )
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                    f'points="{" ".join(points)}"><title>{name}</title></polyline>'
                )
    parts.append("</svg>")
    return "".join(parts)


def legend(series: dict[str, list], titles: dict[str, str]) -> list[dict]:
    return [
        {"colour": PALETTE[number % len(PALETTE)], "title": titles.get(key, key)}
        for number, key in enumerate(series)
    ]
