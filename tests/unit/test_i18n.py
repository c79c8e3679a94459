"""The catalogue of words: both languages for every key, one meaning per key, every key the code uses
defined, and no language chosen inline in the code (docs/i18n.md)."""

from __future__ import annotations

import ast
import re
import string
from collections import defaultdict
from pathlib import Path

import pytest

from dashboard.i18n import (
    STATUS_LABELS,
    STRINGS,
    bilingual,
    by_lang,
    field_name,
    format_number,
    format_value,
    grid_locale,
    join_sentences,
    labelled,
    lang_param,
    other_lang,
    pick,
    split_sentences,
    status_label,
    t,
    text_lang,
    tn,
)
from dashboard.words import ALIASES, WORDS
from data.plan import LANGS, Region, Text
from data.progress import Status

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


# -- the table -------------------------------------------------------------------------------------


def test_every_word_has_both_languages():
    assert [k for k, forms in WORDS.items() if set(forms) != set(LANGS) or not all(forms.values())] == []


def test_english_words_contain_no_chinese():
    assert [k for k, forms in WORDS.items() if CJK.search(forms["en"]) and k != "lang_switch"] == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Keys whose languages name different things: the English sentence says "the task" where the Chinese
# names it, and the city in a sentence is 全市 in Chinese but its name in English.
FEWER_FIELDS = {"sentence_task_status", "city_in_sentence"}


def test_both_languages_fill_the_same_placeholders():
    """Up to the ``_spaced`` (Chinese before a figure) and ``_lower`` (inside an English sentence) forms."""

    def norm(text: str) -> set[str]:
        return {f.removesuffix("_spaced").removesuffix("_lower") for f in _fields(text)}

    assert [k for k, forms in WORDS.items() if norm(forms["zh"]) != norm(forms["en"]) and k not in FEWER_FIELDS] == []


def test_words_that_depend_on_a_count_come_in_both_forms():
    ones = {k.removesuffix("_one") for k in WORDS if k.endswith("_one")}
    others = {k.removesuffix("_other") for k in WORDS if k.endswith("_other")}
    assert ones == others
    assert tn("forecast_late", 1, "en", head="H", reached=2022, late=1).endswith("1 year late.")
    assert tn("forecast_late", 2, "en", head="H", reached=2022, late=2).endswith("2 years late.")


# Keys with the same words in both languages on purpose: a link, a heading and a button that a
# translation may word differently.  Any other pair of keys with the same words is one meaning under
# two names: keep one key (and an alias in dashboard/words/__init__.py while old code uses the other).
SAME_WORDS_ON_PURPOSE = [{"nav_login", "login_title", "login_submit"}]


def test_no_two_keys_say_the_same_by_accident():
    by_words = defaultdict(set)
    for key, forms in WORDS.items():
        by_words[forms["zh"], forms["en"]].add(key)
    assert [keys for keys in by_words.values() if len(keys) > 1 and keys not in SAME_WORDS_ON_PURPOSE] == []


def test_keys_merged_from_the_report_labels_keep_one_meaning_each():
    """dashboard/reports/labels.py had its own `lead` (牵头部门) beside the UI's `lead` (牵头)."""
    assert (t("lead"), t("lead", "en")) == ("牵头", "Lead")
    assert (t("lead_departments"), t("lead_departments", "en")) == ("牵头部门", "Lead departments")
    assert t("cooperate") == "配合" and t("cooperating_departments") == "配合部门"
    assert t("indicators") == "监测指标" and t("report_indicators_title", year=2019) == "监测指标(2019 年,全市)"
    assert t("sample_short", "en") == "sample data" and t("sample_badge", "en") == "SAMPLE DATA"
    assert not (ROOT / "dashboard" / "reports" / "labels.py").exists()


def test_aliases_name_an_existing_key_and_read_the_same():
    assert [old for old, new in ALIASES.items() if old in WORDS or new not in WORDS] == []
    assert all(t(old, lang) == t(new, lang) for old, new in ALIASES.items() for lang in LANGS)


# -- status classes --------------------------------------------------------------------------------


def test_every_status_has_a_label_in_both_languages_in_the_legend_order():
    assert [status_label(s, "zh") for s in Status] == ["已达标", "进度正常", "进度滞后", "严重滞后", "无数据"]
    assert status_label(Status.off_track, "en") == "Off track" and status_label("lagging", "zh") == "进度滞后"
    assert set(STATUS_LABELS) == {s.value for s in Status} | {"no_target"}
    assert status_label("no_such_status", "en") == "No data"


def test_the_data_layer_keeps_status_codes_not_words():
    assert not any(hasattr(Status.on_track, name) for name in ("zh", "en", "label"))


# -- the API ----------------------------------------------------------------------------------------


def test_unknown_language_reads_as_chinese():
    assert t("status", "fr") == "状态" and status_label("achieved", None) == "已达标"


def test_helpers_for_urls_switches_and_typed_text():
    assert (other_lang("zh"), other_lang("en"), other_lang("xx")) == ("en", "zh", "en")
    assert (lang_param("zh"), lang_param("en"), lang_param("xx")) == ({}, {"lang": "en"}, {})
    assert text_lang("报表.xlsx", "en") == "zh-CN"
    assert text_lang("报表.xlsx", "zh") is None and text_lang("data.csv", "en") is None
    assert grid_locale("zh")["noRowsToShow"] and grid_locale("en") is None


def test_bilingual_messages_are_chinese_then_english():
    assert bilingual("cli_no_batches") == "还没有批次 / no batches yet"


def test_pick_reads_the_zh_or_en_form_of_a_plan_field():
    text = Text(zh="哈尔滨市", en="Harbin")
    assert (pick(text, "zh"), pick(text, "en"), pick(text, "fr")) == ("哈尔滨市", "Harbin", "哈尔滨市")
    unit = Region(code="230102", name="道里区", short="道里", type="区", name_en="Daoli District")
    assert pick(unit, "en", "name") == "Daoli District" and pick(unit, "zh", "short") == "道里"
    assert pick({"name": "道里区", "name_en": None}, "en", "name") == "道里区"  # no English: the Chinese
    assert field_name("name", "en") == "name_en" and field_name("name", "en", ["name"]) == "name"


def test_sentences_lists_and_labels_as_each_language_writes_them():
    assert join_sentences(["甲。", "", "乙。"], "zh") == "甲。乙。" and join_sentences(["A.", "B."], "en") == "A. B."
    assert split_sentences("甲。乙。", "zh") == ["甲。", "乙。"] and split_sentences("A. B.", "en") == ["A.", "B."]
    assert labelled("地区", "哈尔滨市", "zh") == "地区:哈尔滨市"
    assert labelled("Region", "Harbin", "en") == "Region: Harbin"


def test_large_counts_use_wan_and_yi_in_chinese():
    assert format_number(123456, 0, "zh") == "12.3万"
    assert format_number(2.5e8, 0, "zh") == "2.50亿"
    assert format_number(123456, 0, "en") == "123,456"


def test_missing_values_say_no_data():
    assert format_value(None, 1, "%", "zh") == t("no_data", "zh")
    assert format_value(float("nan"), 1, "%", "en") == "No data"
    assert format_value(11.27, 2, "%", "zh") == "11.27%"


def test_plan_section_numbers_read_as_digits_in_english():
    from dashboard.i18n import section_label

    assert section_label("三(三)1", "en") == "3.3.1"
    assert section_label("三(十)", "en") == "3.10"
    assert section_label("二", "en") == "2"
    assert section_label("三(三)1", "zh") == "三(三)1"


# -- the code uses the catalogue ------------------------------------------------------------------------

CODE_FOLDERS = ("dashboard", "layouts", "callbacks")


def _python_files(*folders: str):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_every_key_used_in_the_code_is_defined():
    single = re.compile(r"""\b(?:t|bilingual)\(\s*["']([a-z0-9_]+)["']""")
    counted = re.compile(r"""\btn\(\s*["']([a-z0-9_]+)["']""")
    used = set()
    for path in _python_files(*CODE_FOLDERS):
        text = path.read_text(encoding="utf-8")
        used |= set(single.findall(text))
        used |= {f"{key}_{form}" for key in counted.findall(text) for form in ("one", "other")}
    assert sorted(used - set(STRINGS)) == []


# The catalogue and the language helpers may name languages; nothing else may.
CATALOGUE = {"dashboard/i18n.py", "dashboard/words"}
# Files allowed a number of inline choices, with the reason (none left).
PENDING: dict[str, int] = {}


def _is_language(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in LANGS
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_is_language(e) for e in node.elts)
    return False


def language_choices(path: Path) -> list[int]:
    """Lines that compare something with "zh" or "en" (``lang == "zh"``, ``lang in ("zh", "en")``...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and any(_is_language(n) for n in (node.left, *node.comparators))
    )


def test_language_choices_are_found(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = 1 if lang == "zh" else 2\nb = x if "en" != lang else y\nc = lang in ("zh", "en")\n'
        'd = t("zh")\ne = lang == DEFAULT_LANG\n',
        encoding="utf-8",
    )
    assert language_choices(sample) == [1, 2, 3]


def test_no_language_is_chosen_inline_in_the_code():
    """Words come from the catalogue (t, pick, status_label...), not from ``x if lang == "zh" else y``."""
    found = {}
    for path in _python_files("dashboard", "data", "layouts", "callbacks"):
        rel = path.relative_to(ROOT).as_posix()
        if rel in CATALOGUE or rel.rsplit("/", 1)[0] in CATALOGUE:
            continue
        lines = language_choices(path)
        if len(lines) > PENDING.get(rel, 0):
            found[rel] = lines
    assert found == {}, f"language chosen inline (use dashboard.i18n, docs/i18n.md): {found}"


def test_layout_numbers_by_language_are_never_words():
    """by_lang(lang, zh=..., en=...) is for widths and sizes; words belong in the catalogue."""
    assert by_lang("en", zh=1, en=2) == 2 and by_lang("fr", zh=1, en=2) == 1
    offenders = []
    for path in _python_files(*CODE_FOLDERS):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            words = [
                k
                for k in getattr(node, "keywords", [])
                if isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
            ]
            if getattr(getattr(node, "func", None), "id", None) == "by_lang" and words:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# -- no Chinese typed into the code: every word comes from the catalogue (or the plan file) ---------------
UI_CODE = (
    "layouts",
    "callbacks",
    "dashboard/figures",
    "dashboard/reports",
    "dashboard/cli.py",
    "dashboard/errors.py",
    "dashboard/worker.py",
)
# (file, literal): Chinese that is not a UI string, and why.
CJK_ALLOWED = {
    # The plan file's unit types (Region.type), used as keys to find the translated label.
    ("layouts/common.py", "区"),
    ("layouts/common.py", "县"),
    ("layouts/common.py", "县级市"),
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
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and CJK.search(node.value)
    ]


def test_cjk_literals_are_found_but_not_in_comments_or_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""模块说明"""\n# 注释\nx = "全市"\ny = f"{x} 年"\n\ndef f():\n    """函数说明"""\n', encoding="utf-8"
    )
    assert [text for _, text in cjk_literals(sample)] == ["全市", " 年"]


@pytest.mark.parametrize("where", UI_CODE)
def test_ui_code_has_no_hard_coded_chinese(where):
    """Layouts, callbacks, figures, reports and the CLI take every word from the catalogue (t, bilingual...)
    or the plan file, so that English pages and documents have no Chinese left in them."""
    paths = [ROOT / where] if where.endswith(".py") else sorted((ROOT / where).rglob("*.py"))
    found = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        found += [f"{rel}:{line}: {text!r}" for line, text in cjk_literals(path) if (rel, text) not in CJK_ALLOWED]
    assert found == [], "Chinese typed into the code (add a key to dashboard/words and use t()):\n" + "\n".join(found)
