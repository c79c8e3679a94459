"""UI strings in Chinese (first) and English, and number formatting.

Every label the UI shows comes from STRINGS; a test fails when a key lacks a
language.  Names from the plan (tasks, indicators, departments) come from the
plan file in both languages, not from here.
"""

from __future__ import annotations

import math

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "哈尔滨市全民科学素质行动监测", "en": "Harbin Scientific Literacy Action Monitor"},
    "app_subtitle": {"zh": "《哈尔滨市全民科学素质行动计划纲要实施方案(2016—2020年)》",
                     "en": "Harbin implementation plan of the national scientific literacy action plan (2016–2020)"},
    "nav_overview": {"zh": "总览", "en": "Overview"},
    "nav_map": {"zh": "地图", "en": "Map"},
    "nav_task": {"zh": "任务", "en": "Tasks"},
    "nav_district": {"zh": "区县", "en": "Districts"},
    "nav_departments": {"zh": "部门", "en": "Departments"},
    "nav_data": {"zh": "数据", "en": "Data"},
    "lang_switch": {"zh": "English", "en": "中文"},
    "sample_banner": {"zh": "示例数据:本页数字为随机生成的示例,并非实际统计数据。导入真实数据后此提示消失。",
                      "en": "Sample data: the figures on this page are generated examples, not real statistics. "
                            "This notice disappears once real data are imported."},
    "sample_short": {"zh": "示例数据", "en": "sample data"},
    "as_of": {"zh": "数据截至 {year} 年", "en": "Data as of {year}"},
    "source": {"zh": "来源", "en": "Source"},
    "target": {"zh": "目标", "en": "Target"},
    "value": {"zh": "数值", "en": "Value"},
    "status": {"zh": "状态", "en": "Status"},
    "year": {"zh": "年份", "en": "Year"},
    "task": {"zh": "任务", "en": "Task"},
    "indicator": {"zh": "指标", "en": "Indicator"},
    "district": {"zh": "区县", "en": "District"},
    "department": {"zh": "部门", "en": "Department"},
    "all": {"zh": "全部", "en": "All"},
    "city": {"zh": "全市", "en": "City"},
    "lead": {"zh": "牵头", "en": "Lead"},
    "cooperate": {"zh": "配合", "en": "Cooperating"},
    "lead_departments": {"zh": "牵头部门", "en": "Lead departments"},
    "cooperating_departments": {"zh": "配合部门", "en": "Cooperating departments"},
    "measures": {"zh": "主要措施", "en": "Measures"},
    "indicators": {"zh": "监测指标", "en": "Indicators"},
    "headline": {"zh": "公民具备科学素质的比例", "en": "Share of citizens with scientific literacy"},
    "progress": {"zh": "进度", "en": "Progress"},
    "progress_of_path": {"zh": "完成目标路径的 {share}", "en": "{share} of the path to target"},
    "expected_path": {"zh": "目标路径", "en": "Expected path"},
    "actual": {"zh": "实际", "en": "Actual"},
    "forecast": {"zh": "趋势预测", "en": "Forecast"},
    "no_target": {"zh": "该指标为监测指标,规划未设定量化目标。", "en": "Monitoring indicator: the plan sets no numeric target."},
    "no_data_year": {"zh": "{year} 年暂无该指标数据。", "en": "No data for this indicator in {year}."},
    "no_data": {"zh": "暂无数据", "en": "No data"},
    "city_only": {"zh": "该指标仅在全市层面统计,无区县数据。", "en": "This indicator is only measured for the city as a whole."},
    "legend_status": {"zh": "按状态", "en": "By status"},
    "legend_value": {"zh": "按数值", "en": "By value"},
    "view_all": {"zh": "全市", "en": "Whole city"},
    "view_central": {"zh": "中心城区", "en": "Central districts"},
    "ranking": {"zh": "区县排名", "en": "District ranking"},
    "trend": {"zh": "变化趋势", "en": "Trend"},
    "map_title": {"zh": "{indicator}({year} 年)", "en": "{indicator} ({year})"},
    "choose_task": {"zh": "选择任务", "en": "Choose a task"},
    "choose_indicator": {"zh": "选择指标", "en": "Choose an indicator"},
    "choose_district": {"zh": "选择区县", "en": "Choose a district"},
    "choose_department": {"zh": "选择部门", "en": "Choose a department"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "missing_cells": {"zh": "缺失 {n} 项数据", "en": "{n} values missing"},
    "reported": {"zh": "{n}/{total} 个区县已报送", "en": "{n} of {total} districts reported"},
    "rank": {"zh": "排名", "en": "Rank"},
    "open_profile": {"zh": "查看区县概况", "en": "Open district profile"},
    "selected_district": {"zh": "已选区县", "en": "Selected district"},
    "clear_selection": {"zh": "清除选择", "en": "Clear"},
    "matrix_title": {"zh": "任务分工矩阵(部门 × 任务)", "en": "Accountability matrix (departments × tasks)"},
    "leads": {"zh": "牵头任务", "en": "Leads"},
    "supports": {"zh": "配合任务", "en": "Supports"},
    "department_progress": {"zh": "部门进度(按牵头任务计)", "en": "Department progress (tasks it leads)"},
    "not_found": {"zh": "页面不存在,已显示总览。", "en": "Page not found; showing the overview."},
    "play": {"zh": "播放", "en": "Play"},
    "pause": {"zh": "暂停", "en": "Pause"},
    "unit": {"zh": "单位", "en": "Unit"},
    "gap": {"zh": "差距", "en": "Gap"},
    "city_value": {"zh": "全市数值", "en": "City value"},
    "district_value": {"zh": "区县数值", "en": "District value"},
    "small_multiples": {"zh": "各指标趋势", "en": "Trends of every indicator"},
    "status_by_task": {"zh": "各任务状态", "en": "Status by task"},
    "observations": {"zh": "观测数据", "en": "Observations"},
    "loading": {"zh": "加载中…", "en": "Loading…"},
    "bubbles": {"zh": "显示气泡", "en": "Show bubbles"},
    "target_path_note": {"zh": "虚线为从基期到目标的目标路径", "en": "Dashed line: expected path from baseline to target"},
}

STATUS_LABELS = {
    "achieved": {"zh": "已达标", "en": "Achieved"},
    "on_track": {"zh": "进度正常", "en": "On track"},
    "lagging": {"zh": "进度滞后", "en": "Lagging"},
    "off_track": {"zh": "严重滞后", "en": "Off track"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "no_target": {"zh": "无目标", "en": "No target"},
}


def t(key: str, lang: str = "zh", **fmt) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry["zh"]
    return text.format(**fmt) if fmt else text


def status_label(status: str, lang: str = "zh") -> str:
    return STATUS_LABELS.get(status, STATUS_LABELS["no_data"])[lang if lang in ("zh", "en") else "zh"]


def format_number(value: float | None, decimals: int = 0, lang: str = "zh") -> str:
    """A figure as people read it: 万 and 亿 for large counts in Chinese, separators in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("no_data", lang)
    if lang == "zh" and abs(value) >= 1e8:
        return f"{value / 1e8:,.2f}亿"
    if lang == "zh" and abs(value) >= 1e5:
        return f"{value / 1e4:,.1f}万"
    return f"{value:,.{decimals}f}"


def format_value(value: float | None, decimals: int, unit: str, lang: str = "zh") -> str:
    text = format_number(value, decimals, lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"
