"""Words the reports print, in Chinese and English (the dashboard's own are in dashboard.i18n)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "briefing": {"zh": "实施进展简报", "en": "Progress briefing"},
    "deck": {"zh": "实施进展汇报", "en": "Progress report"},
    "overview": {"zh": "实施进展总览", "en": "Progress overview"},
    "region": {"zh": "地区", "en": "Region"},
    "as_of_year": {"zh": "数据截至", "en": "Data as of"},
    "year_suffix": {"zh": "{year} 年", "en": "{year}"},
    "data_status": {"zh": "数据状态", "en": "Data status"},
    "created": {"zh": "生成日期", "en": "Created"},
    "sample_big": {"zh": "示例数据", "en": "SAMPLE DATA"},
    "official": {"zh": "正式数据", "en": "Official data"},
    "contents": {"zh": "目录", "en": "Contents"},
    "toc_hint": {"zh": "(在 Word 中右键单击此处并选择“更新域”即可生成目录)",
                 "en": "(In Word, right-click here and choose Update Field to build the table of contents)"},
    "goal": {"zh": "总体目标", "en": "Overall goal"},
    "summary_title": {"zh": "十项重点任务进度一览({year} 年)", "en": "The ten key tasks at a glance ({year})"},
    "summary_some": {"zh": "重点任务进度一览({year} 年)", "en": "Key tasks at a glance ({year})"},
    "code": {"zh": "代码", "en": "Code"},
    "task": {"zh": "任务", "en": "Task"},
    "lead": {"zh": "牵头部门", "en": "Lead departments"},
    "cooperate": {"zh": "配合部门", "en": "Cooperating departments"},
    "status": {"zh": "状态", "en": "Status"},
    "score": {"zh": "进度得分", "en": "Progress score"},
    "score_note": {"zh": "进度得分:任务各监测指标“完成度 ÷ 时间进度”(封顶 100%)的平均值;"
                         "≥95% 为进度正常,≥75% 为进度滞后,其下为严重滞后;全部指标达标为已达标。",
                   "en": "Progress score: the mean over the task's indicators of achieved share ÷ expected share "
                         "(capped at 100%); ≥ 95% on track, ≥ 75% lagging, below that off track; achieved when "
                         "every indicator is met."},
    "kind": {"zh": "类别", "en": "Kind"},
    "section": {"zh": "章节", "en": "Section"},
    "analysis": {"zh": "进展分析", "en": "Analysis"},
    "charts": {"zh": "地图与趋势:{indicator}", "en": "Map and trend: {indicator}"},
    "indicators": {"zh": "监测指标({year} 年,全市)", "en": "Indicators ({year}, city)"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "unit": {"zh": "单位", "en": "Unit"},
    "city_value": {"zh": "全市数值", "en": "City value"},
    "target": {"zh": "目标", "en": "Target"},
    "source_line": {"zh": "来源:{source};数据截至 {year} 年", "en": "Source: {source}; data as of {year}"},
    "source_default": {"zh": "各责任部门报送的监测数据", "en": "monitoring data reported by the departments"},
    "page": {"zh": "第 {n} 页", "en": "Page {n}"},
    "task_status": {"zh": "任务状态", "en": "Task status"},
    "overview_title": {"zh": "总体目标进展 · 十项重点任务状态", "en": "Overall goal and the ten tasks"},
    "lead_short": {"zh": "牵头", "en": "Lead"},
}


def label(key: str, lang: str = "zh", **fmt) -> str:
    text = LABELS[key].get(lang) or LABELS[key]["zh"]
    return text.format(**fmt) if fmt else text
