"""Versioned URLs for static files that plotly.js fetches by itself.

plotly.js asks ``topojsonURL + "world_110m.json"`` for every geo subplot (even an
invisible base map).  Served from /assets/ without Dash's ``?m=`` stamp it could
not be cached for long and was fetched again on every page load (137 kB); under a
path that carries the file's hash it is cached for a year, and a new file is a
new URL.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

TOPOJSON_DIR = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "topojson"


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
