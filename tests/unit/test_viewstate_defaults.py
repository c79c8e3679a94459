"""The view state owns its defaults: ViewState.canonical leaves out whatever equals its default."""

from __future__ import annotations

from dashboard.viewstate import Choices, ViewState

CHOICES = Choices(
    tasks=("T1", "T2"),
    indicators={"G-01": "", "T1-01": "T1", "T1-02": "T1", "T2-01": "T2"},
    districts=("230102", "230103"),
    departments=("kexie",),
    years=(2016, 2017, 2018),
    default_indicator="G-01",
    default_year=2018,
)


def test_the_default_year_and_indicator_leave_the_url():
    state = ViewState(page="overview", year=2018, indicator="G-01").canonical(CHOICES)
    assert (state.year, state.indicator) == (None, None)
    assert state.query() == ""


def test_other_values_stay():
    state = ViewState(page="overview", year=2017, indicator="T2-01").canonical(CHOICES)
    assert state.query() == "?indicator=T2-01&year=2017"


def test_on_a_task_page_the_tasks_first_indicator_is_the_default():
    assert ViewState(page="task", task="T1", indicator="T1-01").canonical(CHOICES).indicator is None
    assert ViewState(page="task", task="T1", indicator="T1-02").canonical(CHOICES).indicator == "T1-02"


def test_on_a_district_profile_the_first_task_is_the_default():
    assert ViewState(page="district", district="230102", task="T1").canonical(CHOICES).task is None
    assert ViewState(page="district", district="230102", task="T2").canonical(CHOICES).task == "T2"


def test_on_the_map_an_indicator_chosen_with_a_task_stays_explicit():
    state = ViewState(page="map", task="T1", indicator="T1-01").canonical(CHOICES)
    assert state.indicator == "T1-01"
    assert ViewState(page="map", indicator="G-01").canonical(CHOICES).indicator is None


def test_canonical_urls_parse_back_to_the_same_view():
    from dashboard.viewstate import parse

    for state in (
        ViewState(page="task", task="T1", year=2016, indicator="T1-02"),
        ViewState(page="district", district="230103", task="T2", year=2018),
    ):
        short = state.canonical(CHOICES)
        again = parse(short.path(), short.query(), CHOICES)
        assert again.year_or_default(CHOICES) == state.year_or_default(CHOICES)
        assert again.indicator_or_default(CHOICES) == state.indicator_or_default(CHOICES)


def test_choices_fall_back_to_the_default_for_unknown_values():
    assert CHOICES.year_or_default(1999) == 2018 and CHOICES.year_or_default(2017) == 2017
    assert CHOICES.indicator_or_default("X") == "G-01" and CHOICES.indicator_or_default("T1-02") == "T1-02"
