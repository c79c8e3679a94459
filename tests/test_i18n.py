"""Every UI string has Chinese and English; every key the code uses exists."""

from __future__ import annotations

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
