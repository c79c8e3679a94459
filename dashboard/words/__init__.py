"""The catalogue: every word the dashboard, its reports and its CLI show, in Chinese and English.

One table, kept in one module per audience so that each reads in one sitting:

    app.py       the pages, exports and embeds; the status classes; AG Grid's words
    accounts.py  logging in, importing data, the import history
    reports.py   the Word, PowerPoint and PDF reports and their sentences
    cli.py       the command line
    reporting.py the reporting round (/reporting) and review of imports
    notes.py     notes on values (数据说明) and the change from the previous year
    facilities.py the venue registry: map layer, lists, templates, reports (issue 18)

Code reads the words through ``dashboard.i18n`` (``t``, ``tn``, ``status_label``...),
never from here.  A key means one thing; defining it twice fails at import.
How to add a word, and why a Python table: docs/i18n.md.
"""

from __future__ import annotations

from dashboard.words import accounts, app, cli, facilities, notes, reporting, reports

Forms = dict[str, str]


def _merge(*modules) -> dict[str, Forms]:
    words: dict[str, Forms] = {}
    for module in modules:
        for key, forms in module.WORDS.items():
            if key in words:
                raise ValueError(f"word {key!r} is defined twice ({module.__name__} and an earlier module)")
            words[key] = forms
    return words


WORDS: dict[str, Forms] = _merge(app, accounts, reports, cli, reporting, notes, facilities)

# Old names still used by code that has not moved to the new one yet: old → new.  An alias
# names the same words as its target (the two were one meaning under two keys); remove it
# once the code named beside it uses the new key.
ALIASES: dict[str, str] = {
    "other_tasks": "all_tasks",  # layouts/task.py
    "hist_col_status": "status",  # layouts/history.py
    "hist_kind_sample": "sample_short",  # layouts/history.py
    "hist_col_file": "file",  # layouts/history.py
    "up_file": "file",  # layouts/upload.py
    "hist_cancel": "cancel",  # layouts/history.py
    "export_cancel": "cancel",  # callbacks/exports.py
}

AG_GRID_ZH = app.AG_GRID_ZH

__all__ = ["AG_GRID_ZH", "ALIASES", "WORDS"]
