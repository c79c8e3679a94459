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

from data.plan import Indicator, Plan, Task, TargetType
from data.progress import GroupProgress, Progress, Status
from dashboard.i18n import format_value, status_label

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
        number = f"{gap:,.{ind.decimals}f}"
        return f"{number} 个百分点" if lang == "zh" else f"{number} percentage points"
    return value_text(ind, gap, lang)


def _sp(text: str) -> str:
    """A space between Chinese and a figure, none between Chinese and Chinese."""
    return f" {text}" if text[:1].isascii() else text


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def target_text(ind: Indicator, lang: str = "zh", baseline_year: int = 2015) -> str:
    """The target in a few words: ``12%(2020 年)``, ``全覆盖(2020 年)``, ``累计 300 人(2016—2020 年)``."""
    tg = ind.target
    if tg is None:
        return "—(监测指标)" if lang == "zh" else "— (monitoring only)"
    level = level_text(ind, tg.value, lang)
    if tg.type is TargetType.full_coverage:
        return f"全覆盖(100%,{tg.year} 年)" if lang == "zh" else f"full coverage (100%) by {tg.year}"
    if tg.type is TargetType.cumulative:
        return (f"累计 {level}({baseline_year + 1}—{tg.year} 年)" if lang == "zh"
                else f"{level} in total, {baseline_year + 1}–{tg.year}")
    if tg.type is TargetType.every_year:
        return f"每年 {level}(至 {tg.year} 年)" if lang == "zh" else f"{level} every year to {tg.year}"
    return f"{level}({tg.year} 年)" if lang == "zh" else f"{level} by {tg.year}"


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
    column = "name_en" if lang == "en" and "name_en" in table else "name"
    for status in LAGGING:
        out[status] = list(table.loc[table["status"] == status, column])
    return out


# -- sentences ------------------------------------------------------------------------


def value_sentence(ind: Indicator, p: Progress, region: str, lang: str = "zh") -> str:
    name = ind.name.get(lang)
    if p.value is None:
        return f"{p.year} 年暂无{region}{name}数据。" if lang == "zh" else f"No figure for {name} in {region} for {p.year}."
    v = value_text(ind, p.value, lang)
    if p.target_type is TargetType.cumulative:
        since = (p.baseline_year or 2015) + 1
        return (f"{since}—{p.year} 年,{region}{name}累计 {v}。" if lang == "zh"
                else f"{name} in {region}, {since}–{p.year} in total: {v}.")
    return f"{p.year} 年,{region}{name}为 {v}。" if lang == "zh" else f"{name} in {region}, {p.year}: {v}."


def target_sentence(ind: Indicator, p: Progress, lang: str = "zh") -> str:
    """The target, and the gap still to close (or by how much it is exceeded)."""
    tt = target_text(ind, lang, p.baseline_year or 2015)
    if p.value is None or p.gap is None:
        return f"目标为{_sp(tt)}。" if lang == "zh" else f"The target is {tt}."
    if p.gap <= 0 or p.status is Status.achieved:
        extra = f",超出 {gap_text(ind, p.gap, lang)}" if p.gap < 0 else ""
        extra_en = f", exceeding it by {gap_text(ind, p.gap, lang)}" if p.gap < 0 else ""
        return f"目标为{_sp(tt)},已经达到{extra}。" if lang == "zh" else f"The target is {tt}; it has been met{extra_en}."
    return (f"目标为{_sp(tt)},尚差 {gap_text(ind, p.gap, lang)}。" if lang == "zh"
            else f"The target is {tt}; {gap_text(ind, p.gap, lang)} remain to be closed.")


def path_sentence(ind: Indicator, p: Progress, lang: str = "zh") -> str:
    """Where the path says it should be, the share of the path covered and the status."""
    status = status_label(p.status.value, lang)
    if p.value is None or p.status is Status.achieved or p.expected_value is None:
        return ""
    exp = value_text(ind, p.expected_value, lang)
    if lang == "zh":
        return (f"按目标路径,{p.year} 年应达到 {exp};实际完成目标路径的 {share_text(p.achieved_share)}"
                f"(时间进度 {share_text(p.expected_share)}),状态为“{status}”。")
    return (f"On the path to the target it should be {exp} in {p.year}; {share_text(p.achieved_share)} of the path "
            f"is covered against {share_text(p.expected_share)} of the time elapsed: {status.lower()}.")


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
        return (f"目标年份({p.target_year} 年)已到,目标未实现。" if lang == "zh"
                else f"The target year ({p.target_year}) has come and the target is not met.")
    amount = gap_text(ind, per_year, lang)
    if p.target_type is TargetType.cumulative:
        verb, verb_en = "新增", "add"
    elif p.higher_is_better:
        verb, verb_en = "提高", "rise by"
    else:
        verb, verb_en = "降低", "fall by"
    return (f"要在 {p.target_year} 年达到目标,今后每年需{verb} {amount}。" if lang == "zh"
            else f"To reach the target in {p.target_year} it must {verb_en} {amount} a year.")


def forecast_sentence(ind: Indicator, p: Progress, lang: str = "zh", first_year: int | None = None) -> str:
    """The linear forecast at the target year and the year the target would be reached."""
    if p.value is None or p.status is Status.achieved or p.forecast_value is None:
        return ""
    if p.target_year is not None and p.target_year <= p.year:
        return ""
    start = first_year if first_year is not None else (p.baseline_year or p.year)
    if not p.has_target:
        return ""
    when = p.target_year
    fc = value_text(ind, p.forecast_value, lang)
    if p.target_type is TargetType.full_coverage and p.forecast_value > 100:
        # A straight line overshoots 100 %; what matters is the year it gets there.
        head = f"按 {start}—{p.year} 年的线性趋势" if lang == "zh" else f"At the {start}–{p.year} linear trend"
    else:
        head = (f"按 {start}—{p.year} 年的线性趋势,{when} 年预计为 {fc}" if lang == "zh"
                else f"At the {start}–{p.year} linear trend it would be {fc} in {when}")
    reached = p.forecast_year_reached
    if reached is None:
        return head + (",按此趋势难以达到目标。" if lang == "zh" else ", and the target would not be reached.")
    if reached <= (p.target_year or reached):
        return head + (f",可于 {reached} 年达到目标。" if lang == "zh" else f", the target would be reached in {reached}.")
    late = reached - p.target_year
    return head + (f",预计 {reached} 年达到目标,比目标年份晚 {late} 年。" if lang == "zh"
                   else f"; the target would be reached in {reached}, {late} year{'s' if late > 1 else ''} late.")


def trend_sentence(ind: Indicator, p: Progress, lang: str = "zh", end_year: int = 2020) -> str:
    """For a monitoring indicator without a target: change since the start and its forecast."""
    if p.value is None:
        return ""
    parts = []
    if p.baseline_value is not None and p.baseline_year is not None and p.baseline_year < p.year:
        base = value_text(ind, p.baseline_value, lang)
        if p.baseline_value:
            change = (p.value - p.baseline_value) / abs(p.baseline_value)
            word = ("增长" if change >= 0 else "下降") if lang == "zh" else ("up" if change >= 0 else "down")
            pct = f"{abs(change) * 100:.0f}%"
            parts.append(f"{p.baseline_year} 年为 {base},{word} {pct}" if lang == "zh"
                         else f"{base} in {p.baseline_year}, {word} {pct}")
        else:
            parts.append(f"{p.baseline_year} 年为 {base}" if lang == "zh" else f"{base} in {p.baseline_year}")
    status = status_label(p.status.value, lang)
    if lang == "zh":
        text = "该指标为监测指标,规划未设定量化目标" + ("," + parts[0] if parts else "") + f",按趋势评价为“{status}”。"
        if p.forecast_value is not None and end_year > p.year:
            text += f"按线性趋势,{end_year} 年预计为 {value_text(ind, p.forecast_value, lang)}。"
        return text
    text = "A monitoring indicator without a numeric target in the plan" + ("; " + parts[0] if parts else "")
    text += f"; judged on its trend: {status.lower()}."
    if p.forecast_value is not None and end_year > p.year:
        text += f" At its linear trend it would be {value_text(ind, p.forecast_value, lang)} in {end_year}."
    return text


def districts_sentence(table: pd.DataFrame | None, lang: str = "zh") -> str:
    """Which districts lag; empty when the indicator has no district figures."""
    if table is None or table.empty or not table["value"].notna().any():
        return ""
    lag = lagging_districts(table, lang)
    sep = "、" if lang == "zh" else ", "
    if not lag["lagging"] and not lag["off_track"]:
        return "各区县均已达标或进度正常。" if lang == "zh" else "No district is lagging."
    parts = []
    for status in LAGGING:
        if lag[status]:
            label = status_label(status, lang)
            parts.append(f"{label}的区县({len(lag[status])} 个):{sep.join(lag[status])}" if lang == "zh"
                         else f"{label.lower()} ({len(lag[status])}): {sep.join(lag[status])}")
    return ";".join(parts) + "。" if lang == "zh" else "Districts " + "; ".join(parts) + "."


def join(sentences: list[str], lang: str = "zh") -> str:
    """Sentences as one paragraph (Chinese runs on; English needs spaces)."""
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


def indicator_paragraph(ind: Indicator, p: Progress, region: str, lang: str = "zh",
                        table: pd.DataFrame | None = None, end_year: int = 2020) -> list[str]:
    """The facts of one indicator: value, target and gap, path, pace needed, forecast, lagging districts."""
    out = [value_sentence(ind, p, region, lang)]
    if p.value is None:
        return out
    if p.has_target:
        out += [target_sentence(ind, p, lang), path_sentence(ind, p, lang), pace_sentence(ind, p, lang),
                forecast_sentence(ind, p, lang)]
    else:
        out.append(trend_sentence(ind, p, lang, end_year))
    out.append(districts_sentence(table, lang))
    return [s for s in out if s]


def task_sentence(task: Task, gp: GroupProgress, year: int, lang: str = "zh") -> str:
    """The task's status from its indicators: status, score, indicators with data and by status."""
    status = status_label(gp.status.value, lang)
    counts = {s.value: n for s, n in gp.counts.items() if n and s is not Status.no_data}
    sep = "、" if lang == "zh" else ", "
    by = sep.join(f"{status_label(s, lang)} {n} 项" if lang == "zh" else f"{n} {status_label(s, lang).lower()}"
                  for s, n in counts.items())
    score = share_text(gp.score)
    if lang == "zh":
        text = f"截至 {year} 年,{task.title.zh}总体状态为“{status}”,进度得分 {score}。"
        text += f"{gp.n_indicators} 项监测指标中 {gp.n_with_data} 项有数据" + (f"({by})" if by else "") + "。"
        return text
    text = f"As of {year}, the task is {status.lower()} with a progress score of {score}. "
    text += f"{gp.n_with_data} of its {gp.n_indicators} indicators have data" + (f" ({by})" if by else "") + "."
    return text


def other_targets_sentence(items: list[tuple[Indicator, Progress]], lang: str = "zh") -> str:
    """The task's other indicators with targets: how many are met, and those behind with value and target."""
    items = [(i, p) for i, p in items if p.has_target and p.value is not None]
    if not items:
        return ""
    met = sum(p.status is Status.achieved for _, p in items)
    behind = [(i, p) for i, p in items if p.status.value in LAGGING]
    if lang == "zh":
        text = f"其他 {len(items)} 项有目标的指标中,{met} 项已达标"
        if behind:
            text += ";落后的有:" + ";".join(
                f"{i.name.zh} {value_text(i, p.value, lang)},目标{_sp(target_text(i, lang))}" for i, p in behind)
        return text + "。"
    text = f"Of the {len(items)} other indicators with targets, {met} are met"
    if behind:
        text += "; behind: " + "; ".join(
            f"{i.name.en} ({value_text(i, p.value, lang)}, target {target_text(i, lang)})" for i, p in behind)
    return text + "."


def goal_sentences(ind: Indicator, p: Progress, region: str, lang: str = "zh") -> list[str]:
    """The overall goal (the headline indicator) in a few sentences."""
    return [s for s in (value_sentence(ind, p, region, lang), target_sentence(ind, p, lang),
                        path_sentence(ind, p, lang), pace_sentence(ind, p, lang), forecast_sentence(ind, p, lang))
            if s]
