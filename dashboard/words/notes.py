"""Words of notes on values (数据说明) and of the change from the previous year (较上年)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # -- notes: how they read -------------------------------------------------------------------------
    "notes_title": {"zh": "数据说明", "en": "Notes on the figures"},
    "notes_column": {"zh": "数据说明", "en": "Notes"},
    "notes_empty": {"zh": "本年度暂无数据说明。", "en": "No notes for this year."},
    "note_hover_title": {"zh": "<b>数据说明</b>", "en": "<b>Notes</b>"},
    "note_with_signature": {"zh": "{text}({signature})", "en": "{text} ({signature})"},
    "note_signature_only": {"zh": "({signature})", "en": " ({signature})"},
    "note_signed": {"zh": "{who} · {when}", "en": "{who} · {when}"},
    "note_edited_by": {"zh": ";{who} 修改于 {when}", "en": "; edited by {who} on {when}"},
    "note_all_units": {"zh": "各区县", "en": "every unit"},
    "note_scope_year_text": {"zh": "{year} 年全年", "en": "the whole of {year}"},
    "note_scope_cell_text": {"zh": "{indicator} · {region} · {year} 年", "en": "{indicator} · {region} · {year}"},
    "note_scope_value_text": {
        "zh": "{indicator} · {region} · {year} 年(本数值)",
        "en": "{indicator} · {region} · {year} (this value)",
    },
    "note_marker": {"zh": "有 {n} 条说明", "en": "{n} note(s)"},
    # -- notes: writing them ----------------------------------------------------------------------------
    "note_add": {"zh": "添加说明", "en": "Add note"},
    "note_add_for": {"zh": "添加说明:{indicator}", "en": "Add note: {indicator}"},
    "note_add_year": {"zh": "整年说明", "en": "Note on the whole year"},
    "note_form_title_add": {"zh": "添加数据说明", "en": "Add a note"},
    "note_form_title_edit": {"zh": "修改数据说明", "en": "Edit a note"},
    "note_form_title_withdraw": {"zh": "撤回数据说明?", "en": "Withdraw this note?"},
    "note_form_about": {"zh": "说明对象", "en": "About"},
    "note_form_text": {"zh": "说明内容", "en": "Note"},
    "note_form_text_help": {
        "zh": "最多 {limit} 字。说明会显示在地图和趋势图的悬停提示、数据表、数据页及其导出和简报脚注中。",
        "en": "At most {limit} characters. The note shows in the map and trend hovers, the tables, the "
        "data page and its downloads, and as a footnote in the briefing.",
    },
    "note_scope_cell": {"zh": "本区县该年度", "en": "This unit in that year"},
    "note_scope_value": {
        "zh": "仅本数值(数值被新的导入替换后不再显示)",
        "en": "This value only (no longer shown once an import replaces it)",
    },
    "note_scope_indicator": {"zh": "本指标各区县该年度", "en": "This indicator in every unit that year"},
    "note_scope_year": {"zh": "整年说明(该年度全部指标)", "en": "The whole year (every indicator)"},
    "note_edit": {"zh": "修改", "en": "Edit"},
    "note_edit_label": {"zh": "修改说明 #{id}", "en": "Edit note #{id}"},
    "note_withdraw": {"zh": "撤回", "en": "Withdraw"},
    "note_withdraw_label": {"zh": "撤回说明 #{id}", "en": "Withdraw note #{id}"},
    "note_withdraw_body": {
        "zh": "撤回后该说明不再显示,但仍保留在数据库中(记录撤回人和时间)。",
        "en": "A withdrawn note is shown nowhere but stays in the store, with who withdrew it and when.",
    },
    "note_saved": {"zh": "说明已保存。", "en": "The note was saved."},
    "note_was_withdrawn": {"zh": "说明已撤回。", "en": "The note was withdrawn."},
    "note_denied": {
        "zh": "无权限:添加或修改说明需要编辑账号。",
        "en": "Adding or changing notes needs an editor account.",
    },
    "note_failed": {"zh": "说明未能保存,请稍后再试。", "en": "The note could not be saved; please try again."},
    "audit_event_note_added": {"zh": "添加说明", "en": "note added"},
    "audit_event_note_edited": {"zh": "修改说明", "en": "note edited"},
    "audit_event_note_withdrawn": {"zh": "撤回说明", "en": "note withdrawn"},
    # -- change from the previous year ------------------------------------------------------------------
    "change_col": {"zh": "较上年", "en": "Change"},
    "change_from": {"zh": "较 {year} 年", "en": "from {year}"},
    "change_open": {
        "zh": "{change} · {indicator}:数值变化与来源",
        "en": "{change} · {indicator}: change and where the figure came from",
    },
    "change_jump": {"zh": "超过 ±{threshold}", "en": "beyond ±{threshold}"},
    "change_jump_title": {
        "zh": "与上一年相比变化超过该指标的阈值 ±{threshold},请核对或添加说明。",
        "en": "Moved more than the indicator's threshold of ±{threshold} from the year before: check it or explain it.",
    },
    "change_popover_title": {"zh": "数值来源", "en": "Where this figure came from"},
    "change_values": {"zh": "{year} 年:{value}", "en": "{year}: {value}"},
    "batch_label": {"zh": "批次 #{id}", "en": "Batch #{id}"},
    "batch_by": {"zh": "导入人", "en": "Imported by"},
    "batch_when": {"zh": "导入时间", "en": "Imported at"},
    "batch_sample": {"zh": "示例数据(系统生成)", "en": "Sample data (generated)"},
    "batch_none": {"zh": "无数值", "en": "No figure"},
    "batch_history": {"zh": "在导入历史中查看", "en": "See it in the import history"},
    # -- the import preview -----------------------------------------------------------------------------
    "up_jumps": {"zh": "变化超过阈值的数值", "en": "Figures that moved beyond their threshold"},
    "up_jumps_help": {
        "zh": "这些数值与上一年相比的变化超过了指标设定的阈值。导入不受影响,但请核对,或在「说明」列中解释。",
        "en": "These figures moved more than their indicator's threshold from the year before. They can still be "
        "imported: check them, or explain them in the note column of the file.",
    },
    "jump_col_old": {"zh": "上一年数值", "en": "Earlier figure"},
    "jump_col_new": {"zh": "本次数值", "en": "New figure"},
    "jump_col_threshold": {"zh": "阈值", "en": "Threshold"},
    "up_count_jumps": {"zh": "变化过大", "en": "Large changes"},
    "up_notes_in_file": {
        "zh": "文件带有 {n} 条数据说明(「说明」列),将随本批次写入。",
        "en": "The file carries {n} notes (its note column); they are written with this batch.",
    },
    # -- the command line -------------------------------------------------------------------------------
    "cli_jump": {
        "zh": "变化过大 {indicator} {region} {year}:{old}({old_year} 年)→ {new}({change},阈值 ±{threshold})",
        "en": "large change {indicator} {region} {year}: {old} ({old_year}) → {new} ({change}, threshold ±{threshold})",
    },
    "cli_note_added": {"zh": "已添加说明 #{id}", "en": "note #{id} added"},
    "cli_note_edited": {"zh": "已修改说明 #{id}", "en": "note #{id} edited"},
    "cli_note_withdrawn": {"zh": "已撤回说明 #{id}", "en": "note #{id} withdrawn"},
    "cli_no_notes": {"zh": "还没有数据说明", "en": "no notes yet"},
    # -- reports ----------------------------------------------------------------------------------------
}
