"""The view state in the URL: only non-defaults written, anything bad falls back."""

from __future__ import annotations

import pytest

from dashboard.viewstate import Choices, ViewState, parse

CHOICES = Choices(
    tasks=tuple(f"T{i}" for i in range(1, 11)),
    indicators={"G-01": "", "T3-02": "T3", "T3-03": "T3", "T8-01": "T8"},
    districts=("230102", "230103", "230184"),
    departments=("kexie", "keji"),
    years=(2015, 2016, 2017, 2018, 2019, 2020),
    default_indicator="G-01",
    default_year=2020,
)


def test_default_state_has_an_empty_query():
    assert ViewState().to_url() == "/"


def test_only_non_default_values_are_written():
    state = ViewState(page="map", indicator="T8-01", year=2018)
    assert state.to_url() == "/map?indicator=T8-01&year=2018"


@pytest.mark.parametrize(
    "state",
    [
        ViewState(page="map", indicator="T8-01", year=2018, district="230103", legend="value", view="central"),
        ViewState(page="task", task="T3", indicator="T3-03", lang="en"),
        ViewState(page="district", district="230184", year=2016),
        ViewState(page="departments", department="keji"),
        ViewState(page="data", task="T8", indicator="T8-01", district="230102", year=2019),
    ],
)
def test_a_shared_link_reopens_the_same_view(state):
    path, _, query = state.to_url().partition("?")
    assert parse(path, "?" + query, CHOICES) == state


@pytest.mark.parametrize(
    "search",
    [
        "?year=abc",
        "?year=1999",
        "?indicator=NOPE",
        "?lang=fr",
        "?legend=rainbow",
        "?view=moon",
        "?district=999999",
        "?department=<script>",
        "?year=2018&year=",
        "?%ZZ=1",
    ],
)
def test_bad_parameters_fall_back_to_defaults(search):
    state = parse("/map", search, CHOICES)
    assert state.page == "map"
    assert state.year in (None, 2018)
    assert state.indicator in CHOICES.indicators or state.indicator is None
    assert state.lang in ("zh", "en")


def test_unknown_pages_show_the_overview():
    assert parse("/no/such/page", "", CHOICES).page == "overview"


def test_task_page_without_a_known_task_shows_the_first_task():
    assert parse("/task/T99", "", CHOICES).task == "T1"
    assert parse("/task/t3", "", CHOICES).task == "T3"


def test_old_parameter_names_are_migrated():
    state = parse("/map", "?ind=T8-01&region=230103&y=2017", CHOICES)
    assert (state.indicator, state.district, state.year) == ("T8-01", "230103", 2017)


def test_full_width_digits_in_a_year_are_read():
    assert parse("/map", "?year=２０１９", CHOICES).year == 2019


def test_indicator_of_another_task_is_dropped_but_the_task_kept():
    state = parse("/task/T3", "?indicator=T8-01", CHOICES)
    assert state.task == "T3" and state.indicator is None
    assert state.indicator_or_default(CHOICES) == "T3-02"


def test_an_embed_link_names_its_chart_and_reopens_the_same_view():
    state = ViewState(page="overview", year=2019, embed=True, chart="trend")
    assert state.to_url() == "/?year=2019&embed=1&chart=trend"
    assert parse("/", "?year=2019&embed=1&chart=trend", CHOICES) == state


@pytest.mark.parametrize("search", ["?embed=1&chart=pie", "?embed=1&chart=", "?embed=1"])
def test_an_unknown_or_missing_chart_means_the_pages_main_chart(search):
    state = parse("/map", search, CHOICES)
    assert state.embed and state.chart is None
    assert "chart" not in state.to_url()
