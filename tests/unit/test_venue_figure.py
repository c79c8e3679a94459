"""dashboard/figures/venues.py: venues as points by type over a map, checked through fig.to_dict()."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.venues import add_venues, venue_traces

TYPES = [("museum", "科技场馆"), ("base", "科普教育基地")]


def frame(rows):
    cols = ["type_code", "name", "level_name", "address", "opened_year", "source", "lon", "lat"]
    out = pd.DataFrame(rows, columns=cols)
    out["opened_year"] = out["opened_year"].astype("Int64")
    return out


VENUES = frame(
    [
        ("museum", "甲馆", "", "一路 1 号", 2018, "名录", 126.6, 45.7),
        ("museum", "乙馆", "", "二路 2 号", None, "名录", 126.7, 45.8),
        ("base", "丙基地", "省级", "三路", 2019, "名录", 127.0, 45.9),
        ("base", "未定位基地", "市级", "", 2019, "名录", None, None),
    ]
)


def test_one_trace_per_type_with_its_located_venues_in_the_second_legend():
    traces = [t.to_plotly_json() for t in venue_traces(VENUES, TYPES, "zh")]
    assert [t["name"] for t in traces] == ["科技场馆 (2)", "科普教育基地 (1)"]
    assert all(t["legend"] == "legend2" and t["type"] == "scattergeo" for t in traces)
    assert [row[0] for row in traces[0]["customdata"]] == ["甲馆", "乙馆"]
    assert traces[0]["marker"]["symbol"] != traces[1]["marker"]["symbol"]  # not colour alone


def test_a_field_the_same_for_every_venue_of_a_type_is_written_once():
    museum = venue_traces(VENUES, TYPES, "zh")[0].to_plotly_json()
    assert "来源: 名录" in museum["hovertemplate"]  # inlined, not repeated per venue
    assert all(len(row) == 3 for row in museum["customdata"])  # name, address, opened year
    assert museum["customdata"][0] == ["甲馆", "一路 1 号", "2018"]
    assert museum["customdata"][1][2] == "—"  # no opening year


def test_add_venues_says_how_many_are_not_on_the_map_and_that_they_are_samples():
    fig = add_venues(go.Figure(), VENUES, TYPES, "en", unlocated=1, is_sample=True)
    title = fig.to_dict()["layout"]["legend2"]["title"]["text"]
    assert "Venues" in title and "sample data" in title and "1 more not located" in title


def test_rings_are_outlines_drawn_under_the_points():
    rings = [("base", "科普教育基地", 3.0, [127.0, 127.1, 127.0, float("nan")], [45.9, 45.9, 46.0, float("nan")])]
    fig = add_venues(go.Figure(), VENUES, TYPES, "zh", rings=rings).to_dict()
    first = fig["data"][0]
    assert first["mode"] == "lines" and first["fill"] == "toself" and first["hoverinfo"] == "skip"
    assert "3 公里" in first["name"]
    assert fig["data"][1]["mode"] == "markers"
