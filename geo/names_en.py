"""English names of administrative units, as governments write them: pinyin plus the unit's kind.

铁锋区 → Tiefeng District, 龙江县 → Longjiang County, 讷河市 → Nehe City, 昂昂溪区 →
Ang'angxi District, 梅里斯达斡尔族区 → Meilisi Daur District. Names that come from
Mongolian, Manchu, Uyghur or Tibetan are not written in pinyin (齐齐哈尔 → Qiqihar, not
Qiqiha'er): the best-known ones are in ``KNOWN_NAMES``; any other banner or autonomous unit
gets pinyin and ``sure=False``, so whoever uses it knows to check it.

Needs ``pypinyin`` (MIT, pure Python, offline), imported when a name is made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .names import _AUTONOMOUS, _ETHNIC_PLACE, _ETHNIC_TOKEN, short_name, unit_type

KIND_EN = {
    "区": "District",
    "县": "County",
    "县级市": "City",
    "市": "City",
    "自治县": "Autonomous County",
    "旗": "Banner",
    "自治旗": "Autonomous Banner",
    "自治州": "Autonomous Prefecture",
    "地区": "Prefecture",
    "盟": "League",
    "林区": "Forestry District",
    "特区": "Special District",
    "省": "Province",
    "自治区": "Autonomous Region",
    "直辖市": "Municipality",
    "特别行政区": "Special Administrative Region",
}

# The groups as autonomous units' English names write them (杜尔伯特蒙古族自治县 → Dorbod Mongol
# Autonomous County), in the order of geo.names._ETHNIC.
ETHNIC_EN = {
    "蒙古": "Mongol",
    "回": "Hui",
    "藏": "Tibetan",
    "维吾尔": "Uygur",
    "苗": "Miao",
    "彝": "Yi",
    "壮": "Zhuang",
    "布依": "Bouyei",
    "朝鲜": "Korean",
    "满": "Manchu",
    "侗": "Dong",
    "瑶": "Yao",
    "白": "Bai",
    "土家": "Tujia",
    "哈尼": "Hani",
    "哈萨克": "Kazak",
    "傣": "Dai",
    "黎": "Li",
    "傈僳": "Lisu",
    "佤": "Va",
    "畲": "She",
    "高山": "Gaoshan",
    "拉祜": "Lahu",
    "水": "Shui",
    "东乡": "Dongxiang",
    "纳西": "Naxi",
    "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz",
    "土": "Tu",
    "达斡尔": "Daur",
    "仫佬": "Mulao",
    "羌": "Qiang",
    "布朗": "Blang",
    "撒拉": "Salar",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "锡伯": "Xibe",
    "阿昌": "Achang",
    "普米": "Pumi",
    "塔吉克": "Tajik",
    "怒": "Nu",
    "乌孜别克": "Uzbek",
    "俄罗斯": "Russian",
    "鄂温克": "Evenki",
    "德昂": "De'ang",
    "保安": "Bonan",
    "裕固": "Yugur",
    "京": "Gin",
    "塔塔尔": "Tatar",
    "独龙": "Derung",
    "鄂伦春": "Oroqen",
    "赫哲": "Hezhen",
    "门巴": "Monba",
    "珞巴": "Lhoba",
    "基诺": "Jino",
    "各": "Multi-Ethnic",
}

# Short names whose English form is not their pinyin as pypinyin writes it: provinces written by
# custom, places whose names are not Chinese in origin, and readings pypinyin gets wrong in a
# place name (朝阳 is Chaoyang).  Not complete: what is missing gets pinyin.
# The table is data (a gazetteer of several hundred places, the shipped plan's city among them),
# so it lives in a JSON file beside this module rather than in code.
KNOWN_NAMES: dict[str, str] = json.loads((Path(__file__).with_name("names_en.json")).read_text(encoding="utf-8"))

# 新巴尔虎左旗 → New Barag Left Banner; 科尔沁左翼中旗 → Horqin Left Middle Banner.
_SIDES = {"左翼": "Left", "右翼": "Right", "左": "Left", "右": "Right", "前": "Front", "后": "Rear", "中": "Middle"}
_SIDE_AT_END = re.compile(rf"^(?P<base>.{{2,}}?)(?P<sides>(?:{'|'.join(sorted(_SIDES, key=len, reverse=True))})+)$")
_SIDE_TOKEN = re.compile("|".join(sorted(_SIDES, key=len, reverse=True)))
_VOWEL_START = re.compile(r"^[aoe]")


@dataclass(frozen=True)
class EnglishName:
    name: str  # Tiefeng District
    short: str  # Tiefeng: a map label
    sure: bool  # False: pinyin of a name that may not be Chinese in origin (a banner, an autonomous unit)


def pinyin(chinese: str) -> str:
    """Pinyin written as a place name: one word, capitalised, ``'`` before a syllable that starts
    with a, o or e (昂昂溪 → Ang'angxi, 依安 → Yi'an), ü kept (绿园 → Lüyuan)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=True)
    word = ""
    for syllable in syllables:
        word += f"'{syllable}" if word and word[-1].isalpha() and _VOWEL_START.match(syllable) else syllable
    return word[:1].upper() + word[1:]


def place_name(chinese: str) -> tuple[str, bool]:
    """The English form of a short name and whether it is a known one (齐齐哈尔 → Qiqihar, True)."""
    if chinese in KNOWN_NAMES:
        return KNOWN_NAMES[chinese], True
    return pinyin(chinese), False


def english_name(name: str, level: str, code: str = "") -> EnglishName:
    """A unit's English name from its Chinese name, level (province, city, county) and code."""
    kind = unit_type(name, level, code)
    kind_en = KIND_EN.get(kind, "")
    short = short_name(name)
    groups: list[str] = []
    m = _AUTONOMOUS.match(name) or _ETHNIC_PLACE.match(name)
    if m and m.group("base"):  # 鄂伦春自治旗 is named after the group: it is not repeated
        groups = [ETHNIC_EN[g.removesuffix("族")] for g in re.findall(_ETHNIC_TOKEN, m.group("groups"))]
    base, sides = short, ""
    if kind in ("旗", "自治旗"):
        side = _SIDE_AT_END.match(short)
        if side:
            base = side.group("base")
            sides = " ".join(_SIDES[s] for s in _SIDE_TOKEN.findall(side.group("sides")))
    if short == name and kind_en:  # 沛县 keeps its kind in the short name too
        base = name[: -len(kind)] if name.endswith(kind) else name
    base_en, known = place_name(base)
    words = [base_en, *groups, sides, kind_en]
    full = " ".join(w for w in words if w)
    short_en = full if short == name else " ".join(w for w in (base_en, sides) if w)
    non_chinese = bool(groups) or kind in ("旗", "自治旗", "盟", "自治州", "自治县", "自治区")
    return EnglishName(name=full, short=short_en, sure=known or not non_chinese)
