"""Words of the dashboard's pages: shell, overview, map, tasks, districts, departments, data, meeting
mode, exports and embeds; the status classes; AG Grid's own words in Chinese."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # The error page and a failed callback's answer (dashboard/errors.py): both languages are shown, since
    # the language of a failed request may not be known.
    "server_error_title": {"zh": "服务器出错", "en": "Server error"},
    "server_error_message": {
        "zh": "服务器出错,请稍后重试。如仍出错,请把错误编号告诉管理员。",
        "en": "Server error. Please try again; if it keeps happening, give the administrator the error id.",
    },
    "error_id": {"zh": "错误编号", "en": "error id"},
    "home": {"zh": "返回首页", "en": "Home"},
    "request_too_large": {"zh": "请求过大,已拒绝。", "en": "Request too large: refused."},
    # `kepu worker` without Redis (dashboard/worker.py).
    "worker_needs_redis": {
        "zh": "未设置 KEPU_REDIS_URL:不需要单独的后台进程,导出在应用内运行",
        "en": "KEPU_REDIS_URL is not set: without Redis, exports run inside the app",
    },
    # The plan's region names the app (dashboard.i18n.app_title): another city's plan, another title.
    "app_title": {"zh": "{region}全民科学素质行动监测", "en": "{region} Scientific Literacy Action Monitor"},
    # The navbar's brand on a phone (below the md breakpoint): one line beside the menu button.
    "app_title_short": {"zh": "{region}科学素质监测", "en": "{region} Science Literacy"},
    # The menu button of the collapsed navbar (its aria-label; aria-expanded says whether it is open).
    "menu": {"zh": "菜单", "en": "Menu"},
    "nav_overview": {"zh": "总览", "en": "Overview"},
    "nav_map": {"zh": "地图", "en": "Map"},
    "nav_task": {"zh": "任务", "en": "Tasks"},
    "nav_district": {"zh": "区县", "en": "Districts"},
    "nav_departments": {"zh": "部门", "en": "Departments"},
    "nav_data": {"zh": "数据", "en": "Data"},
    "lang_switch": {"zh": "English", "en": "中文"},
    # The navbar's plan switcher (layouts/shell.py), shown when a deployment serves several plans:
    "plan_period": {"zh": "{region} {start}—{end}年", "en": "{region} {start}–{end}"},
    # A continuing indicator (dashboard/services/continuity.py): the period it continues.
    "earlier_period": {"zh": "上一规划期({start}—{end}年)", "en": "Previous plan ({start}–{end})"},
    "carried_baseline": {
        "zh": "基线 {value}({year}年,上期末)",
        "en": "Baseline {value} ({year}, end of previous plan)",
    },
    "sample_banner": {
        "zh": "示例数据:本页数字为随机生成的示例,并非实际统计数据。导入真实数据后此提示消失。",
        "en": "Sample data: the figures on this page are generated examples, not real statistics. "
        "This notice disappears once real data are imported.",
    },
    "sample_short": {"zh": "示例数据", "en": "sample data"},
    # The label on badges and stamps (capitals in English).
    "sample_badge": {"zh": "示例数据", "en": "SAMPLE DATA"},
    # The banner's text after its bold 示例数据 label (sample_banner stands alone in reports).
    "sample_banner_detail": {
        "zh": "本页数字为随机生成的示例,并非实际统计数据。导入真实数据后此提示消失。",
        "en": "the figures on this page are generated examples, not real statistics. "
        "This notice disappears once real data are imported.",
    },
    "as_of": {"zh": "数据截至 {year} 年", "en": "Data as of {year}"},
    "source": {"zh": "来源", "en": "Source"},
    "target": {"zh": "目标", "en": "Target"},
    "value": {"zh": "数值", "en": "Value"},
    # An axis title that carries the unit and still reads when plotly rotates it.
    "value_with_unit": {"zh": "数值({unit})", "en": "Value ({unit})"},
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
    "no_target": {
        "zh": "该指标为监测指标,规划未设定量化目标。",
        "en": "Monitoring indicator: the plan sets no numeric target.",
    },
    "no_data_year": {"zh": "{year} 年暂无该指标数据。", "en": "No data for this indicator in {year}."},
    "no_data": {"zh": "暂无数据", "en": "No data"},
    "city_only": {
        "zh": "该指标仅在全市层面统计,无区县数据。",
        "en": "This indicator is only measured for the city as a whole.",
    },
    "legend_status": {"zh": "按状态", "en": "By status"},
    "legend_value": {"zh": "按数值", "en": "By value"},
    "view_all": {"zh": "全市", "en": "Whole city"},
    "view_central": {"zh": "中心城区", "en": "Central districts"},
    "ranking": {"zh": "区县排名", "en": "District ranking"},
    # The ranking on a phone shows its ends (assets/phone_charts.js); the button shows every district.
    "ranking_show_all": {"zh": "显示全部区县", "en": "Show all districts"},
    "ranking_show_ends": {"zh": "只看前 5 名和后 5 名", "en": "Top and bottom 5 only"},
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
    "dep_method": {
        "zh": "部门按其牵头任务的进度评价:得分为其牵头任务进度得分的平均值,分档标准与任务相同;"
        "配合任务单独列出,不计入评价。任务进度按全市监测指标计算。",
        "en": "Departments are judged on the tasks they lead: the score is the mean progress score of "
        "those tasks, with the same bands as tasks; tasks a department supports are listed apart "
        "and do not count. Task progress is computed from the city's monitoring indicators.",
    },
    "dep_pale": {"zh": "(配合为浅色)", "en": "(pale: cooperating)"},
    "dep_click_hint": {
        "zh": "点击矩阵中的一行可选择该部门。",
        "en": "Click a row of the matrix to choose that department.",
    },
    "dep_no_lead": {
        "zh": "该部门不牵头任何任务,不单独评价。",
        "en": "This department leads no task and is not judged on its own.",
    },
    "dep_score": {"zh": "得分", "en": "Score"},
    "dep_lead_with_data": {"zh": "{n}/{total} 项牵头任务有数据", "en": "{n} of {total} lead tasks have data"},
    "dep_none_supported": {"zh": "无", "en": "None"},
    "dep_table_title": {"zh": "任务分工表(矩阵的文字版)", "en": "Division of tasks (the matrix as a table)"},
    "dep_matrix_note": {"zh": "颜色为各任务 {year} 年的进度状态", "en": "Colour: each task's status in {year}"},
    "dep_filtered": {
        "zh": "仅显示{department}牵头或配合的任务({n} 项)",
        "en": "only the tasks {department} leads or supports ({n})",
    },
    "dep_matrix_source": {
        "zh": "实施方案“任务分工”;进度为全市监测数据",
        "en": "the plan's division of tasks; progress from city monitoring data",
    },
    "dep_hint": {
        "zh": "选择部门,查看其牵头和配合的任务及进度。",
        "en": "Choose a department to see the tasks it leads and supports, and its progress.",
    },
    "indicator_code": {"zh": "指标代码", "en": "Indicator code"},
    "indicator_name": {"zh": "指标名称", "en": "Indicator"},
    "numerator": {"zh": "分子", "en": "Numerator"},
    "denominator": {"zh": "分母", "en": "Denominator"},
    "note": {"zh": "备注", "en": "Note"},
    "sample_flag": {"zh": "示例", "en": "Sample"},
    "dt_missing_count": {"zh": "缺失 {n} 项数据", "en": "Missing: {n}"},
    "dt_rows": {"zh": "共 {n} 行", "en": "{n} rows"},
    "dt_empty": {
        "zh": "当前筛选条件下没有观测数据。请放宽任务、指标、区县或年份的筛选。",
        "en": "No observations match the current filter. Widen the task, indicator, district or year.",
    },
    "dt_missing_title": {"zh": "缺失数据(应报未报)", "en": "Missing data (expected but not reported)"},
    "dt_missing_method": {
        "zh": "应报数据:可分区县的指标按“指标 × 区县 × 年份”计,仅全市统计的指标按“指标 × 全市 × "
        "年份”计;"
        "年份:{years}。无记录或数值为空即为缺失。",
        "en": "Expected: indicator × district × year for indicators reported by district, indicator "
        "× "
        "city × year for city-only indicators; years: {years}. A cell is missing when "
        "it has no row or no value.",
    },
    "dt_goal": {"zh": "总目标", "en": "Goal"},
    "dt_no_missing": {"zh": "当前筛选范围内没有缺失数据。", "en": "Nothing is missing for the current filter."},
    "dt_grid_hint": {
        "zh": "点击表头排序,表头下方可筛选;下载内容为当前筛选(含表内筛选和排序)的结果,以“'”转义公式字符。",
        "en": "Click a header to sort, filter under the headers; downloads contain the current filter "
        "(including filters and sorting in the table), with formula characters escaped by a quote.",
    },
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
    "target_path_note": {
        "zh": "虚线为从基期到目标的目标路径",
        "en": "Dashed line: expected path from baseline to target",
    },
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
    "task_status": {"zh": "任务状态", "en": "Task status"},
    "indicator_count": {"zh": "{n} 项指标,{m} 项有数据", "en": "{n} indicators, {m} with data"},
    "task_indicators_title": {"zh": "{task} 的监测指标({year} 年)", "en": "Indicators of {task} ({year})"},
    "breakdown_note": {
        "zh": "所选指标的区县分布见下方地图和排名。",
        "en": "The map and ranking below break the selected indicator down by district.",
    },
    "population": {"zh": "常住人口", "en": "Population"},
    "population_value": {"zh": "{value} 万人", "en": "{value}"},
    "unit_type_qu": {"zh": "区", "en": "District"},
    "unit_type_xian": {"zh": "县", "en": "County"},
    "unit_type_xianjishi": {"zh": "县级市", "en": "County-level city"},
    "urban_core": {"zh": "中心城区", "en": "Central urban district"},
    "district_indicators_title": {"zh": "{district} 各项指标({year} 年)", "en": "Indicators in {district} ({year})"},
    "mappable_note": {
        "zh": "只列出有区县数据的指标;仅在全市层面统计的指标不列入。排名为在 {n} 个区县(市)中的位次。",
        "en": "Only indicators with district figures; those measured for the city as a whole are left "
        "out. "
        "Rank is the position among the {n} districts and counties.",
    },
    "where_it_ranks": {"zh": "排名位置", "en": "Where it ranks"},
    "top3": {"zh": "前三名", "en": "Top 3"},
    "bottom3": {"zh": "后三名", "en": "Bottom 3"},
    "n_indicators": {"zh": "{n} 项", "en": "{n} ind."},
    "median_rank": {"zh": "排名中位数", "en": "Median rank"},
    "rank_basis": {
        "zh": "基于 {n} 项有数据的区县指标;并列全部相同的指标不计入前后三名。",
        "en": "Based on {n} district indicators with data; indicators where every district ties are not counted.",
    },
    "choose_task_trends": {"zh": "选择任务查看指标趋势", "en": "Choose a task to see its indicator trends"},
    "multiples_legend": {
        "zh": "实线:{district}(颜色和图标表示状态);灰色虚线:全市(计数类指标为全市各区县平均值)",
        "en": "Solid line: {district} (colour and icon show status); grey dotted: city "
        "(for counts, the city's mean per district)",
    },
    "no_mappable": {
        "zh": "该任务的指标仅在全市层面统计,无区县数据。",
        "en": "This task's indicators are only measured for the city as a whole.",
    },
    "open_task": {"zh": "查看任务", "en": "Open task"},
    "rank_of": {"zh": "第 {rank}/{n} 名", "en": "{rank} of {n}"},
    "overall_goal": {"zh": "总体目标", "en": "Overall goal"},
    # -- accessibility, keyboard and print: issue 7 --
    "data_table": {"zh": "数据表", "en": "Data table"},
    "table_ends": {
        "zh": "仅列出排名最前和最后的各 {n} 个(共 {total} 个)。",
        "en": "Only the top and bottom {n} of {total} are listed.",
    },
    "table_all_rows": {"zh": "在「数据」页查看全部", "en": "All rows on the Data page"},
    "ranking_ends": {"zh": "仅显示最好和最差的各 {n} 个(共 {total} 个)", "en": "best and worst {n} of {total} shown"},
    "map_hint": {
        "zh": "在上方“区县”列表中选择区县,或点击地图或排名中的区县。",
        "en": "Choose a district in the District list above, or click one on the map or in the ranking.",
    },
    "colour_by": {"zh": "着色", "en": "Colour by"},
    "map_extent": {"zh": "地图范围", "en": "Map extent"},
    "play_years": {"zh": "逐年播放", "en": "Play through the years"},
    "skip_to_content": {"zh": "跳到正文", "en": "Skip to main content"},
    "main_navigation": {"zh": "主导航", "en": "Main navigation"},
    "data_status_real": {"zh": "已导入统计数据", "en": "imported statistics"},
    "multiples_table": {"zh": "{district} 各指标逐年数值", "en": "Every indicator in {district}, by year"},
    "meeting_tasks": {"zh": "重点任务状态", "en": "Status of the key tasks"},
    # -- accessibility and English (issue 7)
    "city_mean_per_district": {"zh": "全市(各区县平均)", "en": "City (mean per district)"},
    "dep_pale_cells": {"zh": "(浅色格)", "en": "(pale cells)"},
    # -- exports, copy link, embed
    "export_menu": {"zh": "导出", "en": "Export"},
    "export_scope": {"zh": "{year} 年 · {tasks}", "en": "{year} · {tasks}"},
    "export_all_tasks": {"zh": "全部任务", "en": "all tasks"},
    "export_docx": {"zh": "Word 简报 (.docx)", "en": "Word briefing (.docx)"},
    "export_pptx": {"zh": "PowerPoint 会议幻灯片 (.pptx)", "en": "PowerPoint meeting slides (.pptx)"},
    "export_pdf": {"zh": "一页 PDF 总览 (.pdf)", "en": "One-page PDF overview (.pdf)"},
    "export_title": {"zh": "正在导出:{what}", "en": "Exporting: {what}"},
    "export_starting": {"zh": "正在准备…", "en": "Getting ready…"},
    "export_images": {"zh": "正在生成… {done}/{total} 张图", "en": "Rendering… chart {done} of {total}"},
    "export_layout": {"zh": "正在排版…", "en": "Laying out the document…"},
    "export_finished": {"zh": "已生成", "en": "Done"},
    "export_ready": {
        "zh": "已生成 {name}({size}),浏览器正在下载。",
        "en": "{name} ({size}) is ready: your browser is downloading it.",
    },
    "save": {"zh": "保存", "en": "Save"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "export_cancelled": {"zh": "已取消导出。", "en": "Export cancelled."},
    "export_close": {"zh": "关闭", "en": "Close"},
    "export_unavailable": {"zh": "无法导出", "en": "Export unavailable"},
    "export_failed": {"zh": "导出失败:{reason}", "en": "The export failed: {reason}"},
    "export_error": {
        "zh": "生成报告时出错,请稍后重试或联系管理员。",
        "en": "Something went wrong while building the report. Try again later or tell the administrator.",
    },
    "export_rest_works": {"zh": "仪表盘其他功能不受影响。", "en": "The rest of the dashboard works as usual."},
    "copy_link": {"zh": "复制链接", "en": "Copy link"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "copy_failed": {
        "zh": "无法自动复制:请按 Ctrl+C 复制已选中的文字。",
        "en": "Could not copy automatically: press Ctrl+C to copy the selected text.",
    },
    "link_to_view": {"zh": "当前视图的链接", "en": "Link to this view"},
    "embed_code": {"zh": "嵌入代码", "en": "Embed code"},
    "embed_heading": {"zh": "把当前图表嵌入其他网页", "en": "Embed this chart in another page"},
    "embed_help": {
        "zh": "将下面的代码粘贴到内网网页中。嵌入页只显示一张图,图内带标题、单位、来源、"
        "数据年份和示例数据标识;"
        "参数 chart=map(地图)、trend(趋势)或 ranking(排名)选择图表,其余参数与当前链接相同。",
        "en": "Paste this code into an intranet page. The embed shows one chart with its title, unit, "
        "source, "
        "as-of year and sample-data label; chart=map, trend or ranking chooses the chart, the other "
        "parameters are those of the current link.",
    },
    "copy_code": {"zh": "复制代码", "en": "Copy code"},
    # -- published reference figures (data/reference/national.yaml, dashboard/services/reference.py): shown
    # beside the city's own, always saying they are published figures and whose --
    "ref_target_name": {"zh": "{region}目标:{year} 年{target}", "en": "{region} target: {target} by {year}"},
    "ref_target_value": {"zh": "{comparator}{value}", "en": "{comparator} {value}"},
    "ref_group_title": {"zh": "公开发布的数字(非本市数据)", "en": "Published figures (not the city's)"},
    "ref_headline": {"zh": "{region} {year} 年 {value}", "en": "{region} {year}: {value}"},
    "ref_comparator_above": {"zh": "高于", "en": "above"},
    "ref_comparator_at_least": {"zh": "不低于", "en": "at least"},
    "ref_title_quoted": {"zh": "《{title}》", "en": "“{title}”"},
    "ref_released": {"zh": "{date} 发布", "en": "released {date}"},
    "ref_date_released": {"zh": "{date}({released} 发布)", "en": "{date} (released {released})"},
    "ref_survey": {"zh": "{survey}({by})", "en": "{survey} ({by})"},
    "ref_not_city": {"zh": "公开发布的数字,非本市数据", "en": "a published figure, not the city's own"},
    "ref_section_title": {"zh": "公开发布的参考数据", "en": "Published reference figures"},
    "ref_section_note": {
        "zh": "以下数字由其他机构公开发布,列出来源以便核对;仅供对照,不计入本市的观测数据、汇总和状态。",
        "en": "Figures published by others, each with its source so that it can be checked; shown for comparison "
        "only, never part of the city's observations, roll-ups or status classes.",
    },
    "ref_kind": {"zh": "数据类别", "en": "Kind of figure"},
    "ref_kind_value": {"zh": "调查结果", "en": "Survey result"},
    "ref_kind_target": {"zh": "目标值", "en": "Target"},
    "ref_publisher": {"zh": "发布单位", "en": "Publisher"},
    "ref_title": {"zh": "标题", "en": "Title"},
    "ref_date": {"zh": "发布日期", "en": "Date"},
    "ref_address": {"zh": "地址", "en": "Address"},
    # -- phone (issue 17): what a page says below the md breakpoint only --
    # The button a page's filter row folds into (layouts/filters.py); its chips name the choice.
    "phone_filters": {"zh": "筛选", "en": "Filters"},
    "phone_filters_none": {"zh": "未筛选", "en": "No filter"},
    # The data page's chip with no filter chosen: the grid holds every observation.
    "phone_filters_all_data": {"zh": "全部数据", "en": "All data"},
    # The data page on a phone shows a few of the grid's columns (assets/phone_grid.js).
    "phone_data_full": {
        "zh": "手机上只显示指标、区县、年份和数值。完整表格(共 {n} 列)请下载,或在较宽的屏幕上查看。",
        "en": "A phone shows the indicator, district, year and value only. For the full table ({n} columns) "
        "download it, or open this page on a wider screen.",
    },
    # Under the overview's map on a phone: what the desktop's hover says is one tap away.
    "phone_map_tap_hint": {
        "zh": "点按地图上的区县,查看其数值和状态。",
        "en": "Tap a district on the map to see its value and status.",
    },
    # -- status classes: the codes of data.progress.Status (and no_target), named by status_label() --
    "status_achieved": {"zh": "已达标", "en": "Achieved"},
    "status_on_track": {"zh": "进度正常", "en": "On track"},
    "status_lagging": {"zh": "进度滞后", "en": "Lagging"},
    "status_off_track": {"zh": "严重滞后", "en": "Off track"},
    "status_no_data": {"zh": "无数据", "en": "No data"},
    "status_no_target": {"zh": "无目标", "en": "No target"},
}

# AG Grid's own words, in Chinese (its English is the default).
AG_GRID_ZH = {
    "noRowsToShow": "没有符合条件的数据",
    "loadingOoo": "加载中…",
    "filterOoo": "筛选…",
    "searchOoo": "搜索…",
    "equals": "等于",
    "notEqual": "不等于",
    "blank": "为空",
    "notBlank": "不为空",
    "empty": "请选择…",
    "lessThan": "小于",
    "greaterThan": "大于",
    "lessThanOrEqual": "小于等于",
    "greaterThanOrEqual": "大于等于",
    "inRange": "介于",
    "inRangeStart": "从",
    "inRangeEnd": "到",
    "contains": "包含",
    "notContains": "不包含",
    "startsWith": "开头是",
    "endsWith": "结尾是",
    "andCondition": "且",
    "orCondition": "或",
    "applyFilter": "应用",
    "resetFilter": "重置",
    "clearFilter": "清除",
    "cancelFilter": "取消",
    "selectAll": "全选",
    "page": "页",
    "of": "/",
    "to": "至",
    "more": "更多",
    "sortAscending": "升序",
    "sortDescending": "降序",
    "columnFilter": "列筛选",
    "ariaFilterValue": "筛选值",
}
