"""Words of the reporting round (填报进度, /reporting) and of review before imports count (issue 15)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nav_reporting": {"zh": "填报进度", "en": "Reporting"},
    "role_reviewer": {"zh": "审核员", "en": "reviewer"},
    # -- the page
    "rep_intro": {
        "zh": "选定年份的填报情况:每个区县(及只填全市的指标)× 每项任务,已报多少、还缺多少、谁最后填报、何时;"
        "可设截止日期,逾期未报的单位会标出;每个单位可一键下载只含其缺报数据的导入模板。",
        "en": "The reporting round of a year: for each district (and the city's city-only indicators) × task, how "
        "many values are in, what is missing, who reported last and when; set a due date to mark the units "
        "that are late; download for any unit an import template holding only its missing values.",
    },
    "rep_title_year": {"zh": "{year} 年填报进度", "en": "reporting round {year}"},
    "rep_as_of_day": {"zh": "统计日期 {day}", "en": "as of {day}"},
    "rep_method": {
        "zh": "区县填报各自的指标,「只填全市」的指标由全市填报;一格中 n/m 为已报 / 应报的指标数。",
        "en": "Districts report their indicators, the city its city-only ones; n/m in a cell is values reported / "
        "expected.",
    },
    "rep_sample_note": {
        "zh": "示例数据不计为已报:只有导入的真实数字才算。",
        "en": "Sample data do not count as reported: only imported figures do.",
    },
    "rep_unit": {"zh": "填报单位", "en": "Unit"},
    "rep_city_row": {"zh": "{city}(只填全市的指标)", "en": "{city} (city-only indicators)"},
    "rep_total": {"zh": "合计", "en": "Total"},
    "rep_last_report": {"zh": "最近填报", "en": "Last report"},
    "rep_last_said": {"zh": "最近由 {who} 于 {when} 填报", "en": "last reported by {who} at {when}"},
    "rep_template_col": {"zh": "缺报模板", "en": "Template"},
    "rep_template_button": {"zh": "缺 {n} 项", "en": "{n} missing"},
    "rep_template_label": {
        "zh": "下载{unit}的缺报数据模板({n} 项)",
        "en": "Download the template of {unit}'s missing values ({n})",
    },
    "rep_template_file": {"zh": "待填数据", "en": "missing values"},
    "rep_nothing_missing": {"zh": "没有缺报", "en": "nothing missing"},
    "rep_not_asked": {"zh": "本单位不填报此任务的指标", "en": "this unit reports no indicator of this task"},
    "rep_grid_caption": {"zh": "{year} 年各单位各任务填报情况", "en": "Reporting {year}: units × tasks"},
    "rep_legend": {"zh": "图例", "en": "Legend"},
    "rep_state_complete": {"zh": "已齐", "en": "complete"},
    "rep_state_partial": {"zh": "部分", "en": "partial"},
    "rep_state_missing": {"zh": "未报", "en": "missing"},
    "rep_pending": {"zh": "待审核", "en": "awaiting review"},
    "rep_pending_n": {"zh": "待审核 {n}", "en": "{n} awaiting review"},
    "rep_pending_total": {"zh": "待审核 {n} 项", "en": "{n} values awaiting review"},
    "rep_overdue": {"zh": "逾期", "en": "overdue"},
    "rep_overdue_help": {"zh": "已过截止日期,尚缺 {n} 项", "en": "past the due date with {n} values missing"},
    "rep_overdue_units": {"zh": "逾期单位 {n} 个", "en": "{n} units overdue"},
    "rep_totals": {"zh": "已报 {reported} / 应报 {expected}", "en": "{reported} of {expected} values reported"},
    "rep_units_complete": {"zh": "已报齐单位 {n} / {total}", "en": "{n} of {total} units complete"},
    "rep_reported": {"zh": "已报", "en": "Reported"},
    "rep_expected": {"zh": "应报", "en": "Expected"},
    "rep_reported_of": {"zh": "已报 / 应报", "en": "Reported / expected"},
    "rep_last_by": {"zh": "最近填报人", "en": "Last reported by"},
    "rep_last_at": {"zh": "最近填报时间(北京时间)", "en": "Last reported at (Beijing time)"},
    "rep_export_xlsx": {"zh": "导出 Excel", "en": "Export Excel"},
    "rep_sheet_cells": {"zh": "明细", "en": "Cells"},
    "rep_failed": {
        "zh": "填报进度暂时无法显示,请稍后重试。",
        "en": "The reporting round cannot be shown just now; try again shortly.",
    },
    # -- due date
    "rep_due_title": {"zh": "截止日期", "en": "Due date"},
    "rep_due_label": {"zh": "本年度填报截止日期", "en": "This round's due date"},
    "rep_due_placeholder": {"zh": "如 2021-03-31", "en": "e.g. 2021-03-31"},
    "rep_due_clear": {"zh": "清除", "en": "Clear"},
    "rep_due_is": {"zh": "截止日期:{date}", "en": "Due: {date}"},
    "rep_no_due": {"zh": "未设截止日期", "en": "No due date set"},
    "rep_due_passed": {"zh": "已过截止日期", "en": "past the due date"},
    "rep_due_open": {"zh": "未到截止日期", "en": "not yet due"},
    "rep_due_set_by": {"zh": "由 {who} 于 {when} 设置", "en": "set by {who} at {when}"},
    "rep_due_need_editor": {"zh": "设置截止日期需要编辑账号。", "en": "Setting the due date needs an editor account."},
    "rep_due_bad": {
        "zh": "日期应写成 年-月-日,如 2021-03-31。",
        "en": "Write the date as year-month-day, e.g. 2021-03-31.",
    },
    "rep_due_saved": {"zh": "{year} 年截止日期已设为 {date}。", "en": "The {year} round is now due on {date}."},
    "rep_due_cleared": {"zh": "{year} 年截止日期已清除。", "en": "The {year} round's due date was cleared."},
    "denied_due_date": {
        "zh": "无权限:{who}不能设置截止日期(需要编辑账号)。未做任何修改。",
        "en": "Permission denied: {who} may not set the due date (an editor account is needed). Nothing was changed.",
    },
    # -- departments
    "rep_dept_title": {"zh": "各部门负责的指标", "en": "Indicators by lead department"},
    "rep_dept_intro": {
        "zh": "按规划「任务分工」,每个部门负责其牵头任务的指标;已报 / 应报为各单位数值之和。",
        "en": "By the plan's division of tasks, each department answers for the indicators of the tasks it "
        "leads; reported / expected counts the values of every unit.",
    },
    "rep_dept_indicators": {"zh": "{n} 个指标", "en": "{n} indicators"},
    "rep_dept_indicators_col": {"zh": "指标", "en": "Indicators"},
    # -- review
    "rep_review_title": {"zh": "待审核的导入", "en": "Imports awaiting review"},
    "rep_review_intro": {
        "zh": "待审核的数值在审核通过前不计入地图、状态、汇总、导出和简报;退回须说明理由,数据保持原样。",
        "en": "Values awaiting review count in no map, status, roll-up, export or briefing until accepted; a "
        "returned batch needs a reason and leaves the data as they were.",
    },
    "rep_review_need_reviewer": {
        "zh": "审核导入需要审核员或管理员账号。",
        "en": "Reviewing imports needs a reviewer or administrator account.",
    },
    "rep_review_none": {"zh": "没有待审核的导入。", "en": "No import is awaiting review."},
    "rep_review_off": {
        "zh": "未开启导入审核(KEPU_REVIEW_IMPORTS):导入即时生效。",
        "en": "Review of imports is off (KEPU_REVIEW_IMPORTS): imports count at once.",
    },
    "rep_batch": {"zh": "批次 #{batch}", "en": "Batch #{batch}"},
    "rep_batch_by": {"zh": "{who} 于 {when} 导入,{n} 个数值", "en": "imported by {who} at {when}, {n} values"},
    "rep_old_new": {"zh": "现值 → 新值", "en": "Now → new"},
    "rep_more_cells": {"zh": "另有 {n} 个数值未列出", "en": "{n} more values not listed"},
    "rep_accept": {"zh": "通过", "en": "Accept"},
    "rep_return": {"zh": "退回", "en": "Return"},
    "rep_reason_label": {"zh": "退回理由", "en": "Reason for returning"},
    "rep_accepted": {
        "zh": "批次 #{batch} 已审核通过:新增 {new} 个、修改 {changed} 个数值。",
        "en": "Batch #{batch} accepted: {new} new and {changed} changed values now count.",
    },
    "rep_returned": {
        "zh": "批次 #{batch} 已退回,数据保持原样。",
        "en": "Batch #{batch} returned; the data are as they were.",
    },
    "denied_review": {
        "zh": "无权限:{who}不能审核导入(需要审核员或管理员账号)。未做任何修改。",
        "en": "Permission denied: {who} may not review imports (a reviewer or administrator account is needed). "
        "Nothing was changed.",
    },
    # -- elsewhere: the upload's result, the history, the data grid, the audit log
    "up_done_pending": {
        "zh": "已提交批次 #{batch},待审核:新增 {new} 个、修改 {changed} 个、不变 {unchanged} 个。审核通过后才计入。",
        "en": "Batch #{batch} submitted for review: {new} new, {changed} changed, {unchanged} unchanged. It counts "
        "once accepted.",
    },
    "up_see_reporting": {"zh": "查看填报进度", "en": "See the reporting round"},
    "hist_returned": {"zh": "已退回", "en": "returned"},
    "hist_reviewed_by": {"zh": "{who} 于 {when} 审核", "en": "reviewed by {who} at {when}"},
    "hist_return_reason": {"zh": "理由:{reason}", "en": "reason: {reason}"},
    "dt_pending_flag": {"zh": "待审核", "en": "Awaiting review"},
    "audit_event_review_accepted": {"zh": "审核通过", "en": "import accepted"},
    "audit_event_review_returned": {"zh": "审核退回", "en": "import returned"},
    "audit_event_due_date_set": {"zh": "设置截止日期", "en": "due date set"},
    # -- the command line
    "cli_template_needs_out": {
        "zh": "请用 --out 指定模板文件(.xlsx 或 .csv)",
        "en": "name the template file with --out (.xlsx or .csv)",
    },
    "cli_missing_needs": {
        "zh": "--missing 需要一个 --district(区县或「全市」)和至多一个 --year,且不能与 --indicator 同用",
        "en": "--missing takes one --district (or the city) and at most one --year, and no --indicator",
    },
    "cli_missing_bad_year": {"zh": "没有 {year} 年的数据", "en": "there are no data for {year}"},
    "cli_missing_template": {
        "zh": "{unit} {year} 年缺报模板({n} 行)",
        "en": "template of {unit}'s missing values for {year} ({n} rows)",
    },
    "cli_written_pending": {
        "zh": "已写入批次 {batch},待审核:审核通过后才计入(kepu review accept {batch})",
        "en": "written as batch {batch}, awaiting review: it counts once accepted (kepu review accept {batch})",
    },
    "cli_no_pending": {"zh": "没有待审核的导入", "en": "no import is awaiting review"},
    "cli_due_needs": {
        "zh": "请给出 --date YYYY-MM-DD 或 --clear 之一",
        "en": "give one of --date YYYY-MM-DD or --clear",
    },
    # -- figures that jumped: check or explain them before the meeting ------------------------------
    "rep_jumps_title": {"zh": "变化超过阈值的数值({n})", "en": "Figures beyond their change threshold ({n})"},
    "rep_jumps_intro": {
        "zh": "与上一年相比变化超过指标阈值的数值。会前请逐一核对;确认无误的,在区县页为其添加数据说明。",
        "en": "Figures that moved more than their indicator's threshold from the year before. Check each before the "
        "meeting; where a figure is right, explain it with a note on its district page.",
    },
    "rep_jumps_none": {
        "zh": "本年度没有变化超过阈值的数值。",
        "en": "No figure of this year moved beyond its threshold.",
    },
    "rep_jump_explained": {"zh": "✓ 已说明", "en": "✓ Explained"},
    "rep_jump_to_explain": {"zh": "待说明", "en": "To explain"},
    "rep_jump_write_note": {"zh": "去区县页添加说明", "en": "Add a note on its district page"},
    "rep_jump_col_note": {"zh": "说明", "en": "Note"},
}
