"""The least a Dash page with our map can cost: the floor benchmarks/page_load.py compares the app with.

    KEPU_PORT=8051 .venv/bin/python benchmarks/bare_dash.py

One ``dcc.Slider`` (the years of the plan), one ``dcc.Graph``, one callback returning a
``go.Choropleth`` of the same shipped boundaries by URL (served here, as the app serves them),
coloured by made-up values that change with the year; the figure's title names the year, as the
app's maps do, so the same "drawn" test applies. Stock Dash otherwise: its full plotly.js, no
compression, no cache, no response cache. The plan and shapes come from ``KEPU_PLAN_FILE`` and
``KEPU_SHAPES_DIR`` as for the app (the national setup of benchmarks/national.py works too). The
world base map plotly.js asks for is served locally (nothing may leave the host).
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dash  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from dash import Input, Output, dcc, html  # noqa: E402
from flask import Response, send_from_directory  # noqa: E402

import geo  # noqa: E402
from data.plan import DEFAULT_PLAN_FILE, load_plan  # noqa: E402

TOPOJSON = ROOT / "assets" / "vendor" / "topojson"


def make_app() -> dash.Dash:
    plan = load_plan(os.environ.get("KEPU_PLAN_FILE") or DEFAULT_PLAN_FILE)
    region = plan.region
    stem = f"{region.code}-{region.shapes_level}" if region.shapes_level else region.code
    shapes_dir = os.environ.get("KEPU_SHAPES_DIR") or None
    if shapes_dir and stem not in geo.available_regions(shapes_dir):
        shapes_dir = None
    body, _ = geo.geojson_bytes(stem, "full", shapes_dir=shapes_dir)
    codes = [u.code for u in region.units]
    years = list(range(plan.baseline_year, plan.end_year + 1))

    app = dash.Dash(__name__, serve_locally=True)
    app.server.add_url_rule(
        "/bare/boundaries.geojson", "boundaries", lambda: Response(body, mimetype="application/json")
    )
    app.server.add_url_rule(
        "/bare/topojson/<name>",
        "topojson",
        lambda name: send_from_directory(TOPOJSON, name, mimetype="application/json"),
    )
    app.layout = html.Div(
        [
            dcc.Slider(
                id="bare-year", min=years[0], max=years[-1], step=1, value=years[-1], marks={y: str(y) for y in years}
            ),
            dcc.Graph(id="bare-map", config={"topojsonURL": "/bare/topojson/"}),
        ]
    )

    @app.callback(Output("bare-map", "figure"), Input("bare-year", "value"))
    def draw(year):
        z = [zlib.crc32(f"{code}{year}".encode()) % 100 for code in codes]
        fig = go.Figure(
            go.Choropleth(
                geojson="/bare/boundaries.geojson",
                locations=codes,
                z=z,
                featureidkey="properties.code",
                colorscale="Viridis",
            )
        )
        fig.update_geos(fitbounds="locations", visible=False)
        fig.update_layout(title={"text": f"bare ({year})"}, height=640, margin={"l": 0, "r": 0})
        return fig

    return app


if __name__ == "__main__":
    make_app().run(host="127.0.0.1", port=int(os.environ.get("KEPU_PORT", "8051")), debug=False)
