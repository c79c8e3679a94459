"""axe-core's WCAG 2.0/2.1 A and AA scan of a page, with the short list of violations we accept.

axe-core (tests/browser/vendor/axe.min.js, MPL-2.0) is injected by the test with
``page.evaluate``; the app never serves it. A violation fails unless ``ALLOWED`` names its
rule and the elements it may hit, with the reason we cannot fix it in our code.
"""

from __future__ import annotations

import re

from tests.support.paths import ROOT

AXE = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# (rule id, regular expression the offending node's HTML must match, why we accept it).
# Keep this short: each entry is something outside our code, checked by hand.
ALLOWED: list[tuple[str, str, str]] = [
    ("aria-hidden-focus", r'^<input class="dash-dropdown-focus-target"',
     # Dash 4's dcc.Dropdown renders, before its combobox button (which carries our id and is what our
     # <label for=...> names), a read-only proxy <input aria-hidden="true" tabindex="0"> whose onFocus
     # moves focus straight on to that button; it is the dropdown's tab stop, so a screen reader never
     # rests on it.  Making it unfocusable would take the dropdowns out of the tab order (the button has
     # tabindex=-1), so it stays until Dash changes the component.
     "Dash dcc.Dropdown focus proxy"),
]  # fmt: skip


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    # Evaluated over the DevTools protocol, not added as a <script>: the app's Content-Security-Policy
    # rightly refuses an inline script it did not serve, and a test must not weaken the policy.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            // The app gives sideways-scrolling boxes keyboard focus once the page has settled (assets/a11y.js).
            const until = performance.now() + 5000;
            while (document.documentElement.hasAttribute('data-scrollers-pending') && performance.now() < until) {
                await new Promise(resolve => requestAnimationFrame(resolve));
            }
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        TAGS,
    )


def unexplained(violations: list[dict]) -> list[dict]:
    """The violations (with only their nodes) that no allow-list entry explains."""
    left = []
    for v in violations:
        patterns = [re.compile(p) for rule, p, _ in ALLOWED if rule == v["id"]]
        nodes = [n for n in v["nodes"] if not any(p.search(n["html"]) for p in patterns)]
        if nodes:
            left.append({**v, "nodes": nodes})
    return left


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for n in v["nodes"][:6]:
            lines.append(f"    {n['target']}\n        {n['html']}\n        {n['summary']}".replace("\n  ", "\n      "))
    return "\n".join(lines)


def assert_axe_clean(page, where: str = "") -> None:
    """Fail with axe-core's words if the page has a WCAG A/AA violation the allow-list does not explain."""
    left = unexplained(run_axe(page))
    assert not left, f"axe-core found{' on ' + where if where else ''}:\n" + describe(left)
