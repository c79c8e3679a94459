"""Meeting mode: stepping order, interval from the URL, and what the screen shows."""

from __future__ import annotations

import json

import pytest

from callbacks.meeting import meeting_map, next_task
from dashboard.viewstate import ViewState, parse
from tests.support.pages import render_state

TASKS = tuple(f"T{i}" for i in range(1, 11))


def test_stepping_wraps_around_the_ten_tasks():
    assert next_task(TASKS, "T10", 1) == "T1"
    assert next_task(TASKS, "T1", -1) == "T10"
    assert next_task(TASKS, "T3", 1) == "T4"
    assert next_task(TASKS, None, 1) == "T1"


@pytest.mark.parametrize(
    "search, seconds",
    [
        ("", 15),
        ("?interval=30", 30),
        ("?interval=0", 0),
        ("?interval=2", 15),
        ("?interval=9999", 15),
        ("?interval=x", 15),
    ],
)
def test_interval_comes_from_the_url_within_bounds(search, seconds):
    assert parse("/meeting", search).interval == seconds


def test_the_screen_shows_headline_clock_as_of_year_and_all_tasks(repo):
    tree = json.dumps(
        render_state(repo, ViewState(page="meeting", task="T5")).to_plotly_json(), default=str, ensure_ascii=False
    )
    for needle in ("mt-headline", "mt-clock", "as-of", "数据截至 2020 年", "示例数据", "mt-tile-T10", "mt-timer"):
        assert needle in tree, needle
    assert tree.count("mt-current") == 1  # the current task is marked once


def test_meeting_map_is_dark_and_names_its_indicator(repo):
    fig = meeting_map(repo, "T8", 2020, "zh")
    assert fig.layout.paper_bgcolor == "#10151c"
    first = next(i for i in repo.plan.indicators_for("T8") if repo.is_mappable(i.code))
    assert first.name.zh in fig.layout.title.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_meeting_map_caption_takes_at_most_two_lines_and_english_labels_have_room(repo, lang):
    fig = meeting_map(repo, "T1", 2020, lang)
    caption = next(a for a in fig.layout.annotations if a.name == "caption")
    assert caption.text.count("<br>") <= 1
    assert "Harbin Municipal Education Bureau" in caption.text or lang == "zh"  # the source is not cut
    assert caption.yshift == -fig.layout.margin.b + 8
    labels = next(tr for tr in fig.data if tr.name == "labels")
    assert labels.textfont.size >= 12
    west, east = fig.layout.geo.lonaxis.range
    city_west, _, city_east, _ = repo.city_bbox
    assert west <= city_west and east >= city_east
    if lang == "en":  # pinyin: more room at the sides than the Chinese map
        assert city_west - west > (city_east - city_west) * 0.1
