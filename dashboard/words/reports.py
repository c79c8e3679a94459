"""Words of the reports (Word briefing, meeting deck, one-page PDF) and the sentences that state a task's facts.

Sentences take their figures already formatted (value_text, target_text...).
Where Chinese wants a space before a figure but none before a Chinese word,
the caller passes both ``target`` and ``target_spaced``; each language uses
the one it needs.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # -- the documents ------------------------------------------------------------------------------
    "report_briefing": {"zh": "实施进展简报", "en": "Progress briefing"},
    "report_deck": {"zh": "实施进展汇报", "en": "Progress report"},
    "report_overview": {"zh": "实施进展总览", "en": "Progress overview"},
    "report_overview_title": {"zh": "总体目标进展 · 重点任务状态", "en": "Overall goal and the key tasks"},
    "region": {"zh": "地区", "en": "Region"},
    "as_of_label": {"zh": "数据截至", "en": "Data as of"},
    "year_n": {"zh": "{year} 年", "en": "{year}"},
    "data_status": {"zh": "数据状态", "en": "Data status"},
    "data_status_official": {
        "zh": "正式数据:{n} 条观测({first}—{last} 年)。",
        "en": "Official data: {n} observations ({first}–{last}).",
    },
    "created": {"zh": "生成日期", "en": "Created"},
    "official_data": {"zh": "正式数据", "en": "Official data"},
    "contents": {"zh": "目录", "en": "Contents"},
    "toc_hint": {
        "zh": "(在 Word 中右键单击此处并选择“更新域”即可生成目录)",
        "en": "(In Word, right-click here and choose Update Field to build the table of contents)",
    },
    "report_summary_all": {"zh": "全部重点任务进度一览({year} 年)", "en": "All key tasks at a glance ({year})"},
    "report_summary_some": {"zh": "重点任务进度一览({year} 年)", "en": "Key tasks at a glance ({year})"},
    "progress_score": {"zh": "进度得分", "en": "Progress score"},
    "progress_score_note": {
        "zh": "进度得分:任务各监测指标“完成度 ÷ 时间进度”(封顶 100%)的平均值;"
        "≥95% 为进度正常,≥75% 为进度滞后,其下为严重滞后;全部指标达标为已达标。",
        "en": "Progress score: the mean over the task's indicators of achieved share ÷ expected "
        "share (capped at 100%); ≥ 95% on track, ≥ 75% lagging, below that off track; "
        "achieved when every indicator is met.",
    },
    "task_kind": {"zh": "类别", "en": "Kind"},
    "report_analysis": {"zh": "进展分析", "en": "Analysis"},
    "report_charts": {"zh": "地图与趋势:{indicator}", "en": "Map and trend: {indicator}"},
    "report_indicators_title": {"zh": "监测指标({year} 年,全市)", "en": "Indicators ({year}, city)"},
    "report_source_line": {"zh": "来源:{source};数据截至 {year} 年", "en": "Source: {source}; data as of {year}"},
    "report_source_default": {"zh": "各责任部门报送的监测数据", "en": "monitoring data reported by the departments"},
    "report_page": {"zh": "第 {n} 页", "en": "Page {n}"},
    # How sentences name the place of a city-wide figure: 全市 in Chinese, the city's name in English.
    "city_in_sentence": {"zh": "全市", "en": "{region}"},
    # -- errors a report request can meet (shown in both languages: bilingual()) -----------------------
    "report_unknown_task": {"zh": "未知任务:{tasks}(T1–T10)", "en": "unknown task: {tasks} (T1–T10)"},
    "report_no_data_for_year": {
        "zh": "{year} 年没有数据(有数据的年份:{first}–{last})",
        "en": "no data for {year} (years with data: {first}–{last})",
    },
    "chromium_missing": {
        "zh": "无法生成图片:未找到 Chromium 浏览器。请运行 scripts/install-system-deps.sh 安装 Debian "
        "的 "
        "chromium 和 fonts-noto-cjk,或用环境变量 BROWSER_PATH 指定浏览器路径。",
        "en": "Cannot render images: no Chromium browser found. Install Debian's chromium and "
        "fonts-noto-cjk (scripts/install-system-deps.sh) or point BROWSER_PATH at a Chromium "
        "executable.",
    },
    # -- figures in words ------------------------------------------------------------------------------
    "percentage_points": {"zh": "{number} 个百分点", "en": "{number} percentage points"},
    "target_text_none": {"zh": "—(监测指标)", "en": "— (monitoring only)"},
    "target_text_full_coverage": {"zh": "全覆盖(100%,{year} 年)", "en": "full coverage (100%) by {year}"},
    "target_text_cumulative": {"zh": "累计 {level}({first}—{year} 年)", "en": "{level} in total, {first}–{year}"},
    "target_text_every_year": {"zh": "每年 {level}(至 {year} 年)", "en": "{level} every year to {year}"},
    "target_text_level": {"zh": "{level}({year} 年)", "en": "{level} by {year}"},
    # -- sentences of the narrative (dashboard/reports/narrative.py) -------------------------------------
    "sentence_value_none": {
        "zh": "{year} 年暂无{region}{name}数据。",
        "en": "No figure for {name} in {region} for {year}.",
    },
    "sentence_value_cumulative": {
        "zh": "{first}—{year} 年,{region}{name}累计 {value}。",
        "en": "{name} in {region}, {first}–{year} in total: {value}.",
    },
    "sentence_value": {"zh": "{year} 年,{region}{name}为 {value}。", "en": "{name} in {region}, {year}: {value}."},
    "sentence_target": {"zh": "目标为{target_spaced}。", "en": "The target is {target}."},
    "sentence_target_met": {"zh": "目标为{target_spaced},已经达到。", "en": "The target is {target}; it has been met."},
    "sentence_target_exceeded": {
        "zh": "目标为{target_spaced},已经达到,超出 {gap}。",
        "en": "The target is {target}; it has been met, exceeding it by {gap}.",
    },
    "sentence_target_gap": {
        "zh": "目标为{target_spaced},尚差 {gap}。",
        "en": "The target is {target}; {gap} remain to be closed.",
    },
    "sentence_path": {
        "zh": "按目标路径,{year} 年应达到 {expected};实际完成目标路径的 {achieved}"
        "(时间进度 {elapsed}),状态为“{status}”。",
        "en": "On the path to the target it should be {expected} in {year}; {achieved} of the path "
        "is covered against {elapsed} of the time elapsed: {status_lower}.",
    },
    "sentence_pace_due": {
        "zh": "目标年份({target_year} 年)已到,目标未实现。",
        "en": "The target year ({target_year}) has come and the target is not met.",
    },
    "sentence_pace": {
        "zh": "要在 {target_year} 年达到目标,今后每年需{verb} {amount}。",
        "en": "To reach the target in {target_year} it must {verb} {amount} a year.",
    },
    "pace_verb_add": {"zh": "新增", "en": "add"},
    "pace_verb_rise": {"zh": "提高", "en": "rise by"},
    "pace_verb_fall": {"zh": "降低", "en": "fall by"},
    "forecast_head": {"zh": "按 {start}—{year} 年的线性趋势", "en": "At the {start}–{year} linear trend"},
    "forecast_head_value": {
        "zh": "按 {start}—{year} 年的线性趋势,{when} 年预计为 {forecast}",
        "en": "At the {start}–{year} linear trend it would be {forecast} in {when}",
    },
    "forecast_not_reached": {
        "zh": "{head},按此趋势难以达到目标。",
        "en": "{head}, and the target would not be reached.",
    },
    "forecast_reached": {
        "zh": "{head},可于 {reached} 年达到目标。",
        "en": "{head}, the target would be reached in {reached}.",
    },
    "forecast_late_one": {
        "zh": "{head},预计 {reached} 年达到目标,比目标年份晚 {late} 年。",
        "en": "{head}; the target would be reached in {reached}, {late} year late.",
    },
    "forecast_late_other": {
        "zh": "{head},预计 {reached} 年达到目标,比目标年份晚 {late} 年。",
        "en": "{head}; the target would be reached in {reached}, {late} years late.",
    },
    "trend_up": {"zh": "增长", "en": "up"},
    "trend_down": {"zh": "下降", "en": "down"},
    "trend_since_change": {
        "zh": "{year} 年为 {base},{direction} {change}",
        "en": "{base} in {year}, {direction} {change}",
    },
    "trend_since": {"zh": "{year} 年为 {base}", "en": "{base} in {year}"},
    "sentence_trend": {
        "zh": "该指标为监测指标,规划未设定量化目标,按趋势评价为“{status}”。",
        "en": "A monitoring indicator without a numeric target in the plan; judged on its trend: {status_lower}.",
    },
    "sentence_trend_since": {
        "zh": "该指标为监测指标,规划未设定量化目标,{since},按趋势评价为“{status}”。",
        "en": "A monitoring indicator without a numeric target in the plan; {since}; judged on "
        "its trend: {status_lower}.",
    },
    "sentence_trend_forecast": {
        "zh": "按线性趋势,{year} 年预计为 {value}。",
        "en": "At its linear trend it would be {value} in {year}.",
    },
    "sentence_no_district_lagging": {"zh": "各区县均已达标或进度正常。", "en": "No district is lagging."},
    "districts_with_status": {"zh": "{status}的区县({n} 个):{names}", "en": "{status_lower} ({n}): {names}"},
    "sentence_districts_lagging": {"zh": "{parts}。", "en": "Districts {parts}."},
    "status_count": {"zh": "{status} {n} 项", "en": "{n} {status_lower}"},
    "sentence_task_status": {
        "zh": "截至 {year} 年,{task}总体状态为“{status}”,进度得分 {score}。",
        "en": "As of {year}, the task is {status_lower} with a progress score of {score}.",
    },
    "sentence_task_data": {"zh": "{n} 项监测指标中 {m} 项有数据。", "en": "{m} of its {n} indicators have data."},
    "sentence_task_data_by": {
        "zh": "{n} 项监测指标中 {m} 项有数据({by})。",
        "en": "{m} of its {n} indicators have data ({by}).",
    },
    "sentence_other_targets": {
        "zh": "其他 {n} 项有目标的指标中,{met} 项已达标。",
        "en": "Of the {n} other indicators with targets, {met} are met.",
    },
    "sentence_other_targets_behind": {
        "zh": "其他 {n} 项有目标的指标中,{met} 项已达标;落后的有:{behind}。",
        "en": "Of the {n} other indicators with targets, {met} are met; behind: {behind}.",
    },
    "indicator_behind": {"zh": "{name} {value},目标{target_spaced}", "en": "{name} ({value}, target {target})"},
    # The goal compared with the national figure of the same year (dashboard/services/reference.py).
    "sentence_national_above": {
        "zh": "{year} 年,{region}高于全国同期水平 {gap}(全国为 {national})。",
        "en": "In {year}, {region} was {gap} above the national level of the same year ({national}).",
    },
    "sentence_national_below": {
        "zh": "{year} 年,{region}低于全国同期水平 {gap}(全国为 {national})。",
        "en": "In {year}, {region} was {gap} below the national level of the same year ({national}).",
    },
    "sentence_national_level": {
        "zh": "{year} 年,{region}与全国同期水平持平(全国为 {national})。",
        "en": "In {year}, {region} was level with the national figure of the same year ({national}).",
    },
    "report_national_source": {
        "zh": "全国数据来源:{source}。全国数据为公开发布的数字,不是本市数据。",
        "en": "National figure: {source}. It is a published figure, not the city's own.",
    },
}
