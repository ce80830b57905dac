"""The accessibility audit of a page: axe-core (from the npm registry,
pinned in package-lock.json, installed by ``make install`` into
node_modules/) injected into the Playwright page.

``assert_accessible(page)`` fails with every serious or critical violation
of WCAG 2.1 A and AA found on the page as it is now, one line per element:
call it on each public page a journey reaches.
"""

import pathlib


AXE = pathlib.Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"

#: The rules that make up WCAG 2.1 levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Violations that fail the test; "minor" and "moderate" ones are reported
#: by ``violations`` but tolerated.
FAILING = ("serious", "critical")


def violations(page, selector: str | None = None) -> list[dict]:
    """axe's violations on ``page`` (or inside ``selector``)."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make install` (npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """([context, tags]) => axe.run(context || document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        }).then(results => results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => n.target.join(" ")),
            html: v.nodes.map(n => n.html.slice(0, 160)),
            why: v.nodes.map(n => ([...n.any, ...n.all, ...n.none][0] || {}).message || ""),
        })))""",
        [selector, TAGS],
    )


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        for target, html, why in zip(
            violation["targets"], violation["html"], violation["why"], strict=True
        ):
            lines.append(f"    {target}  {html}\n      {why}")
    return "\n".join(lines)


def assert_accessible(page, selector: str | None = None) -> None:
    """No serious or critical WCAG 2.1 A/AA violation on the page."""
    found = [v for v in violations(page, selector) if v["impact"] in FAILING]
    assert not found, f"{page.url}\n{describe(found)}"
