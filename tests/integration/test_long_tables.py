"""The table under a map of many units (a country's counties) lists its two ends, not every row."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from layouts import common


def rows(details) -> list[list[str]]:
    return common.table_rows(details)


def test_a_city_table_lists_every_district(repo):
    details = common.district_table_details(repo, "T8-01", 2019, "zh")
    assert len(rows(details)) == 18
    assert "table-ends" not in json.dumps(details, cls=PlotlyJSONEncoder)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_above_the_limit_only_the_best_and_worst_are_listed_with_a_link_to_all(repo, monkeypatch, lang):
    monkeypatch.setattr(common, "TABLE_MAX_ROWS", 10)
    monkeypatch.setattr(common, "TABLE_ENDS", 3)
    full = common.district_frame(repo, "T8-01", 2019, lang)
    details = common.district_table_details(repo, "T8-01", 2019, lang)
    listed = rows(details)
    assert len(full) == 18  # every district reports T8-01 in 2019, in rank order
    assert [r[0] for r in listed] == list(full.iloc[:3, 0]) + list(full.iloc[-3:, 0])
    text = json.dumps(details, cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert ("仅列出排名最前和最后的各 3 个(共 18 个)" if lang == "zh" else "top and bottom 3 of 18") in text
    assert "/data?" in text and "indicator=T8-01" in text and "year=2019" in text


def test_a_map_of_many_units_thins_its_borders_and_drops_its_labels(repo, monkeypatch):
    from dashboard import charts

    def shape_traces(fig):
        return [tr for tr in fig.data if tr.type == "choropleth" and tr.name != "selected"]

    def has_labels(fig):
        return any(tr.type == "scattergeo" and tr.mode == "text" and len(tr.text or ()) for tr in fig.data)

    city = charts.map_chart(repo, "T8-01", 2019, "zh")
    assert {tr.marker.line.width for tr in shape_traces(city)} == {1} and has_labels(city)
    monkeypatch.setattr(charts, "THIN_BORDER_ABOVE", 10)
    monkeypatch.setattr(charts, "MAP_LABEL_LIMIT", 10)
    many = charts.map_chart(repo, "T8-01", 2019, "zh")
    assert {tr.marker.line.width for tr in shape_traces(many)} == {0.2} and not has_labels(many)
