"""The catalogue's API: words in Chinese (first) and English, and how each language writes them.

The words are in ``dashboard/words/`` (one table); code reads them here and
never compares ``lang`` with "zh" or "en" itself (a test fails if it does):

    t("as_of", lang, year=2019)               a word, label or sentence
    tn("forecast_late", n, lang, ...)         one whose English depends on a count (key_one / key_other)
    status_label("on_track", lang)            a status class (a data.progress.Status code)
    bilingual("chromium_missing")             「中文 / English」, for messages read in either language
    pick(text_or_record, lang[, "name"])      the zh or en form of a plan field: Text.zh/.en, name/name_en
    field_name("name", lang, table)           the column that holds a field in a language: name or name_en
    script(lang).list_sep ...                 punctuation and layout facts of a language (Script)
    by_lang(lang, zh=1.6, en=1.5)             a per-language layout number (never a word)
    join_names, join_sentences, labelled      lists, paragraphs and "label: value" as each language writes them
    format_number, format_value, axis_title, section_label
    lang_or_default, other_lang, lang_param   a bad ?lang= reads as Chinese; the switch's target; lang in URLs
    text_lang, grid_locale                    lang attribute of typed text; AG Grid's own words

Names from the plan (tasks, indicators, departments, districts) come from the
plan file in both languages, not from here.  docs/i18n.md says where words
live, how to add one and why this is a Python table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from dashboard.words import AG_GRID_ZH, ALIASES, WORDS
from data.plan import DEFAULT_LANG, LANGS, in_language
from data.progress import Status

# Every key, old names included: what ``t`` reads.
STRINGS: dict[str, dict[str, str]] = {**WORDS, **{old: WORDS[new] for old, new in ALIASES.items()}}

# The status classes of data.progress, in legend order, and the reports' "no target".
STATUS_CODES = (*(s.value for s in Status), "no_target")
# status code → {"zh": ..., "en": ...}; the words are the catalogue's status_* keys.
STATUS_LABELS: dict[str, dict[str, str]] = {code: WORDS[f"status_{code}"] for code in STATUS_CODES}

T = TypeVar("T")


def lang_or_default(lang: str | None) -> str:
    """A supported language, else the default (Chinese): what a bad ``?lang=`` falls back to."""
    return lang if lang in LANGS else DEFAULT_LANG


def other_lang(lang: str) -> str:
    """The language the switch in the navbar leads to."""
    return LANGS[(LANGS.index(lang_or_default(lang)) + 1) % len(LANGS)]


def lang_param(lang: str) -> dict[str, str]:
    """``{"lang": "en"}`` for a query string, ``{}`` for the default language (URLs carry only non-defaults)."""
    lang = lang_or_default(lang)
    return {} if lang == DEFAULT_LANG else {"lang": lang}


# -- words -------------------------------------------------------------------------------------------


def t(key: str, lang: str = "zh", **fmt: Any) -> str:
    """The catalogue's words for ``key`` in ``lang`` (Chinese if the language is unknown), filled with ``fmt``."""
    text = in_language(STRINGS[key], lang)
    return text.format(**fmt) if fmt else text


def app_title(region: str, lang: str = "zh") -> str:
    """The app's name for the plan's region, as ``region`` is written in ``lang`` (the plan's ``region.name``)."""
    return t("app_title", lang, region=region)


def app_title_short(region: str, lang: str = "zh") -> str:
    """The app's name on a phone's one-line navbar (齐齐哈尔市科学素质监测)."""
    return t("app_title_short", lang, region=region)


def tn(key: str, n: int, lang: str = "zh", **fmt: Any) -> str:
    """Words that depend on a count: ``key_one`` for 1, ``key_other`` otherwise (Chinese writes both alike)."""
    return t(f"{key}_one" if n == 1 else f"{key}_other", lang, n=n, **fmt)


def bilingual(key: str, **fmt: Any) -> str:
    """Both languages, Chinese first: for messages that cannot know the reader's language (CLI, exceptions)."""
    return " / ".join(t(key, lang, **fmt) for lang in LANGS)


def status_label(status: str, lang: str = "zh") -> str:
    """A status class in words (a code or a Status); an unknown code reads as no data."""
    code = getattr(status, "value", status)
    return t(f"status_{code}" if code in STATUS_LABELS else "status_no_data", lang)


# -- the zh or en form of what the plan and the store hold --------------------------------------------


def field_name(field: str, lang: str, available: Any = None) -> str:
    """The field (or column) holding ``field`` in ``lang``: ``name`` in Chinese, ``name_en`` in English.

    With ``available`` (a DataFrame, a dict, a list of columns) it falls back to
    the Chinese field when the other language's is not there.
    """
    lang = lang_or_default(lang)
    name = field if lang == DEFAULT_LANG else f"{field}_{lang}"
    return name if available is None or name in available else field


def pick(obj: Any, lang: str, field: str | None = None) -> str:
    """The form of a text in ``lang``, falling back to Chinese.

    ``pick(text, lang)`` reads ``.zh``/``.en`` of a plan Text, an import
    Problem or an exception (or ``["zh"]``/``["en"]`` of a mapping);
    ``pick(unit, lang, "name")`` reads ``name``/``name_en`` of a region,
    a dict or a table row.
    """

    def get(name: str) -> Any:
        return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)

    forms = {lg: get(lg if field is None else field_name(field, lg)) for lg in LANGS}
    return in_language(forms, lang)


def by_lang(lang: str, **forms: T) -> T:
    """A per-language layout number (a column width, a font size): ``by_lang(lang, zh=110, en=140)``.

    For layout only: words belong in the catalogue (a test checks that no string is chosen this way).
    """
    return forms.get(lang, forms[DEFAULT_LANG])


# -- how each language writes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Script:
    """What code needs to know about a language besides its words."""

    html_lang: str  # the lang attribute of a page or document
    list_sep: str  # between names in a list: 市科协、市科技局 / A, B
    clause_sep: str  # between clauses of one sentence
    sentence_sep: str  # between sentences of a paragraph (Chinese runs on)
    sentence_end: str  # a regular expression that splits a paragraph after each sentence
    colon: str  # between a label and its value
    latin_place_names: bool  # district names in pinyin: wider than two Chinese characters
    section_digits: bool  # the plan's section numbers as digits: 三(三)1 → 3.3.1
    file_tag: str  # added to export file names ("" for the default language)
    # Large numbers in the units people read: (from, divisor, decimals, unit), largest first.
    big_units: tuple[tuple[float, float, int, str], ...] = ()


SCRIPTS: dict[str, Script] = {
    "zh": Script(
        html_lang="zh-CN",
        list_sep="、",
        clause_sep=";",
        sentence_sep="",
        sentence_end=r"(?<=。)",
        colon=":",
        latin_place_names=False,
        section_digits=False,
        file_tag="",
        big_units=((1e8, 1e8, 2, "亿"), (1e5, 1e4, 1, "万")),
    ),
    "en": Script(
        html_lang="en",
        list_sep=", ",
        clause_sep="; ",
        sentence_sep=" ",
        sentence_end=r"(?<=\.) ",
        colon=": ",
        latin_place_names=True,
        section_digits=True,
        file_tag="en",
    ),
}


def script(lang: str) -> Script:
    return SCRIPTS[lang_or_default(lang)]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def text_lang(text: str, lang: str) -> str | None:
    """The ``lang`` attribute a text typed by someone (a file name, a note) needs on a page in ``lang``:
    Chinese on an English page is marked so that screen readers say it right; None when nothing is needed."""
    chinese = SCRIPTS[DEFAULT_LANG].html_lang
    return chinese if script(lang).html_lang != chinese and _CJK.search(text) else None


def grid_locale(lang: str) -> dict[str, str] | None:
    """AG Grid's own words in ``lang`` (its ``localeText``); None where the grid's default (English) is right."""
    return {"zh": AG_GRID_ZH}.get(lang_or_default(lang))


def join_names(names: Iterable[str], lang: str = "zh") -> str:
    """A list as each language writes it: 「市科协、市科技局」 or "A, B"."""
    return script(lang).list_sep.join(names)


def join_sentences(sentences: Iterable[str], lang: str = "zh") -> str:
    """Sentences as one paragraph (Chinese runs on; English needs spaces); empty ones are left out."""
    return script(lang).sentence_sep.join(s for s in sentences if s)


def split_sentences(text: str, lang: str = "zh") -> list[str]:
    """A paragraph as its sentences."""
    return [s for s in re.split(script(lang).sentence_end, text) if s] if text else []


def labelled(label: str, value: str, lang: str = "zh") -> str:
    """``地区:<名称>`` / ``Region: <name>``: the colon as each script writes it."""
    return f"{label}{script(lang).colon}{value}"


def axis_title(unit: str, lang: str = "zh") -> str:
    """An axis title that carries the unit and still reads when plotly rotates it: 数值(个)."""
    return t("value_with_unit", lang, unit=unit)


_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _numeral(text: str) -> str:
    """一 … 十 and 十一 … 十九 as digits (the plan numbers its parts no higher)."""
    if len(text) == 2 and text[0] == "十":
        return str(10 + _NUMERALS.get(text[1], 0))
    return str(_NUMERALS[text]) if text in _NUMERALS else text


def section_label(section: str, lang: str = "zh") -> str:
    """The plan's section number as each language writes it: 三(三)1 in Chinese, 3.3.1 in English."""
    if not script(lang).section_digits:
        return section
    parts = re.fullmatch(r"([一二三四五六七八九十]+)(?:[(（]([一二三四五六七八九十]+)[)）])?(\d+)?", section)
    if not parts:
        return section
    return ".".join(_numeral(p) if not p.isdigit() else p for p in parts.groups() if p)


def format_number(value: float | None, decimals: int = 0, lang: str = "zh") -> str:
    """A figure as people read it: 万 and 亿 for large counts in Chinese, separators in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("no_data", lang)
    for start, divisor, places, unit in script(lang).big_units:
        if abs(value) >= start:
            return f"{value / divisor:,.{places}f}{unit}"
    return f"{value:,.{decimals}f}"


def format_value(value: float | None, decimals: int, unit: str, lang: str = "zh") -> str:
    text = format_number(value, decimals, lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


__all__ = [
    "AG_GRID_ZH",
    "DEFAULT_LANG",
    "LANGS",
    "SCRIPTS",
    "STATUS_CODES",
    "STATUS_LABELS",
    "STRINGS",
    "Script",
    "axis_title",
    "bilingual",
    "by_lang",
    "field_name",
    "format_number",
    "format_value",
    "grid_locale",
    "join_names",
    "join_sentences",
    "labelled",
    "lang_or_default",
    "lang_param",
    "other_lang",
    "pick",
    "script",
    "section_label",
    "split_sentences",
    "status_label",
    "t",
    "text_lang",
    "tn",
]
