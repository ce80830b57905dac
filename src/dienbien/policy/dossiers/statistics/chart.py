"""Small multiples of the monthly on-time rate: one small SVG bar chart per
field, all on the same 0–100 % scale.

Rendered on the server so the dashboard needs no JavaScript charting
library (nothing may be downloaded at run time) and prints as it shows.

One chart per field instead of one line per field: a district has a dozen
fields, more than any colour-blind-safe palette has colours, and a dozen
lines on one plot cross into a tangle. Each chart has one series, drawn in
the blue of the Okabe–Ito palette (safe for every kind of colour blindness);
a month without resolved dossiers has no bar, which differs from a 0 % bar
(a thin mark at the base line).

The drawing is ``WIDTH`` user units wide and shown at least that many CSS
pixels wide (the template's grid), so its ``FONT_SIZE`` never renders
smaller than that on a phone.
"""

from html import escape


#: Okabe & Ito (2008), "Color Universal Design": blue for the rate, grey for
#: the scale.
BAR = "#0072B2"
GRID = "#bbbbbb"
TEXT = "#333333"
WIDTH, HEIGHT = 288, 160
LEFT, RIGHT, TOP, BOTTOM = 42, 4, 10, 24
FONT_SIZE = 12


def bar_chart_svg(
    months: list[tuple[int, int]], labels: list[str], titles: list[str], name: str
) -> str:
    """One bar per month, its height the share ``in time / resolved``.

    ``months`` holds ``(in time, resolved)`` per month, ``labels`` the
    months' axis labels and ``titles`` the text of each bar's tooltip (with
    its counts); ``name`` is the chart's accessible name.
    """
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(months))
    bar_w = slot * 0.64

    def y(share):
        return TOP + (1 - share) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(name)}" class="dossier-chart" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}">'
    ]
    for tick in (0, 0.5, 1):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{int(tick * 100)}%</text>'
        )
    for index, ((good, resolved), label, title) in enumerate(
        zip(months, labels, titles, strict=True)
    ):
        centre = LEFT + (index + 0.5) * slot
        parts.append(
            f'<text x="{centre:.1f}" y="{HEIGHT - 6}" class="month" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if not resolved:
            continue
        top = y(good / resolved)
        # A 0 % month still shows a mark, so it is not taken for "none".
        height = max(plot_h + TOP - top, 2)
        parts.append(
            f'<rect x="{centre - bar_w / 2:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{bar_w:.1f}" height="{height:.1f}" fill="{BAR}" '
            f'data-month="{escape(label)}" data-good="{good}" '
            f'data-resolved="{resolved}"><title>{escape(title)}</title></rect>'
        )
    parts.append("</svg>")
    return "".join(parts)
