"""Published figures beside the city's own: the goal's trend, the headline card, meeting mode, the data
page and the Word briefing's narrative show the reference file's values with their sources, and none
of them enters the store, a roll-up or a status class.

The expected values are read from the reference file (parametrised over it), never copied here.
"""

from __future__ import annotations

import pytest
from docx import Document

from dashboard.charts import trend_chart
from dashboard.context import context_of
from dashboard.i18n import format_value, t
from dashboard.reports import narrative
from dashboard.reports.common import collect
from dashboard.reports.docx_report import _contents_and_summary, _setup
from dashboard.services import reference as service
from dashboard.services.observations import observations_for
from dashboard.viewstate import parse
from data.reference import GOAL_MEASURE, NATIONAL_REGION, Reference, get_reference
from data.store import data_status, observations
from layouts import data_table, meeting
from layouts.overview import headline_card, task_cards
from tests.support.components import by_id, ids, walk

pytestmark = pytest.mark.store_unchanged

REFERENCE = get_reference()
NATIONAL = REFERENCE.series_for(GOAL_MEASURE, NATIONAL_REGION)
PUBLISHED = {v.year: v for v in NATIONAL.values}
NOT_PUBLISHED = (2016, 2017, 2019)
LANGS = ("zh", "en")


def _national_trace(fig):
    name = REFERENCE.region(NATIONAL_REGION).name
    found = [tr for tr in fig.data if tr.legend == "legend2" and tr.name in (name.zh, name.en)]
    return found[0] if found else None


def _published_traces(fig):
    return [tr for tr in fig.data if tr.legend == "legend2"]


# -- the service ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", NATIONAL.values, ids=lambda v: str(v.year))
def test_a_published_year_gets_its_own_value_and_source(plan, value):
    found = service.national_comparison(plan, value.year, city_value=value.value + 1)
    assert found.same_year.value == value.value and found.same_year.source == value.source
    assert found.latest.year == value.year
    assert found.gap == pytest.approx(1.0)


@pytest.mark.parametrize("year", NOT_PUBLISHED)
def test_a_year_without_a_published_value_gets_none_and_the_latest_keeps_its_own_year(plan, year):
    found = service.national_comparison(plan, year, city_value=10.0)
    assert found.same_year is None and found.gap is None
    assert found.latest.year == max(y for y in PUBLISHED if y < year)
    assert found.latest.value == PUBLISHED[found.latest.year].value


def test_the_reference_is_linked_to_the_goal_indicator_only(plan):
    assert service.reference_measure(plan, plan.goal.indicator) == GOAL_MEASURE
    assert all(
        service.reference_measure(plan, i.code) is None for i in plan.indicators if i.code != plan.goal.indicator
    )
    assert service.reference_regions(plan) == (NATIONAL_REGION, "230000")


# -- the goal's trend -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", [2017, 2018, 2020])
def test_the_goal_trend_draws_china_at_published_years_only_with_the_files_values(repo, year, lang):
    fig = trend_chart(repo, repo.plan.goal.indicator, repo.city, year, lang)
    trace = _national_trace(fig)
    shown = {y: v for y, v in PUBLISHED.items() if repo.plan.baseline_year <= y <= year}
    assert trace is not None and trace.name == REFERENCE.region(NATIONAL_REGION).name.model_dump()[lang]
    assert dict(zip(trace.x, trace.y, strict=True)) == {y: v.value for y, v in shown.items()}
    assert not set(trace.x) & set(NOT_PUBLISHED)
    assert trace.line.dash == "dot" and trace.mode == "lines+markers"
    # Each hover names the source: publisher and date as published.
    for x, hover in zip(trace.x, trace.hovertext, strict=True):
        source = PUBLISHED[x].source
        assert source.publisher in hover and (source.date or source.released) in hover
    assert "%{hovertext}" in trace.hovertemplate
    # The legend says these are published figures, not the city's.
    assert fig.layout.legend2.title.text == t("ref_group_title", lang)


def test_the_trend_marks_the_targets_within_its_years_with_their_sources(repo):
    fig = trend_chart(repo, repo.plan.goal.indicator, repo.city, 2020, "zh")
    marks = [tr for tr in _published_traces(fig) if tr.mode == "markers"]
    first, last = repo.plan.baseline_year, repo.plan.end_year
    expected = [tg for tg in REFERENCE.targets if first <= tg.year <= last]
    assert [(m.x[0], m.y[0]) for m in marks] == [(tg.year, tg.value) for tg in expected]
    assert {tg.region for tg in expected} == {NATIONAL_REGION, "230000"}  # China's 2020 and Heilongjiang's
    for mark, tg in zip(marks, expected, strict=True):
        assert tg.source.publisher in mark.hovertext[0] and tg.source.title in mark.hovertext[0]
        assert t(f"ref_comparator_{tg.comparator.value}", "zh") in mark.name
    assert 2025 not in fig.layout.xaxis.tickvals  # the 2025 target lies outside a 2016–2020 plan


def test_other_indicators_and_districts_show_no_published_figures(repo):
    goal = repo.plan.goal.indicator
    district = repo.plan.region.units[0].code
    assert _published_traces(trend_chart(repo, goal, district, 2020, "zh")) == []
    other = next(i.code for i in repo.plan.indicators if i.code != goal and i.task)
    assert _published_traces(trend_chart(repo, other, repo.city, 2020, "zh")) == []


# -- the headline card and meeting mode -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("year", [2015, 2016, 2017, 2018, 2019, 2020])
def test_the_headline_card_shows_the_latest_national_value_with_its_year_and_source(repo, year, lang):
    line = by_id(headline_card(repo, year, lang), "headline-national")
    latest = PUBLISHED[max(y for y in PUBLISHED if y <= year)]
    value = format_value(latest.value, NATIONAL.decimals, NATIONAL.unit, lang)
    name = REFERENCE.region(NATIONAL_REGION).name.model_dump()[lang]
    assert line.children == t("ref_headline", lang, region=name, year=latest.year, value=value)
    assert latest.source.publisher in line.title and (latest.source.date or latest.source.released) in line.title
    if latest.source.address:
        assert latest.source.address in line.title
    assert not [c for c in walk(line) if getattr(c, "href", None)]  # text, never a link


def test_the_meeting_headline_shows_the_same_line(repo, app):
    context = context_of(app)
    for year in (2019, 2020):
        page = meeting.layout(parse("/meeting", f"?year={year}", repo.choices()), context)
        card = headline_card(repo, year, "zh")
        assert by_id(page, "mt-headline-national").children == by_id(card, "headline-national").children


# -- kept apart: no roll-up, status class or stored row -------------------------------------------------


def test_published_figures_enter_no_store_roll_up_or_status(repo, plan, monkeypatch):
    years = repo.years()
    before = (data_status(repo.engine, plan.code), observations(repo.engine, plan.code))
    with_reference = [(repr(task_cards(repo, parse("/", "", repo.choices()), y)), repo.task_progress(y)) for y in years]
    for y in years:
        trend_chart(repo, plan.goal.indicator, repo.city, y, "zh")
        headline_card(repo, y, "zh")
    # Nothing of the reference file in the store, and the store as it was.
    after = (data_status(repo.engine, plan.code), observations(repo.engine, plan.code))
    assert before[0] == after[0] and before[1].equals(after[1])
    assert not set(after[1]["region_code"]) & {r.code for r in REFERENCE.regions}
    # The overview's status classes and scores are those of an app with no reference figures at all.
    monkeypatch.setattr(service, "get_reference", lambda: Reference(regions=REFERENCE.regions))
    without = [(repr(task_cards(repo, parse("/", "", repo.choices()), y)), repo.task_progress(y)) for y in years]
    assert with_reference == without
    for y in years:
        card = headline_card(repo, y, "zh")
        assert "headline-national" not in ids(card)
        assert repo.progress(plan.goal.indicator, repo.city, y).status.value in repr(card)


# -- the data page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_page_lists_the_published_figures_of_the_plans_years_in_a_table_of_its_own(repo, app, lang):
    page = data_table.layout(parse("/data", f"?lang={lang}", repo.choices()), context_of(app))
    table = by_id(page, "dt-reference-table")
    rows = [c for c in walk(table) if getattr(c, "id", None) is None and type(c).__name__ == "Tr"][1:]
    plan = repo.plan
    in_plan = [v for v in NATIONAL.values if plan.baseline_year <= v.year <= plan.end_year]
    targets = [tg for tg in REFERENCE.targets if plan.baseline_year <= tg.year <= plan.end_year]
    assert len(rows) == len(in_plan) + len(targets) and in_plan and targets
    expected = [*in_plan, *targets]
    text = repr(table)
    for item in expected:
        assert item.source.publisher in text
        if item.source.address:
            assert item.source.address in text
    assert not [c for c in walk(table) if getattr(c, "href", None)]  # addresses are text
    for v in in_plan:
        assert format_value(v.value, NATIONAL.decimals, NATIONAL.unit, lang) in text
    later = [v for v in NATIONAL.values if v.year > plan.end_year]
    assert later and all(v.source.address not in text for v in later if v.source.address)


def test_the_observation_grid_and_its_download_hold_no_published_figure(repo):
    frame = observations_for(repo, None, repo.plan.goal.indicator, None, None)
    assert not set(frame["region_code"]) & {r.code for r in REFERENCE.regions}
    grid = data_table.grid_rows(repo, frame, "zh")
    assert len(grid) == len(frame)


# -- the Word briefing's narrative ----------------------------------------------------------------------


def _goal_section(repo, year: int, lang: str) -> str:
    facts = collect(repo, year, lang=lang, sections=False)
    doc = Document()
    _setup(doc)
    _contents_and_summary(doc, facts)
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("lang", LANGS)
def test_the_briefing_compares_the_goal_with_the_national_figure_of_the_same_year(repo, lang):
    year = 2020
    text = _goal_section(repo, year, lang)
    goal = repo.indicator(repo.plan.goal.indicator)
    city = repo.progress(goal.code, repo.city, year).observed
    national = PUBLISHED[year]
    gap = round(city - national.value, NATIONAL.decimals)
    key = "sentence_national_above" if gap > 0 else "sentence_national_below"
    sentence = t(
        key,
        lang,
        year=year,
        region=t("city_in_sentence", lang, region=repo.plan.region.name.get(lang)),
        gap=narrative.gap_text(goal, gap, lang),
        national=format_value(national.value, NATIONAL.decimals, NATIONAL.unit, lang),
    )
    assert sentence in text
    assert national.source.publisher in text and national.source.address in text


@pytest.mark.parametrize("year", NOT_PUBLISHED)
def test_the_briefing_makes_no_comparison_in_a_year_without_a_national_figure(repo, year):
    text = _goal_section(repo, year, "zh")
    assert "全国同期水平" not in text and NATIONAL.values[0].source.publisher not in text
