"""UI strings in Chinese (first) and English, and number formatting.

Every label the UI shows comes from STRINGS; a test fails when a key lacks a
language.  Names from the plan (tasks, indicators, departments) come from the
plan file in both languages, not from here.
"""

from __future__ import annotations

import math
import re

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
    # The banner's text after its bold 示例数据 label (sample_banner stands alone in reports).
    "sample_banner_detail": {"zh": "本页数字为随机生成的示例,并非实际统计数据。导入真实数据后此提示消失。",
                             "en": "the figures on this page are generated examples, not real statistics. "
                                   "This notice disappears once real data are imported."},
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
    # -- import (up_), history (hist_), login and accounts: issue 6 --
    "nav_upload": {"zh": "导入", "en": "Import"},
    "nav_history": {"zh": "历史", "en": "History"},
    "nav_login": {"zh": "登录", "en": "Log in"},
    "nav_logout": {"zh": "退出", "en": "Log out"},
    "role_viewer": {"zh": "查看者", "en": "viewer"},
    "role_editor": {"zh": "编辑", "en": "editor"},
    "role_admin": {"zh": "管理员", "en": "administrator"},
    "anonymous": {"zh": "未登录用户", "en": "anonymous users"},
    "logged_in_as": {"zh": "已登录:{user}({role})", "en": "Logged in as {user} ({role})"},
    "login_title": {"zh": "登录", "en": "Log in"},
    "login_username": {"zh": "用户名", "en": "Username"},
    "login_password": {"zh": "密码", "en": "Password"},
    "login_submit": {"zh": "登录", "en": "Log in"},
    "login_failed": {"zh": "用户名或密码不正确。", "en": "Wrong username or password."},
    "login_intro": {"zh": "编辑和管理员登录后可以导入数据、回滚导入批次;查看数据无需登录。",
                    "en": "Editors and administrators log in to import data and roll imports back; "
                          "viewing needs no login."},
    "login_intro_required": {"zh": "请登录后查看仪表盘。", "en": "Log in to view the dashboard."},
    "login_accounts": {"zh": "账号由管理员在命令行创建:kepu users create 用户名 --role editor",
                       "en": "An administrator creates accounts on the command line: "
                             "kepu users create NAME --role editor"},
    "login_already": {"zh": "已登录为 {user}({role})。", "en": "You are logged in as {user} ({role})."},
    "up_title": {"zh": "导入数据", "en": "Import data"},
    "up_intro": {"zh": "上传区县和部门报送的年度数据(Excel 模板或 CSV)。系统先逐行检查并显示预览,确认后才写入;"
                       "每次导入都可以在「导入历史」中整批回滚。",
                 "en": "Upload the yearly figures districts and departments send (the Excel template or a CSV). "
                       "Every row is checked and previewed; nothing is written until you confirm, and every "
                       "import can be rolled back as a whole under History."},
    "up_need_editor": {"zh": "导入数据需要编辑账号。", "en": "Importing data needs an editor account."},
    "up_need_login": {"zh": "请先登录", "en": "Log in"},
    "up_wrong_role": {"zh": "当前账号 {user} 是{role},不能导入;请联系管理员。",
                      "en": "The account {user} is a {role} and may not import; ask an administrator."},
    "up_acting_as": {"zh": "导入人:{user}({role})", "en": "Importing as {user} ({role})"},
    "up_step_template": {"zh": "1. 下载模板", "en": "1. Download the template"},
    "up_template_help": {"zh": "模板由规划生成:每行一个指标 × 区县 × 年份,只填黄色列;「说明」表列出每个指标的定义和单位。"
                               "也可以上传相同列的 CSV。",
                         "en": "Generated from the plan: one row per indicator × district × year; fill in the "
                               "yellow columns only. The notes sheet defines every indicator and its unit. "
                               "A CSV with the same columns works too."},
    "up_template_xlsx": {"zh": "下载 Excel 模板", "en": "Download the Excel template"},
    "up_template_csv": {"zh": "下载 CSV 模板", "en": "Download the CSV template"},
    "up_template_file": {"zh": "科普监测数据填报模板", "en": "harbin-science-literacy-template"},
    "up_step_upload": {"zh": "2. 上传文件", "en": "2. Upload a file"},
    "up_drop": {"zh": "把文件拖到这里,或", "en": "Drop a file here, or"},
    "up_choose": {"zh": "选择文件", "en": "choose a file"},
    "up_accepts": {"zh": "接受 .xlsx 和 .csv 文件,最大 {size}", "en": ".xlsx or .csv, up to {size}"},
    "up_checking": {"zh": "正在检查文件…", "en": "Checking the file…"},
    "up_writing": {"zh": "正在写入…", "en": "Writing…"},
    "up_step_preview": {"zh": "3. 预览并确认", "en": "3. Preview and confirm"},
    "up_waiting": {"zh": "上传文件后,这里显示将要新增和修改的数值,以及文件中的每个问题。",
                   "en": "After an upload, this shows the values that would be added and changed, and every "
                         "problem in the file."},
    "up_file": {"zh": "文件", "en": "File"},
    "up_sheets": {"zh": "已读取工作表:{sheets}", "en": "Sheets read: {sheets}"},
    "up_refused": {"zh": "发现 {n} 个错误,文件不能导入。请在文件中改正后重新上传。",
                   "en": "The file has errors ({n}) and cannot be imported. Correct them in the file and upload it "
                         "again."},
    "up_ok": {"zh": "检查通过,可以导入。", "en": "Every row passed the checks: ready to import."},
    "up_ok_warnings": {"zh": "检查通过,可以导入;有 {n} 条提醒,请看一下。",
                       "en": "Every row passed the checks: ready to import. Please look at the warnings ({n})."},
    "up_nothing_new": {"zh": "文件中的数值与现有数据完全相同,无需导入。",
                       "en": "Every figure in the file equals the stored one: there is nothing to import."},
    "up_count_values": {"zh": "数值", "en": "Values"},
    "up_count_new": {"zh": "新增", "en": "New"},
    "up_count_changed": {"zh": "修改", "en": "Changed"},
    "up_count_unchanged": {"zh": "不变", "en": "Unchanged"},
    "up_count_errors": {"zh": "错误", "en": "Errors"},
    "up_count_warnings": {"zh": "提醒", "en": "Warnings"},
    "up_replaces_sample": {"zh": "其中 {n} 项替换示例数据", "en": "{n} of them replace sample data"},
    "up_problems": {"zh": "问题清单", "en": "Problems"},
    "up_col_type": {"zh": "类型", "en": "Type"},
    "up_error": {"zh": "错误", "en": "Error"},
    "up_warning": {"zh": "提醒", "en": "Warning"},
    "up_col_sheet": {"zh": "工作表", "en": "Sheet"},
    "up_col_row": {"zh": "行", "en": "Row"},
    "up_col_column": {"zh": "列", "en": "Column"},
    "up_col_cell": {"zh": "单元格", "en": "Cell"},
    "up_col_message": {"zh": "说明", "en": "Message"},
    "up_changes": {"zh": "将要写入的变化", "en": "Changes to be written"},
    "up_col_change": {"zh": "变化", "en": "Change"},
    "up_col_old": {"zh": "原值", "en": "Old value"},
    "up_col_new": {"zh": "新值", "en": "New value"},
    "up_kind_new": {"zh": "新增", "en": "new"},
    "up_kind_changed": {"zh": "修改", "en": "changed"},
    "up_was_sample": {"zh": "示例", "en": "sample"},
    "up_truncated": {"zh": "仅列出前 {shown} 项,共 {total} 项。", "en": "Showing the first {shown} of {total}."},
    "up_confirm": {"zh": "确认导入", "en": "Confirm import"},
    "up_confirm_help": {"zh": "确认后一次写入全部数据;如有问题,可在「导入历史」中整批回滚。",
                        "en": "Confirming writes everything in one go; if something is wrong, roll the whole "
                              "batch back under History."},
    "up_done": {"zh": "导入成功:批次 #{batch},新增 {new} 项,修改 {changed} 项,不变 {unchanged} 项。",
                "en": "Imported as batch #{batch}: {new} new, {changed} changed, {unchanged} unchanged."},
    "up_see_map": {"zh": "在地图上查看", "en": "See it on the map"},
    "up_see_history": {"zh": "查看导入历史", "en": "See the import history"},
    "up_failed": {"zh": "处理文件时出错,未写入任何数据。请重试;如仍出错,请把文件发给管理员。",
                  "en": "Something went wrong while handling the file; nothing was written. Try again, or send "
                        "the file to an administrator."},
    "up_no_preview": {"zh": "请先上传文件并查看预览,再确认导入。", "en": "Upload a file and check its preview before confirming."},
    "up_bad_upload": {"zh": "无法读取上传的内容,请重新选择文件。", "en": "The upload could not be read; choose the file again."},
    "denied_import": {"zh": "无权限:{who}不能导入数据(需要编辑账号)。未写入任何数据。",
                      "en": "Permission denied: {who} may not import data (an editor account is needed). "
                            "Nothing was written."},
    "denied_rollback": {"zh": "无权限:{who}不能回滚导入(需要编辑账号)。未做任何修改。",
                        "en": "Permission denied: {who} may not roll imports back (an editor account is needed). "
                              "Nothing was changed."},
    "denied_clear": {"zh": "无权限:{who}不能清除示例数据(需要管理员账号)。未做任何修改。",
                     "en": "Permission denied: {who} may not clear sample data (an administrator account is "
                           "needed). Nothing was changed."},
    "hist_title": {"zh": "导入历史", "en": "Import history"},
    "hist_intro": {"zh": "每次导入是一个批次,记录导入人、时间、文件和校验值。回滚会恢复该批次替换的原值、删除它新增的数值;"
                         "历史记录本身保留不删。",
                   "en": "Every import is a batch recording who, when, which file and its checksum. Rolling a "
                         "batch back restores the values it replaced and removes those it added; the history "
                         "itself is kept."},
    "hist_col_batch": {"zh": "批次", "en": "Batch"},
    "hist_col_kind": {"zh": "类型", "en": "Kind"},
    "hist_kind_import": {"zh": "导入", "en": "import"},
    "hist_kind_sample": {"zh": "示例数据", "en": "sample data"},
    "hist_col_who": {"zh": "导入人", "en": "By"},
    "hist_col_when": {"zh": "时间(北京时间)", "en": "Time (UTC+8)"},
    "hist_col_file": {"zh": "文件", "en": "File"},
    "hist_col_checksum": {"zh": "校验值", "en": "Checksum"},
    "hist_col_counts": {"zh": "新增 / 修改 / 不变", "en": "New / changed / unchanged"},
    "hist_col_status": {"zh": "状态", "en": "Status"},
    "hist_col_action": {"zh": "操作", "en": "Action"},
    "hist_active": {"zh": "有效", "en": "active"},
    "hist_rolled_back": {"zh": "已回滚", "en": "rolled back"},
    "hist_rolled_back_by": {"zh": "{who} · {when}", "en": "by {who}, {when}"},
    "hist_rollback": {"zh": "回滚", "en": "Roll back"},
    "hist_rollback_label": {"zh": "回滚批次 #{batch}", "en": "Roll back batch #{batch}"},
    "hist_empty": {"zh": "还没有任何批次。", "en": "There are no batches yet."},
    "hist_need_editor": {"zh": "回滚导入需要编辑账号。", "en": "Rolling imports back needs an editor account."},
    "hist_confirm_title": {"zh": "回滚批次 #{batch}?", "en": "Roll back batch #{batch}?"},
    "hist_confirm_body": {"zh": "文件「{file}」:将恢复该批次修改的 {changed} 项原值,删除它新增的 {new} 项。回滚会记入历史。",
                          "en": "File '{file}': this restores the {changed} values the batch changed and removes "
                                "the {new} it added. The rollback is recorded in the history."},
    "hist_cancel": {"zh": "取消", "en": "Cancel"},
    "hist_done": {"zh": "批次 #{batch} 已回滚:恢复 {restored} 项,删除 {deleted} 项。",
                  "en": "Batch #{batch} rolled back: {restored} values restored, {deleted} removed."},
    "hist_sample_gone": {"zh": "另有 {n} 项原为示例数据,示例数据已清除,这些单元格现为空。",
                         "en": "{n} cells held sample data that has since been cleared; they are now empty."},
    "hist_failed": {"zh": "操作出错,未做任何修改。请重试;如仍出错,请联系管理员。",
                    "en": "Something went wrong; nothing was changed. Try again, or ask an administrator."},
    "hist_clear_sample": {"zh": "清除示例数据", "en": "Clear sample data"},
    "hist_clear_help": {"zh": "已导入真实数据。清除示例数据后,各页面只显示真实数据,「示例数据」提示随之消失"
                              "(命令 kepu sample load 可重新生成示例数据)。",
                        "en": "Real data have been imported. Clearing the sample data leaves only real figures on "
                              "every page, and the sample-data notice goes away (kepu sample load generates it "
                              "again)."},
    "hist_clear_title": {"zh": "清除全部示例数据?", "en": "Clear all sample data?"},
    "hist_clear_body": {"zh": "将删除 {n} 项示例数值;已导入的真实数据不受影响。",
                        "en": "This deletes {n} sample values; imported figures are not touched."},
    "hist_cleared": {"zh": "已清除 {n} 项示例数据。", "en": "{n} sample values cleared."},
    "hist_no_sample": {"zh": "没有示例数据可清除。", "en": "There is no sample data to clear."},
    "hist_no_real": {"zh": "还没有导入真实数据,示例数据暂不清除。",
                     "en": "No real figures have been imported yet, so the sample data stays."},
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
    "population_value": {"zh": "{value} 万人", "en": "{value}"},
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
    # -- accessibility, keyboard and print: issue 7 --
    "data_table": {"zh": "数据表", "en": "Data table"},
    "table_ends": {"zh": "仅列出排名最前和最后的各 {n} 个(共 {total} 个)。",
                   "en": "Only the top and bottom {n} of {total} are listed."},
    "table_all_rows": {"zh": "在「数据」页查看全部", "en": "All rows on the Data page"},
    "ranking_ends": {"zh": "仅显示最好和最差的各 {n} 个(共 {total} 个)", "en": "best and worst {n} of {total} shown"},
    "map_hint": {"zh": "在上方“区县”列表中选择区县,或点击地图或排名中的区县。",
                 "en": "Choose a district in the District list above, or click one on the map or in the ranking."},
    "colour_by": {"zh": "着色", "en": "Colour by"},
    "map_extent": {"zh": "地图范围", "en": "Map extent"},
    "play_years": {"zh": "逐年播放", "en": "Play through the years"},
    "skip_to_content": {"zh": "跳到正文", "en": "Skip to main content"},
    "main_navigation": {"zh": "主导航", "en": "Main navigation"},
    "data_status_real": {"zh": "已导入统计数据", "en": "imported statistics"},
    "multiples_table": {"zh": "{district} 各指标逐年数值", "en": "Every indicator in {district}, by year"},
    "meeting_tasks": {"zh": "十项任务状态", "en": "Status of the ten tasks"},
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
    "export_ready": {"zh": "已生成 {name}({size}),浏览器正在下载。", "en": "{name} ({size}) is ready: your browser is downloading it."},
    "export_cancel": {"zh": "取消", "en": "Cancel"},
    "export_cancelled": {"zh": "已取消导出。", "en": "Export cancelled."},
    "export_close": {"zh": "关闭", "en": "Close"},
    "export_unavailable": {"zh": "无法导出", "en": "Export unavailable"},
    "export_failed": {"zh": "导出失败:{reason}", "en": "The export failed: {reason}"},
    "export_error": {"zh": "生成报告时出错,请稍后重试或联系管理员。", "en": "Something went wrong while building the report. "
                     "Try again later or tell the administrator."},
    "export_rest_works": {"zh": "仪表盘其他功能不受影响。", "en": "The rest of the dashboard works as usual."},
    "copy_link": {"zh": "复制链接", "en": "Copy link"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "copy_failed": {"zh": "无法自动复制:请按 Ctrl+C 复制已选中的文字。", "en": "Could not copy automatically: press Ctrl+C to copy the selected text."},
    "link_to_view": {"zh": "当前视图的链接", "en": "Link to this view"},
    "embed_code": {"zh": "嵌入代码", "en": "Embed code"},
    "embed_heading": {"zh": "把当前图表嵌入其他网页", "en": "Embed this chart in another page"},
    "embed_help": {"zh": "将下面的代码粘贴到内网网页中。嵌入页只显示一张图,图内带标题、单位、来源、数据年份和示例数据标识;"
                         "参数 chart=map(地图)、trend(趋势)或 ranking(排名)选择图表,其余参数与当前链接相同。",
                   "en": "Paste this code into an intranet page. The embed shows one chart with its title, unit, source, "
                         "as-of year and sample-data label; chart=map, trend or ranking chooses the chart, the other "
                         "parameters are those of the current link."},
    "copy_code": {"zh": "复制代码", "en": "Copy code"},
}

STATUS_LABELS = {
    "achieved": {"zh": "已达标", "en": "Achieved"},
    "on_track": {"zh": "进度正常", "en": "On track"},
    "lagging": {"zh": "进度滞后", "en": "Lagging"},
    "off_track": {"zh": "严重滞后", "en": "Off track"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "no_target": {"zh": "无目标", "en": "No target"},
}


# AG Grid's own words, in Chinese (its English is the default).
AG_GRID_ZH = {
    "noRowsToShow": "没有符合条件的数据", "loadingOoo": "加载中…", "filterOoo": "筛选…", "searchOoo": "搜索…",
    "equals": "等于", "notEqual": "不等于", "blank": "为空", "notBlank": "不为空", "empty": "请选择…",
    "lessThan": "小于", "greaterThan": "大于", "lessThanOrEqual": "小于等于", "greaterThanOrEqual": "大于等于",
    "inRange": "介于", "inRangeStart": "从", "inRangeEnd": "到", "contains": "包含", "notContains": "不包含",
    "startsWith": "开头是", "endsWith": "结尾是", "andCondition": "且", "orCondition": "或",
    "applyFilter": "应用", "resetFilter": "重置", "clearFilter": "清除", "cancelFilter": "取消",
    "selectAll": "全选", "page": "页", "of": "/", "to": "至", "more": "更多",
    "sortAscending": "升序", "sortDescending": "降序", "columnFilter": "列筛选", "ariaFilterValue": "筛选值",
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


_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _numeral(text: str) -> str:
    """一 … 十 and 十一 … 十九 as digits (the plan numbers its parts no higher)."""
    if len(text) == 2 and text[0] == "十":
        return str(10 + _NUMERALS.get(text[1], 0))
    return str(_NUMERALS[text]) if text in _NUMERALS else text


def section_label(section: str, lang: str = "zh") -> str:
    """The plan's section number as each language writes it: 三(三)1 in Chinese, 3.3.1 in English."""
    if lang != "en":
        return section
    parts = re.fullmatch(r"([一二三四五六七八九十]+)(?:[(（]([一二三四五六七八九十]+)[)）])?(\d+)?", section)
    if not parts:
        return section
    return ".".join(_numeral(p) if not p.isdigit() else p for p in parts.groups() if p)


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
