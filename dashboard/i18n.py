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
    # -- departments page (dep-) and data page (dt-) --
    "dep_method": {"zh": "部门按其牵头任务的进度评价:得分为其牵头任务进度得分的平均值,分档标准与任务相同;"
                         "配合任务单独列出,不计入评价。任务进度按全市监测指标计算。",
                   "en": "Departments are judged on the tasks they lead: the score is the mean progress score of "
                         "those tasks, with the same bands as tasks; tasks a department supports are listed apart "
                         "and do not count. Task progress is computed from the city's monitoring indicators."},
    "dep_pale": {"zh": "(配合为浅色)", "en": "(pale: cooperating)"},
    "dep_click_hint": {"zh": "点击矩阵中的一行可选择该部门。", "en": "Click a row of the matrix to choose that department."},
    "dep_no_lead": {"zh": "该部门不牵头任何任务,不单独评价。", "en": "This department leads no task and is not judged on its own."},
    "dep_score": {"zh": "得分", "en": "Score"},
    "dep_lead_with_data": {"zh": "{n}/{total} 项牵头任务有数据", "en": "{n} of {total} lead tasks have data"},
    "dep_none_supported": {"zh": "无", "en": "None"},
    "dep_table_title": {"zh": "任务分工表(矩阵的文字版)", "en": "Division of tasks (the matrix as a table)"},
    "dep_matrix_note": {"zh": "颜色为各任务 {year} 年的进度状态", "en": "Colour: each task's status in {year}"},
    "dep_filtered": {"zh": "仅显示{department}牵头或配合的任务({n} 项)",
                     "en": "only the tasks {department} leads or supports ({n})"},
    "dep_matrix_source": {"zh": "实施方案“任务分工”;进度为全市监测数据", "en": "the plan's division of tasks; progress from city monitoring data"},
    "dep_hint": {"zh": "选择部门,查看其牵头和配合的任务及进度。", "en": "Choose a department to see the tasks it leads and supports, and its progress."},
    "indicator_code": {"zh": "指标代码", "en": "Indicator code"},
    "indicator_name": {"zh": "指标名称", "en": "Indicator"},
    "numerator": {"zh": "分子", "en": "Numerator"},
    "denominator": {"zh": "分母", "en": "Denominator"},
    "note": {"zh": "备注", "en": "Note"},
    "sample_flag": {"zh": "示例", "en": "Sample"},
    "dt_missing_count": {"zh": "缺失 {n} 项数据", "en": "Missing: {n}"},
    "dt_rows": {"zh": "共 {n} 行", "en": "{n} rows"},
    "dt_empty": {"zh": "当前筛选条件下没有观测数据。请放宽任务、指标、区县或年份的筛选。",
                 "en": "No observations match the current filter. Widen the task, indicator, district or year."},
    "dt_missing_title": {"zh": "缺失数据(应报未报)", "en": "Missing data (expected but not reported)"},
    "dt_missing_method": {"zh": "应报数据:可分区县的指标按“指标 × 区县 × 年份”计,仅全市统计的指标按“指标 × 全市 × 年份”计;"
                                "年份:{years}。无记录或数值为空即为缺失。",
                          "en": "Expected: indicator × district × year for indicators reported by district, indicator × "
                                "city × year for city-only indicators; years: {years}. A cell is missing when "
                                "it has no row or no value."},
    "dt_goal": {"zh": "总目标", "en": "Goal"},
    "dt_no_missing": {"zh": "当前筛选范围内没有缺失数据。", "en": "Nothing is missing for the current filter."},
    "dt_grid_hint": {"zh": "点击表头排序,表头下方可筛选;下载内容为当前筛选(含表内筛选和排序)的结果,以“'”转义公式字符。",
                     "en": "Click a header to sort, filter under the headers; downloads contain the current filter "
                           "(including filters and sorting in the table), with formula characters escaped by a quote."},
    "all_years": {"zh": "全部年份", "en": "All years"},
    "all_tasks": {"zh": "全部任务", "en": "All tasks"},
    "all_indicators": {"zh": "全部指标", "en": "All indicators"},
    "all_districts": {"zh": "全部区县(含全市)", "en": "All districts (and the city)"},
    "loading": {"zh": "加载中…", "en": "Loading…"},
    "bubbles": {"zh": "显示气泡", "en": "Show bubbles"},
    "nav_meeting": {"zh": "大屏", "en": "Meeting mode"},
    "previous": {"zh": "上一项", "en": "Previous"},
    "next": {"zh": "下一项", "en": "Next"},
    "meeting_keys": {"zh": "← → 或空格切换任务 · P 暂停", "en": "← → or Space to step · P to pause"},
    "target_path_note": {"zh": "虚线为从基期到目标的目标路径", "en": "Dashed line: expected path from baseline to target"},
    "kind_action": {"zh": "行动", "en": "Action"},
    "kind_project": {"zh": "工程", "en": "Project"},
    "section": {"zh": "章节", "en": "Section"},
    "code": {"zh": "代码", "en": "Code"},
    "monitoring_only": {"zh": "监测指标", "en": "Monitoring only"},
    "target_type_level_by_year": {"zh": "到期达到", "en": "level by year"},
    "target_type_cumulative": {"zh": "期内累计", "en": "cumulative"},
    "target_type_every_year": {"zh": "每年", "en": "every year"},
    "target_type_full_coverage": {"zh": "全覆盖", "en": "full coverage"},
    "target_in_year": {"zh": "{year} 年", "en": "by {year}"},
    "cumulative_short": {"zh": "累计", "en": "cumulative"},
    "task_division": {"zh": "任务分工", "en": "Division of responsibilities"},
    "plan_words": {"zh": "计划原文", "en": "Text of the plan"},
    "task_intro": {"zh": "任务要求", "en": "What the task requires"},
    "other_tasks": {"zh": "全部任务", "en": "All tasks"},
    "task_status": {"zh": "任务状态", "en": "Task status"},
    "indicator_count": {"zh": "{n} 项指标,{m} 项有数据", "en": "{n} indicators, {m} with data"},
    "task_indicators_title": {"zh": "{task} 的监测指标({year} 年)", "en": "Indicators of {task} ({year})"},
    "breakdown_note": {"zh": "所选指标的区县分布见下方地图和排名。", "en": "The map and ranking below break the selected indicator down by district."},
    "population": {"zh": "常住人口", "en": "Population"},
    "population_value": {"zh": "{value} 万人", "en": "{value} × 10,000"},
    "unit_type_qu": {"zh": "区", "en": "District"},
    "unit_type_xian": {"zh": "县", "en": "County"},
    "unit_type_xianjishi": {"zh": "县级市", "en": "County-level city"},
    "urban_core": {"zh": "中心城区", "en": "Central urban district"},
    "district_indicators_title": {"zh": "{district} 各项指标({year} 年)", "en": "Indicators in {district} ({year})"},
    "mappable_note": {"zh": "只列出有区县数据的指标;仅在全市层面统计的指标不列入。排名为在 {n} 个区县(市)中的位次。",
                      "en": "Only indicators with district figures; those measured for the city as a whole are left out. "
                            "Rank is the position among the {n} districts and counties."},
    "where_it_ranks": {"zh": "排名位置", "en": "Where it ranks"},
    "top3": {"zh": "前三名", "en": "Top 3"},
    "bottom3": {"zh": "后三名", "en": "Bottom 3"},
    "n_indicators": {"zh": "{n} 项", "en": "{n} ind."},
    "median_rank": {"zh": "排名中位数", "en": "Median rank"},
    "rank_basis": {"zh": "基于 {n} 项有数据的区县指标;并列全部相同的指标不计入前后三名。",
                   "en": "Based on {n} district indicators with data; indicators where every district ties are not counted."},
    "choose_task_trends": {"zh": "选择任务查看指标趋势", "en": "Choose a task to see its indicator trends"},
    "multiples_legend": {"zh": "实线:{district}(颜色和图标表示状态);灰色虚线:全市(计数类指标为全市各区县平均值)",
                         "en": "Solid line: {district} (colour and icon show status); grey dotted: city "
                               "(for counts, the city's mean per district)"},
    "no_mappable": {"zh": "该任务的指标仅在全市层面统计,无区县数据。", "en": "This task's indicators are only measured for the city as a whole."},
    "open_task": {"zh": "查看任务", "en": "Open task"},
    "rank_of": {"zh": "第 {rank}/{n} 名", "en": "{rank} of {n}"},
    "overall_goal": {"zh": "总体目标", "en": "Overall goal"},
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


def axis_title(unit: str, lang: str = "zh") -> str:
    """An axis title that carries the unit and still reads when plotly rotates it: 数值(个)."""
    return f"{t('value', lang)}({unit})" if lang == "zh" else f"{t('value', lang)} ({unit})"


def join_names(names, lang: str = "zh") -> str:
    """A list as each language writes it: 「市科协、市科技局」 or "A, B"."""
    return ("、" if lang == "zh" else ", ").join(names)


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
