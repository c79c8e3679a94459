"""Figures for a view: ask the repository, hand the frame to a pure figure function.

Callbacks, reports and tests all build charts through these functions, so a
chart looks the same on the page, in an export and in a Word briefing.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import Caption, empty_figure, map_figure, ranking_figure, small_multiple_figure, trend_figure
from dashboard.figures.common import add_caption
from dashboard.figures.meeting import meeting_style
from dashboard.figures.trend import PublishedLine, PublishedMark, add_earlier_period
from dashboard.i18n import by_lang, t
from dashboard.repository import Repository, year_values
from dashboard.services.continuity import earlier_period
from dashboard.services.notes import unit_hovers, year_hovers
from dashboard.services.profiles import city_comparison
from dashboard.services.reference import ReferenceMarks, point_source_text, reference_marks, source_text
from dashboard.theme import STATUS_COLOURS, STATUS_ICONS
from data.plan import Rollup
from data.progress import trajectory

# A map or ranking of more units than this (a country's 2,875 counties rather than a city's 18)
# names them by hover only, and the ranking shows the best and the worst RANKING_ENDS.
MAP_LABEL_LIMIT = 60
RANKING_ENDS = 20
THIN_BORDER_ABOVE = 200


def caption_for(repo: Repository, indicator: str, year: int, lang: str, title: str, subtitle: str = "") -> Caption:
    ind = repo.indicator(indicator)
    return Caption(
        title=title,
        subtitle=subtitle or f"{t('unit', lang)}: {ind.unit.get(lang)}",
        source=ind.source.get(lang),
        as_of=year,
        lang=lang,
        is_sample=repo.status()["is_sample"],
    )


def map_chart(
    repo: Repository,
    indicator: str,
    year: int,
    lang: str,
    *,
    legend: str = "status",
    view: str = "all",
    selected: str | None = None,
    bubbles: bool = False,
    height: int = 520,
    style: str = "page",
    venues: bool = False,
    rings: bool = False,
) -> go.Figure:
    """``style="meeting"``: dark, sized by its frame, a two-line caption (dashboard/figures/meeting.py).
    ``venues``: the registry's venues open that year as points (the indicator's types when it is
    counted from them, else every type); ``rings``: the area within each type's radius."""
    ind = repo.indicator(indicator)
    title = t("map_title", lang, indicator=ind.name.get(lang), year=year)
    cap = caption_for(repo, indicator, year, lang, title)
    table, empty = _district_figures(repo, indicator, year, lang, cap, height)
    if table is None:
        return meeting_style(empty, lang) if style == "meeting" else empty
    if len(table) > MAP_LABEL_LIMIT:
        # Thousands of SVG labels overlap into a grey mass and triple the drawing time (2.5 s
        # against 0.9 s for 2,875 counties in headless Chromium).  map_figure leaves the units
        # marked urban unlabelled outside the central view; a country has no central view.
        table, view = table.assign(urban=True), "all"
    # 1 px white borders between thousands of counties cover the smallest of them.
    border = 1 if len(table) <= THIN_BORDER_ABOVE else 0.2
    table = table.assign(note=unit_hovers(repo, indicator, year, table["code"], lang))
    fig = map_figure(
        table,
        repo.geojson_url(),
        cap,
        unit=ind.unit.get(lang),
        decimals=ind.decimals,
        legend=legend,
        selected=selected,
        view=view,
        central_bbox=repo.central_bbox,
        bbox=repo.city_bbox,
        bubbles=bubbles,
        height=height,
        border_width=border,
    )
    if venues or rings:
        fig = with_venues(fig, repo, indicator, year, lang, points=venues, rings=rings)
    return meeting_style(fig, lang) if style == "meeting" else fig


def with_venues(fig: go.Figure, repo: Repository, indicator: str, year: int, lang: str, *, points: bool, rings: bool):
    """The map with the venues open in ``year`` over it (dashboard/figures/venues.py)."""
    from dashboard.figures.venues import Rings, add_venues
    from dashboard.services import facilities

    plan = repo.plan
    spec = repo.indicator(indicator).counted_from
    types = [t for t in plan.facility_types if spec is None or t.code in spec.types]
    table = facilities.venue_table(repo, year, lang=lang)
    table = table[table["type_code"].isin([t.code for t in types])]
    if spec is not None and spec.levels:
        table = table[table["level"].isin([lv.value for lv in spec.levels])]
    outlines: Rings = []
    if rings:
        for ftype in types:
            if ftype.radius_km is not None:
                lons, lats = facilities.rings(repo, year, ftype.code)
                outlines.append((ftype.code, ftype.name.get(lang), ftype.radius_km, lons, lats))
    return add_venues(
        fig,
        table if points else table.iloc[0:0],
        [(ft.code, ft.name.get(lang)) for ft in types],
        lang,
        rings=outlines,
        unlocated=int((~table["located"]).sum()) if points else 0,
        is_sample=bool(table["is_sample"].any()) if points else False,
    )


def _district_figures(
    repo: Repository, indicator: str, year: int, lang: str, cap: Caption, height: int
) -> tuple[pd.DataFrame, None] | tuple[None, go.Figure]:
    """The district table a map or ranking draws, or the empty state that says why there is none:
    a city-only indicator, or no district figure in that year."""
    if not repo.is_mappable(indicator):
        return None, empty_figure(t("city_only", lang), cap, height=height)
    table = repo.district_table(indicator, year)
    if table["value"].isna().all():
        return None, empty_figure(t("no_data_year", lang, year=year), cap, height=height)
    return table, None


def ranking_chart(
    repo: Repository, indicator: str, year: int, lang: str, *, selected: str | None = None, height: int = 520
) -> go.Figure:
    ind = repo.indicator(indicator)
    cap = caption_for(repo, indicator, year, lang, f"{t('ranking', lang)} · {ind.name.get(lang)} ({year})")
    table, empty = _district_figures(repo, indicator, year, lang, cap, height)
    if table is None:
        return empty
    if len(table) > MAP_LABEL_LIMIT:
        table, cap = _ranking_ends(table, cap, selected, ind.higher_is_better, lang)
    return ranking_figure(
        table,
        cap,
        unit=ind.unit.get(lang),
        decimals=ind.decimals,
        higher_is_better=ind.higher_is_better,
        selected=selected,
        height=height,
    )


def with_earlier_period(fig: go.Figure, earlier: Repository, repo: Repository, indicator: str, region: str, lang: str):
    """A continuing indicator's trend reaches back into the plan it follows (``Indicator.continues``):
    that period's figures and target before a line at the boundary; other trends are left as they are."""
    period = earlier_period(earlier, repo, indicator, region)
    if period is None:
        return fig
    ind = repo.indicator(indicator)
    name = t("earlier_period", lang, start=period.plan.start_year, end=period.plan.end_year)
    boundary = period.plan.end_year + 0.5  # between the earlier period's last year and this one's first
    return add_earlier_period(
        fig,
        period.actual,
        period.target,
        boundary=boundary,
        name=name,
        unit=ind.unit.get(lang),
        decimals=ind.decimals,
        lang=lang,
    )


def trend_chart(
    repo: Repository,
    indicator: str,
    region: str,
    year: int,
    lang: str,
    *,
    compare_city: bool = False,
    height: int = 380,
    earlier: Repository | None = None,
) -> go.Figure:
    """Actual values up to ``year``, the expected path and the forecast to the target year.

    ``earlier``: the repository of the plan this one follows (``repo.follows``); a continuing
    indicator's trend then shows that period too."""
    if earlier is not None:
        fig = trend_chart(repo, indicator, region, year, lang, compare_city=compare_city, height=height)
        return with_earlier_period(fig, earlier, repo, indicator, region, lang)
    ind = repo.indicator(indicator)
    region_name = repo.region_name(region, lang)
    cap = caption_for(repo, indicator, year, lang, f"{ind.name.get(lang)} · {region_name}")
    series = repo.series(indicator, region)
    series = series[series.index <= year].dropna()
    if series.empty:
        return empty_figure(t("no_data_year", lang, year=year), cap, height=height)
    course = trajectory(
        ind,
        year_values(series),
        repo.progress(indicator, region, year),
        repo.plan.baseline_year,
        repo.plan.end_year,
    )
    comparison = None
    # A district's share compares with the city's; a district's count does not (the city sums them).
    if compare_city and region != repo.city and ind.rollup in (Rollup.ratio_of_sums, Rollup.population_weighted_mean):
        city = repo.series(indicator, repo.city)
        comparison = year_values(city[city.index <= year].dropna()) or None
    years = [
        *course.actual,
        *(course.expected or {}),
        *(course.forecast or {}),
        *([course.target[1]] if course.target else []),
    ]
    marks = reference_marks(repo.plan, indicator, region, year, min(years), max(years), ind.unit.zh)
    lines, targets = _published(marks, lang)
    return trend_figure(
        course.actual,
        cap,
        notes=year_hovers(repo, indicator, region, course.actual, lang),
        unit=ind.unit.get(lang),
        decimals=ind.decimals,
        expected=course.expected,
        forecast=course.forecast,
        target=course.target,
        comparison=comparison,
        actual_name=region_name,
        height=height,
        published=lines,
        published_marks=targets,
        published_title=t("ref_group_title", lang) if marks else "",
    )


# Target marks by region: China's a hollow diamond, a province's a hollow square.
_MARK_SYMBOLS = ("diamond-open", "square-open")


def _published(marks: ReferenceMarks | None, lang: str) -> tuple[list[PublishedLine], list[PublishedMark]]:
    """The goal trend's published figures as the figure draws them, each hover naming its source."""
    if marks is None:
        return [], []
    by_region: dict[str, list] = {}
    for p in marks.points:
        by_region.setdefault(p.region, []).append(p)
    lines = [
        PublishedLine(
            name=points[0].name(lang),
            points={p.year: p.value for p in points},
            values=[p.value_text(lang) for p in points],
            hover=[point_source_text(p, lang) for p in points],
        )
        for points in by_region.values()
    ]
    regions = list(dict.fromkeys(m.region for m in marks.targets))
    targets = [
        PublishedMark(
            name=t("ref_target_name", lang, region=m.name(lang), year=m.year, target=m.value_text(lang)),
            year=m.year,
            value=m.value,
            value_text=m.value_text(lang),
            hover=source_text(m.source, lang),
            symbol=_MARK_SYMBOLS[min(regions.index(m.region), len(_MARK_SYMBOLS) - 1)],
        )
        for m in marks.targets
    ]
    return lines, targets


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


SMALL_MULTIPLE_HEIGHT = 220


def small_multiple_chart(repo: Repository, indicator: str, district: str, year: int, lang: str) -> go.Figure:
    """One indicator's trend in the district, coloured by its status, with the city dotted."""
    ind = repo.indicator(indicator)
    p = repo.progress(indicator, district, year)
    status = p.status.value
    title = f"{STATUS_ICONS[status]} {ind.code} {ind.name.get(lang)}"
    cap = caption_for(repo, indicator, year, lang, title)
    series = repo.series(indicator, district)
    series = series[series.index <= year].dropna()
    if series.empty:
        fig = empty_figure(t("no_data_year", lang, year=year), height=SMALL_MULTIPLE_HEIGHT)
        fig.update_layout(title={"text": title, "font": {"size": 12}, "x": 0.02})
        return fig
    city = city_comparison(repo, indicator, year) or None
    fig = small_multiple_figure(
        year_values(series),
        title,
        unit=ind.unit.get(lang),
        status_colour=STATUS_COLOURS[status],
        comparison=city,
        height=SMALL_MULTIPLE_HEIGHT,
    )
    # The small figure has no caption of its own: add source and as-of, so an export says them.
    # Lines are broken by hand (plotly does not wrap) so that nothing is cut in a narrow column.
    # Widths in characters for a chart ~390 px wide: a Chinese character is about twice a Latin one.
    title_width, foot_width = by_lang(lang, zh=(28, 36), en=(46, 60))
    title_lines = textwrap.wrap(title, title_width) or [title]
    foot = [
        *textwrap.wrap(f"{t('source', lang)}: {cap.source}", foot_width),
        " · ".join([t("as_of", lang, year=year), *([t("sample_short", lang)] if cap.is_sample else [])]),
    ]
    top, bottom = 16 + 16 * len(title_lines), 26 + 13 * len(foot)
    fig.update_layout(
        title={"text": "<br>".join(f"<b>{line}</b>" if i == 0 else line for i, line in enumerate(title_lines))},
        margin={"t": top, "b": bottom},
        height=SMALL_MULTIPLE_HEIGHT + top - 30 + bottom - 24,
    )
    add_caption(fig, foot, yshift=-bottom + 2, size=10)
    return fig
