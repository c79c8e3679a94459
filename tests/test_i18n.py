"""Every UI string has Chinese and English; every key the code uses exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dashboard.i18n import STATUS_LABELS, STRINGS, format_number, format_value, t
from data.progress import Status

ROOT = Path(__file__).resolve().parents[1]


def test_every_string_has_both_languages():
    missing = [k for k, v in STRINGS.items() if not v.get("zh") or not v.get("en")]
    assert missing == []


def test_english_strings_contain_no_chinese():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    offenders = [k for k, v in STRINGS.items() if cjk.search(v["en"]) and k != "lang_switch"]
    assert offenders == []


def test_every_key_used_in_the_code_is_defined():
    pattern = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")
    used = set()
    for folder in ("dashboard", "layouts", "callbacks"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert sorted(used - set(STRINGS)) == []


def test_every_status_has_a_label_in_both_languages():
    for status in Status:
        assert STATUS_LABELS[status.value]["zh"] and STATUS_LABELS[status.value]["en"]


def test_large_counts_use_wan_and_yi_in_chinese():
    assert format_number(123456, 0, "zh") == "12.3万"
    assert format_number(2.5e8, 0, "zh") == "2.50亿"
    assert format_number(123456, 0, "en") == "123,456"


def test_missing_values_say_no_data():
    assert format_value(None, 1, "%", "zh") == t("no_data", "zh")
    assert format_value(float("nan"), 1, "%", "en") == "No data"
    assert format_value(11.27, 2, "%", "zh") == "11.27%"


def test_status_words_are_the_same_in_the_ui_and_in_the_progress_maths():
    for status in Status:
        assert STATUS_LABELS[status.value] == {"zh": status.zh, "en": status.en}


# -- no Chinese typed into the UI code: every word comes from STRINGS (or the plan file) -------------
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
UI_FOLDERS = ("layouts", "callbacks", "dashboard/figures")
# (file, literal): Chinese that is not a UI string, and why.
CJK_ALLOWED = {
    # The plan file's unit types (Region.type), used as keys to find the translated label.
    ("layouts/district.py", "区"), ("layouts/district.py", "县"), ("layouts/district.py", "县级市"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    """Module, class and function docstrings: documentation, not text the UI shows."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def cjk_literals(path: Path) -> list[tuple[int, str]]:
    """String literals with Chinese characters in a Python file (comments and docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            and CJK.search(node.value)]


def test_cjk_literals_are_found_but_not_in_comments_or_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""模块说明"""\n# 注释\nx = "全市"\ny = f"{x} 年"\n\ndef f():\n    """函数说明"""\n',
                      encoding="utf-8")
    assert [text for _, text in cjk_literals(sample)] == ["全市", " 年"]


def test_ui_code_has_no_hard_coded_chinese():
    """Layouts, callbacks and figures take every word from dashboard/i18n.py (t, STRINGS) or the
    plan file, so that English pages have no Chinese left in them."""
    found = []
    for folder in UI_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            found += [f"{rel}:{line}: {text!r}" for line, text in cjk_literals(path) if (rel, text) not in CJK_ALLOWED]
    assert found == [], "Chinese typed into UI code (add a key to STRINGS and use t()):\n" + "\n".join(found)


def test_plan_section_numbers_read_as_digits_in_english():
    from dashboard.i18n import section_label

    assert section_label("三(三)1", "en") == "3.3.1"
    assert section_label("三(十)", "en") == "3.10"
    assert section_label("二", "en") == "2"
    assert section_label("三(三)1", "zh") == "三(三)1"
