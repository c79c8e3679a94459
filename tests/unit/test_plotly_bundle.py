"""The partial plotly.js (dashboard/vendor/plotly-partial.min.js, scripts/build-plotly-bundle.sh).

The browser runs a plotly.js with only the trace types the dashboard draws: a figure function that
starts drawing another type must have it added to the bundle, or that chart would be blank. The
bundle is served where Dash's renderer asks for plotly.js; the browser tests draw every page with it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from dashboard.settings import ROOT
from dashboard.static import PLOTLY_BUNDLE, plotly_bundle

ENTRY = ROOT / "scripts" / "plotly-bundle" / "entry.js"
IN_CORE = {"scatter"}  # plotly.js's core registers scatter


def registered() -> set[str]:
    return set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text(encoding="utf-8"))) - {"core"}


def drawn() -> set[str]:
    """The trace types our code builds (go.Choropleth(...) → choropleth), besides kaleido's exports."""
    types = set()
    for folder in ("dashboard", "layouts", "callbacks"):
        for path in (ROOT / folder).rglob("*.py"):
            types |= {m.lower() for m in re.findall(r"\bgo\.([A-Z]\w+)\(", path.read_text(encoding="utf-8"))}
    return types - {"figure"}


def test_the_bundle_has_every_trace_type_the_figures_draw():
    assert drawn(), "no figure found: the pattern is out of date"
    missing = drawn() - registered() - IN_CORE
    assert not missing, f"add {sorted(missing)} to {ENTRY.relative_to(ROOT)} and run scripts/build-plotly-bundle.sh"


def test_the_committed_bundle_is_the_one_its_checksum_names():
    recorded = (PLOTLY_BUNDLE.parent / (PLOTLY_BUNDLE.name + ".sha256")).read_text().split()[0]
    body, _ = plotly_bundle()
    assert hashlib.sha256(body).hexdigest() == recorded
    assert body.startswith(b"/* plotly.js v") and b"partial bundle" in body[:300]
    # what entry.js registers is what the banner says (the build writes both)
    banner = body[:300].decode()
    assert all(name in banner for name in registered())


def test_it_is_a_fraction_of_the_full_bundle():
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert PLOTLY_BUNDLE.stat().st_size < 0.4 * full.stat().st_size
