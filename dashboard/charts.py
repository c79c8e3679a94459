"""Figures for a view: ask the repository, hand the frame to a pure figure function.

Callbacks, reports and tests all build charts through these functions, so a
chart looks the same on the page, in an export and in a Word briefing.
"""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from dashboard.figures import Caption, empty_figure, map_figure, ranking_figure, trend_figure
from dashboard.i18n import t
from dashboard.repository import Repository
from data.plan import Rollup, TargetType
from data.progress import expected_value, forecast, running_total

# A map or ranking of more units than this (a country's 2,875 counties rather than a city's 18)
# names them by hover only, and the ranking shows the best and the worst RANKING_ENDS.
MAP_LABEL_LIMIT = 60
RANKING_ENDS = 20
THIN_BORDER_ABOVE = 200


def caption_for(repo: Repository, indicator: str, year: int, lang: str, title: str, subtitle: str = "") -> Caption:
    ind = repo.indicator(indicator)
    return Caption(title=title, subtitle=subtitle or f"{t('unit', lang)}: {ind.unit.get(lang)}",
                   source=ind.source.get(lang), as_of=year, lang=lang, is_sample=repo.status()["is_sample"])


def map_chart(repo: Repository, indicator: str, year: int, lang: str, *, legend: str = "status",
              view: str = "all", selected: str | None = None, bubbles: bool = False, height: int = 520) -> go.Figure:
    ind = repo.indicator(indicator)
    title = t("map_title", lang, indicator=ind.name.get(lang), year=year)
    cap = caption_for(repo, indicator, year, lang, title)
    if not repo.is_mappable(indicator):
        return empty_figure(t("city_only", lang), cap, height=height)
    table = repo.district_table(indicator, year)
    if table["value"].isna().all():
        return empty_figure(t("no_data_year", lang, year=year), cap, height=height)
    if len(table) > MAP_LABEL_LIMIT:
        # Thousands of SVG labels overlap into a grey mass and triple the drawing time (2.5 s
        # against 0.9 s for 2,875 counties in headless Chromium).  map_figure leaves the units
        # marked urban unlabelled outside the central view; a country has no central view.
        table, view = table.assign(urban=True), "all"
    # 1 px white borders between thousands of counties cover the smallest of them.
    border = 1 if len(table) <= THIN_BORDER_ABOVE else 0.2
    return map_figure(table, repo.geojson_url(), cap, unit=ind.unit.get(lang), decimals=ind.decimals, legend=legend,
                      selected=selected, view=view, central_bbox=repo.central_bbox, bbox=repo.city_bbox,
                      bubbles=bubbles, height=height, border_width=border)


def ranking_chart(repo: Repository, indicator: str, year: int, lang: str, *, selected: str | None = None,
                  height: int = 520) -> go.Figure:
    ind = repo.indicator(indicator)
    cap = caption_for(repo, indicator, year, lang, f"{t('ranking', lang)} · {ind.name.get(lang)} ({year})")
    if not repo.is_mappable(indicator):
        return empty_figure(t("city_only", lang), cap, height=height)
    table = repo.district_table(indicator, year)
    if table["value"].isna().all():
        return empty_figure(t("no_data_year", lang, year=year), cap, height=height)
    if len(table) > MAP_LABEL_LIMIT:
        table, cap = _ranking_ends(table, cap, selected, ind.higher_is_better, lang)
    return ranking_figure(table, cap, unit=ind.unit.get(lang), decimals=ind.decimals,
                          higher_is_better=ind.higher_is_better, selected=selected, height=height)


def trend_chart(repo: Repository, indicator: str, region: str, year: int, lang: str, *,
                compare_city: bool = False, height: int = 380) -> go.Figure:
    """Actual values up to ``year``, the expected path and the forecast to the target year."""
    ind = repo.indicator(indicator)
    region_name = repo.region_name(region, lang)
    cap = caption_for(repo, indicator, year, lang, f"{ind.name.get(lang)} · {region_name}")
    series = repo.series(indicator, region)
    series = series[series.index <= year].dropna()
    if series.empty:
        return empty_figure(t("no_data_year", lang, year=year), cap, height=height)
    actual = {int(y): float(v) for y, v in series.items()}
    p = repo.progress(indicator, region, year)
    expected = fc = target = None
    if ind.target is not None:
        if ind.target.type == TargetType.cumulative:
            # Judged on the running total since the baseline: chart that, not the yearly counts.
            actual = running_total(actual, repo.plan.baseline_year, ind.kind)
        start = p.baseline_year or repo.plan.baseline_year
        path = {y: expected_value(ind.target, p.baseline_value, start, y) for y in range(start, ind.target.year + 1)}
        expected = {y: v for y, v in path.items() if v is not None} or None
        target = (p.target, ind.target.year)
    end = ind.target.year if ind.target else repo.plan.end_year
    if len(actual) >= 2 and max(actual) < end:
        last = max(actual)
        fc = {y: forecast(actual, y) for y in range(last, end + 1)}
        fc = {y: v for y, v in fc.items() if v is not None}
    comparison = None
    # A district's share compares with the city's; a district's count does not (the city sums them).
    if compare_city and region != repo.city and ind.rollup in (Rollup.ratio_of_sums, Rollup.population_weighted_mean):
        city = repo.series(indicator, repo.city)
        comparison = {int(y): float(v) for y, v in city[city.index <= year].dropna().items()} or None
    return trend_figure(actual, cap, unit=ind.unit.get(lang), decimals=ind.decimals, expected=expected, forecast=fc,
                        target=target, comparison=comparison, actual_name=region_name, height=height)


def _ranking_ends(table, cap: Caption, selected: str | None, higher_is_better: bool, lang: str):
    """The best and worst RANKING_ENDS units (and the selected one): 2,875 bars are a grey smear
    and 280 kB per update.  Units without a figure are counted in the subtitle, not named."""
    has = table[table["value"].notna()].sort_values("value", ascending=not higher_is_better)
    keep = set(has["code"].head(RANKING_ENDS)) | set(has["code"].tail(RANKING_ENDS)) | {selected}
    note = t("ranking_ends", lang, n=RANKING_ENDS, total=f"{len(table):,}")
    missing = int(table["value"].isna().sum())
    if missing:
        note += f" · {t('no_data', lang)}: {missing:,}"
    return table[table["code"].isin(keep)], replace(cap, subtitle=f"{cap.subtitle} · {note}")
