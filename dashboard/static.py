"""Versioned URLs for static files that plotly.js fetches by itself, and the plotly.js we serve.

plotly.js asks ``topojsonURL + "world_110m.json"`` for every geo subplot (even an
invisible base map).  Served from /assets/ without Dash's ``?m=`` stamp it could
not be cached for long and was fetched again on every page load (137 kB); under a
path that carries the file's hash it is cached for a year, and a new file is a
new URL.

The plotly.js the browser runs is ``dashboard/vendor/plotly-partial.min.js``: only the trace types
the dashboard draws, built by ``scripts/build-plotly-bundle.sh`` (1.4 MB against the full
bundle's 4.8 MB; kaleido's exports keep the plotly package's full one).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

TOPOJSON_DIR = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "topojson"
PLOTLY_BUNDLE = Path(__file__).resolve().parent / "vendor" / "plotly-partial.min.js"


@lru_cache(maxsize=1)
def topojson_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(TOPOJSON_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def topojson_url() -> str:
    """The folder URL plotly's ``topojsonURL`` config takes (with its trailing slash)."""
    return f"/topojson/{topojson_version()}/"


@lru_cache(maxsize=1)
def plotly_bundle() -> tuple[bytes, str]:
    """The partial plotly.js and its ETag (its sha256, as committed beside it)."""
    body = PLOTLY_BUNDLE.read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
