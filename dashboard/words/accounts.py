"""Words of logging in, importing data (up_) and the import history (hist_)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
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
    "login_locked": {
        "zh": "登录失败次数过多,已暂停登录。请在 {minutes} 分钟后再试。",
        "en": "Too many failed logins: logging in is paused. Try again in {minutes} min.",
    },
    "login_intro": {
        "zh": "编辑和管理员登录后可以导入数据、回滚导入批次;查看数据无需登录。",
        "en": "Editors and administrators log in to import data and roll imports back; viewing needs no login.",
    },
    "login_intro_required": {"zh": "请登录后查看仪表盘。", "en": "Log in to view the dashboard."},
    "login_accounts": {
        "zh": "账号由管理员在命令行创建:kepu users create 用户名 --role editor",
        "en": "An administrator creates accounts on the command line: kepu users create NAME --role editor",
    },
    "login_already": {"zh": "已登录为 {user}({role})。", "en": "You are logged in as {user} ({role})."},
    "up_title": {"zh": "导入数据", "en": "Import data"},
    "up_intro": {
        "zh": "上传区县和部门报送的年度数据(Excel 模板或 CSV)。系统先逐行检查并显示预览,确认后才写入;"
        "每次导入都可以在「导入历史」中整批回滚。",
        "en": "Upload the yearly figures districts and departments send (the Excel template or a CSV). "
        "Every row is checked and previewed; nothing is written until you confirm, and every "
        "import can be rolled back as a whole under History.",
    },
    "up_need_editor": {"zh": "导入数据需要编辑账号。", "en": "Importing data needs an editor account."},
    "up_need_login": {"zh": "请先登录", "en": "Log in"},
    "up_wrong_role": {
        "zh": "当前账号 {user} 是{role},不能导入;请联系管理员。",
        "en": "The account {user} is a {role} and may not import; ask an administrator.",
    },
    "up_acting_as": {"zh": "导入人:{user}({role})", "en": "Importing as {user} ({role})"},
    "up_step_template": {"zh": "1. 下载模板", "en": "1. Download the template"},
    "up_template_help": {
        "zh": "模板由规划生成:每行一个指标 × 区县 × 年份,只填黄色列;"
        "「说明」表列出每个指标的定义和单位。"
        "也可以上传相同列的 CSV。",
        "en": "Generated from the plan: one row per indicator × district × year; fill in the "
        "yellow columns only. The notes sheet defines every indicator and its unit. "
        "A CSV with the same columns works too.",
    },
    "up_template_xlsx": {"zh": "下载 Excel 模板", "en": "Download the Excel template"},
    "up_template_csv": {"zh": "下载 CSV 模板", "en": "Download the CSV template"},
    "up_template_file": {"zh": "科普监测数据填报模板", "en": "science-literacy-template"},
    "up_step_upload": {"zh": "2. 上传文件", "en": "2. Upload a file"},
    "up_drop": {"zh": "把文件拖到这里,或", "en": "Drop a file here, or"},
    "up_choose": {"zh": "选择文件", "en": "choose a file"},
    "up_accepts": {"zh": "接受 .xlsx 和 .csv 文件,最大 {size}", "en": ".xlsx or .csv, up to {size}"},
    "up_checking": {"zh": "正在检查文件…", "en": "Checking the file…"},
    "up_writing": {"zh": "正在写入…", "en": "Writing…"},
    "up_step_preview": {"zh": "3. 预览并确认", "en": "3. Preview and confirm"},
    "up_waiting": {
        "zh": "上传文件后,这里显示将要新增和修改的数值,以及文件中的每个问题。",
        "en": "After an upload, this shows the values that would be added and changed, and every problem in the file.",
    },
    "file": {"zh": "文件", "en": "File"},
    "up_sheets": {"zh": "已读取工作表:{sheets}", "en": "Sheets read: {sheets}"},
    "up_refused": {
        "zh": "发现 {n} 个错误,文件不能导入。请在文件中改正后重新上传。",
        "en": "The file has errors ({n}) and cannot be imported. Correct them in the file and upload it again.",
    },
    "up_ok": {"zh": "检查通过,可以导入。", "en": "Every row passed the checks: ready to import."},
    "up_ok_warnings": {
        "zh": "检查通过,可以导入;有 {n} 条提醒,请看一下。",
        "en": "Every row passed the checks: ready to import. Please look at the warnings ({n}).",
    },
    "up_nothing_new": {
        "zh": "文件中的数值与现有数据完全相同,无需导入。",
        "en": "Every figure in the file equals the stored one: there is nothing to import.",
    },
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
    "up_confirm_help": {
        "zh": "确认后一次写入全部数据;如有问题,可在「导入历史」中整批回滚。",
        "en": "Confirming writes everything in one go; if something is wrong, roll the whole batch back under History.",
    },
    "up_done": {
        "zh": "导入成功:批次 #{batch},新增 {new} 项,修改 {changed} 项,不变 {unchanged} 项。",
        "en": "Imported as batch #{batch}: {new} new, {changed} changed, {unchanged} unchanged.",
    },
    "up_see_map": {"zh": "在地图上查看", "en": "See it on the map"},
    "up_see_history": {"zh": "查看导入历史", "en": "See the import history"},
    "up_failed": {
        "zh": "处理文件时出错,未写入任何数据。请重试;如仍出错,请把文件发给管理员。",
        "en": "Something went wrong while handling the file; nothing was written. Try again, or send "
        "the file to an administrator.",
    },
    "up_no_preview": {
        "zh": "请先上传文件并查看预览,再确认导入。",
        "en": "Upload a file and check its preview before confirming.",
    },
    "up_bad_upload": {
        "zh": "无法读取上传的内容,请重新选择文件。",
        "en": "The upload could not be read; choose the file again.",
    },
    # Who was refused, as the denied_* sentences name them (a Latin name needs a space before 不能).
    "user_named": {"zh": "{name} ", "en": "{name}"},
    "denied_import": {
        "zh": "无权限:{who}不能导入数据(需要编辑账号)。未写入任何数据。",
        "en": "Permission denied: {who} may not import data (an editor account is needed). Nothing was written.",
    },
    "denied_rollback": {
        "zh": "无权限:{who}不能回滚导入(需要编辑账号)。未做任何修改。",
        "en": "Permission denied: {who} may not roll imports back (an editor account is needed). Nothing was changed.",
    },
    "denied_clear": {
        "zh": "无权限:{who}不能清除示例数据(需要管理员账号)。未做任何修改。",
        "en": "Permission denied: {who} may not clear sample data (an administrator account is "
        "needed). Nothing was changed.",
    },
    "hist_title": {"zh": "导入历史", "en": "Import history"},
    "hist_intro": {
        "zh": "每次导入是一个批次,记录导入人、时间、文件和校验值。回滚会恢复该批次替换的原值、"
        "删除它新增的数值;"
        "历史记录本身保留不删。",
        "en": "Every import is a batch recording who, when, which file and its checksum. Rolling a "
        "batch back restores the values it replaced and removes those it added; the history "
        "itself is kept.",
    },
    "hist_col_batch": {"zh": "批次", "en": "Batch"},
    "hist_col_kind": {"zh": "类型", "en": "Kind"},
    "hist_kind_import": {"zh": "导入", "en": "import"},
    "hist_col_who": {"zh": "导入人", "en": "By"},
    "hist_col_when": {"zh": "时间(北京时间)", "en": "Time (UTC+8)"},
    "hist_col_checksum": {"zh": "校验值", "en": "Checksum"},
    "hist_col_counts": {"zh": "新增 / 修改 / 不变", "en": "New / changed / unchanged"},
    "hist_col_action": {"zh": "操作", "en": "Action"},
    "hist_active": {"zh": "有效", "en": "active"},
    "hist_rolled_back": {"zh": "已回滚", "en": "rolled back"},
    "hist_rolled_back_by": {"zh": "{who} · {when}", "en": "by {who}, {when}"},
    "hist_rollback": {"zh": "回滚", "en": "Roll back"},
    "hist_rollback_label": {"zh": "回滚批次 #{batch}", "en": "Roll back batch #{batch}"},
    "hist_empty": {"zh": "还没有任何批次。", "en": "There are no batches yet."},
    "audit_title": {"zh": "审计日志", "en": "Audit log"},
    "audit_intro": {
        "zh": "最近 {n} 条:登录和登录失败、锁定、账号变更、导入、回滚和清除示例数据(仅管理员可见)。",
        "en": "The latest {n} events: logins and failed logins, lockouts, account changes, imports, rollbacks "
        "and sample clears (administrators only).",
    },
    "audit_empty": {"zh": "还没有审计记录。", "en": "The audit log is empty."},
    "audit_col_when": {"zh": "时间", "en": "When"},
    "audit_col_event": {"zh": "事件", "en": "Event"},
    "audit_col_who": {"zh": "用户", "en": "User"},
    "audit_col_address": {"zh": "客户端地址", "en": "Client address"},
    "audit_col_what": {"zh": "内容", "en": "Details"},
    "audit_event_login": {"zh": "登录", "en": "login"},
    "audit_event_login_failed": {"zh": "登录失败", "en": "failed login"},
    "audit_event_lockout": {"zh": "锁定", "en": "lockout"},
    "audit_event_user_created": {"zh": "创建账号", "en": "account created"},
    "audit_event_role_changed": {"zh": "修改角色", "en": "role changed"},
    "audit_event_password_changed": {"zh": "修改密码", "en": "password changed"},
    "audit_event_user_deleted": {"zh": "删除账号", "en": "account deleted"},
    "audit_event_import": {"zh": "导入数据", "en": "data import"},
    "audit_event_rollback": {"zh": "回滚", "en": "rollback"},
    "audit_event_sample_cleared": {"zh": "清除示例数据", "en": "sample data cleared"},
    "hist_need_editor": {"zh": "回滚导入需要编辑账号。", "en": "Rolling imports back needs an editor account."},
    "hist_confirm_title": {"zh": "回滚批次 #{batch}?", "en": "Roll back batch #{batch}?"},
    "hist_confirm_body": {
        "zh": "文件「{file}」:将恢复该批次修改的 {changed} 项原值,删除它新增的 {new} 项。回滚会记入历史。",
        "en": "File '{file}': this restores the {changed} values the batch changed and removes "
        "the {new} it added. The rollback is recorded in the history.",
    },
    "hist_done": {
        "zh": "批次 #{batch} 已回滚:恢复 {restored} 项,删除 {deleted} 项。",
        "en": "Batch #{batch} rolled back: {restored} values restored, {deleted} removed.",
    },
    "hist_sample_gone": {
        "zh": "另有 {n} 项原为示例数据,示例数据已清除,这些单元格现为空。",
        "en": "{n} cells held sample data that has since been cleared; they are now empty.",
    },
    "hist_failed": {
        "zh": "操作出错,未做任何修改。请重试;如仍出错,请联系管理员。",
        "en": "Something went wrong; nothing was changed. Try again, or ask an administrator.",
    },
    "hist_clear_sample": {"zh": "清除示例数据", "en": "Clear sample data"},
    "hist_clear_help": {
        "zh": "已导入真实数据。清除示例数据后,各页面只显示真实数据,「示例数据」提示随之消失"
        "(命令 kepu sample load 可重新生成示例数据)。",
        "en": "Real data have been imported. Clearing the sample data leaves only real figures on "
        "every page, and the sample-data notice goes away (kepu sample load generates it "
        "again).",
    },
    "hist_clear_title": {"zh": "清除全部示例数据?", "en": "Clear all sample data?"},
    "hist_clear_body": {
        "zh": "将删除 {n} 项示例数值;已导入的真实数据不受影响。",
        "en": "This deletes {n} sample values; imported figures are not touched.",
    },
    "hist_cleared": {"zh": "已清除 {n} 项示例数据。", "en": "{n} sample values cleared."},
    "hist_no_sample": {"zh": "没有示例数据可清除。", "en": "There is no sample data to clear."},
    "hist_no_real": {
        "zh": "还没有导入真实数据,示例数据暂不清除。",
        "en": "No real figures have been imported yet, so the sample data stays.",
    },
}
