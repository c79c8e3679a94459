"""Sentences that state the facts of a task's progress, in Chinese or English.

Pure functions of the plan's models, ``Progress`` results and district tables
(``Repository.district_table``): no store, no I/O, so a test can check that a
sentence says exactly what the numbers say.  Every figure is formatted by
:func:`value_text` / :func:`target_text` / :func:`gap_text`, the same
functions the report tables use.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.i18n import field_name, format_value, join_names, join_sentences, script, status_label, t, tn
from dashboard.services.reference import NationalComparison, point_source_text
from data.plan import Indicator, Plan, TargetType, Task
from data.progress import GroupProgress, Progress, Status

PERCENT = "%"
LAGGING = ("lagging", "off_track")


def _ok(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _decimals(v: float, decimals: int) -> int:
    return 0 if float(v).is_integer() else decimals


def value_text(ind: Indicator, value: float | None, lang: str = "zh") -> str:
    """An indicator's value with its unit, as the reports print it: ``10.54%``, ``1,234 人次``."""
    return format_value(value, ind.decimals, ind.unit.get(lang), lang)


def level_text(ind: Indicator, value: float, lang: str = "zh") -> str:
    """A target level: whole numbers without decimals (12%, 300 人)."""
    return format_value(value, _decimals(value, ind.decimals), ind.unit.get(lang), lang)


def gap_text(ind: Indicator, gap: float, lang: str = "zh") -> str:
    """A difference: percentage points for shares, the unit otherwise."""
    gap = abs(gap)
    if ind.unit.zh == PERCENT:
        return t("percentage_points", lang, number=f"{gap:,.{ind.decimals}f}")
    return value_text(ind, gap, lang)


def _sp(text: str) -> str:
    """A space between Chinese and a figure, none between Chinese and Chinese (for ``*_spaced`` fields)."""
    return f" {text}" if text[:1].isascii() else text


def _status_words(status: str | Status, lang: str) -> dict[str, str]:
    """A status as sentences use it: ``status`` as a label, ``status_lower`` inside an English sentence."""
    label = status_label(status, lang)
    return {"status": label, "status_lower": label.lower()}


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def target_text(ind: Indicator, lang: str = "zh", baseline_year: int = 2015) -> str:
    """The target in a few words: ``12%(2020 年)``, ``全覆盖(2020 年)``, ``累计 300 人(2016—2020 年)``."""
    tg = ind.target
    if tg is None:
        return t("target_text_none", lang)
    key = {
        TargetType.full_coverage: "target_text_full_coverage",
        TargetType.cumulative: "target_text_cumulative",
        TargetType.every_year: "target_text_every_year",
    }.get(tg.type, "target_text_level")
    return t(key, lang, level=level_text(ind, tg.value, lang), first=baseline_year + 1, year=tg.year)


def status_text(status: str | Status, lang: str = "zh") -> str:
    """Status with its icon, as in the dashboard's badges: ``▲ 进度滞后``."""
    from dashboard.theme import STATUS_ICONS

    value = status.value if isinstance(status, Status) else status
    return f"{STATUS_ICONS.get(value, '')} {status_label(value, lang)}"


def headline_indicator(plan: Plan, task: str, mappable: set[str] | None = None) -> Indicator:
    """The indicator a task's map, trend and narrative feature.

    The first with a stated target that has district figures, else the first
    with district figures (``mappable``), else the task's first indicator.
    """
    inds = plan.indicators_for(task)
    mappable = mappable if mappable is not None else {i.code for i in inds if i.rollup.value != "city_only"}
    for pick in (lambda i: i.target is not None and i.code in mappable, lambda i: i.code in mappable, lambda i: True):
        for ind in inds:
            if pick(ind):
                return ind
    raise ValueError(f"task {task} has no indicators")


def lagging_districts(table: pd.DataFrame | None, lang: str = "zh") -> dict[str, list[str]]:
    """District names by status for lagging and off-track districts (empty lists if none)."""
    out: dict[str, list[str]] = {s: [] for s in LAGGING}
    if table is None or table.empty:
        return out
    column = field_name("name", lang, table)
    for status in LAGGING:
        out[status] = list(table.loc[table["status"] == status, column])
    return out


# -- sentences ------------------------------------------------------------------------


def value_sentence(ind: Indicator, p: Progress, region: str, lang: str = "zh") -> str:
    words = {"name": ind.name.get(lang), "region": region, "year": p.year}
    if p.value is None:
        return t("sentence_value_none", lang, **words)
    v = value_text(ind, p.value, lang)
    if p.target_type is TargetType.cumulative:
        return t("sentence_value_cumulative", lang, **words, value=v, first=(p.baseline_year or 2015) + 1)
    return t("sentence_value", lang, **words, value=v)


def target_sentence(ind: Indicator, p: Progress, lang: str = "zh") -> str:
    """The target, and the gap still to close (or by how much it is exceeded)."""
    tt = target_text(ind, lang, p.baseline_year or 2015)
    target = {"target": tt, "target_spaced": _sp(tt)}
    if p.value is None or p.gap is None:
        return t("sentence_target", lang, **target)
    if p.gap <= 0 or p.status is Status.achieved:
        if p.gap < 0:
            return t("sentence_target_exceeded", lang, **target, gap=gap_text(ind, p.gap, lang))
        return t("sentence_target_met", lang, **target)
    return t("sentence_target_gap", lang, **target, gap=gap_text(ind, p.gap, lang))


def path_sentence(ind: Indicator, p: Progress, lang: str = "zh") -> str:
    """Where the path says it should be, the share of the path covered and the status."""
    if p.value is None or p.status is Status.achieved or p.expected_value is None:
        return ""
    return t(
        "sentence_path",
        lang,
        **_status_words(p.status, lang),
        year=p.year,
        expected=value_text(ind, p.expected_value, lang),
        achieved=share_text(p.achieved_share),
        elapsed=share_text(p.expected_share),
    )


def pace_needed(p: Progress) -> float | None:
    """What must change each remaining year to reach the target in its year (None if met or due)."""
    if p.value is None or p.gap is None or p.gap <= 0 or p.target_year is None or p.target_year <= p.year:
        return None
    return p.gap / (p.target_year - p.year)


def pace_sentence(ind: Indicator, p: Progress, lang: str = "zh") -> str:
    if p.value is None or p.status is Status.achieved or p.gap is None or p.gap <= 0:
        return ""
    per_year = pace_needed(p)
    if per_year is None:
        return t("sentence_pace_due", lang, target_year=p.target_year)
    if p.target_type is TargetType.cumulative:
        verb = "pace_verb_add"
    elif p.higher_is_better:
        verb = "pace_verb_rise"
    else:
        verb = "pace_verb_fall"
    return t("sentence_pace", lang, target_year=p.target_year, verb=t(verb, lang), amount=gap_text(ind, per_year, lang))


def forecast_sentence(ind: Indicator, p: Progress, lang: str = "zh", first_year: int | None = None) -> str:
    """The linear forecast at the target year and the year the target would be reached."""
    if p.value is None or p.status is Status.achieved or p.forecast_value is None:
        return ""
    if p.target_year is not None and p.target_year <= p.year:
        return ""
    start = first_year if first_year is not None else (p.baseline_year or p.year)
    if not p.has_target:
        return ""
    if p.target_type is TargetType.full_coverage and p.forecast_value > 100:
        # A straight line overshoots 100 %; what matters is the year it gets there.
        head = t("forecast_head", lang, start=start, year=p.year)
    else:
        head = t(
            "forecast_head_value",
            lang,
            start=start,
            year=p.year,
            when=p.target_year,
            forecast=value_text(ind, p.forecast_value, lang),
        )
    reached = p.forecast_year_reached
    if reached is None:
        return t("forecast_not_reached", lang, head=head)
    if p.target_year is None or reached <= p.target_year:
        return t("forecast_reached", lang, head=head, reached=reached)
    late = reached - p.target_year
    return tn("forecast_late", late, lang, head=head, reached=reached, late=late)


def trend_sentence(ind: Indicator, p: Progress, lang: str = "zh", end_year: int = 2020) -> str:
    """For a monitoring indicator without a target: change since the start and its forecast."""
    if p.value is None:
        return ""
    since = ""
    if p.baseline_value is not None and p.baseline_year is not None and p.baseline_year < p.year:
        base = value_text(ind, p.baseline_value, lang)
        if p.baseline_value:
            change = (p.value - p.baseline_value) / abs(p.baseline_value)
            since = t(
                "trend_since_change",
                lang,
                year=p.baseline_year,
                base=base,
                change=f"{abs(change) * 100:.0f}%",
                direction=t("trend_up" if change >= 0 else "trend_down", lang),
            )
        else:
            since = t("trend_since", lang, year=p.baseline_year, base=base)
    status = _status_words(p.status, lang)
    sentences = [
        t("sentence_trend_since", lang, since=since, **status) if since else t("sentence_trend", lang, **status)
    ]
    if p.forecast_value is not None and end_year > p.year:
        sentences.append(
            t("sentence_trend_forecast", lang, year=end_year, value=value_text(ind, p.forecast_value, lang))
        )
    return join_sentences(sentences, lang)


def districts_sentence(table: pd.DataFrame | None, lang: str = "zh") -> str:
    """Which districts lag; empty when the indicator has no district figures."""
    if table is None or table.empty or not table["value"].notna().any():
        return ""
    lag = lagging_districts(table, lang)
    if not lag["lagging"] and not lag["off_track"]:
        return t("sentence_no_district_lagging", lang)
    parts = [
        t(
            "districts_with_status",
            lang,
            **_status_words(status, lang),
            n=len(lag[status]),
            names=join_names(lag[status], lang),
        )
        for status in LAGGING
        if lag[status]
    ]
    return t("sentence_districts_lagging", lang, parts=script(lang).clause_sep.join(parts))


def join(sentences: list[str], lang: str = "zh") -> str:
    """Sentences as one paragraph (Chinese runs on; English needs spaces)."""
    return join_sentences(sentences, lang)


def indicator_paragraph(
    ind: Indicator, p: Progress, region: str, lang: str = "zh", table: pd.DataFrame | None = None, end_year: int = 2020
) -> list[str]:
    """The facts of one indicator: value, target and gap, path, pace needed, forecast, lagging districts."""
    out = [value_sentence(ind, p, region, lang)]
    if p.value is None:
        return out
    if p.has_target:
        out += [
            target_sentence(ind, p, lang),
            path_sentence(ind, p, lang),
            pace_sentence(ind, p, lang),
            forecast_sentence(ind, p, lang),
        ]
    else:
        out.append(trend_sentence(ind, p, lang, end_year))
    out.append(districts_sentence(table, lang))
    return [s for s in out if s]


def task_sentence(task: Task, gp: GroupProgress, year: int, lang: str = "zh") -> str:
    """The task's status from its indicators: status, score, indicators with data and by status."""
    counts = {s: n for s, n in gp.counts.items() if n and s is not Status.no_data}
    by = join_names((t("status_count", lang, **_status_words(s, lang), n=n) for s, n in counts.items()), lang)
    data = {"n": gp.n_indicators, "m": gp.n_with_data}
    return join_sentences(
        [
            t(
                "sentence_task_status",
                lang,
                **_status_words(gp.status, lang),
                year=year,
                task=task.title.get(lang),
                score=share_text(gp.score),
            ),
            t("sentence_task_data_by", lang, **data, by=by) if by else t("sentence_task_data", lang, **data),
        ],
        lang,
    )


def other_targets_sentence(items: list[tuple[Indicator, Progress]], lang: str = "zh") -> str:
    """The task's other indicators with targets: how many are met, and those behind with value and target."""
    items = [(i, p) for i, p in items if p.has_target and p.value is not None]
    if not items:
        return ""
    met = sum(p.status is Status.achieved for _, p in items)
    behind = [(i, p) for i, p in items if p.status.value in LAGGING]
    if not behind:
        return t("sentence_other_targets", lang, n=len(items), met=met)
    behind_words = script(lang).clause_sep.join(
        t(
            "indicator_behind",
            lang,
            name=i.name.get(lang),
            value=value_text(i, p.value, lang),
            target=target_text(i, lang),
            target_spaced=_sp(target_text(i, lang)),
        )
        for i, p in behind
    )
    return t("sentence_other_targets_behind", lang, n=len(items), met=met, behind=behind_words)


def goal_sentences(ind: Indicator, p: Progress, region: str, lang: str = "zh") -> list[str]:
    """The overall goal (the headline indicator) in a few sentences."""
    return [
        s
        for s in (
            value_sentence(ind, p, region, lang),
            target_sentence(ind, p, lang),
            path_sentence(ind, p, lang),
            pace_sentence(ind, p, lang),
            forecast_sentence(ind, p, lang),
        )
        if s
    ]


def national_sentence(ind: Indicator, comparison: NationalComparison | None, region: str, lang: str = "zh") -> str:
    """「2020 年,全市高于全国同期水平 0.71 个百分点(全国为 10.56%)。」: only when a national value was
    published for the same year (never an earlier one, never interpolated); empty otherwise."""
    if comparison is None or comparison.same_year is None or comparison.gap is None:
        return ""
    point = comparison.same_year
    gap = round(comparison.gap, point.decimals)
    key = (
        "sentence_national_level" if gap == 0 else ("sentence_national_above" if gap > 0 else "sentence_national_below")
    )
    return t(key, lang, year=point.year, region=region, gap=gap_text(ind, gap, lang), national=point.value_text(lang))


def national_source(comparison: NationalComparison | None, lang: str = "zh") -> str:
    """The source line under the national comparison: publisher, date and address, as text."""
    if comparison is None or comparison.same_year is None or comparison.gap is None:
        return ""
    return t("report_national_source", lang, source=point_source_text(comparison.same_year, lang, address=True))
