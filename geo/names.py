"""Chinese administrative names: short names, unit types, normalisation.

Pure string logic, shared by the build (which writes ``short`` and ``type``
into the shapes) and by the join (which matches free-text names).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

LEVELS = ("country", "province", "city", "county")

# Provinces are few and their short names are conventional, not derivable
# (内蒙古自治区 would otherwise lose 蒙古 to the ethnic-name rule below).
PROVINCE_SHORT = {
    "北京市": "北京",
    "天津市": "天津",
    "河北省": "河北",
    "山西省": "山西",
    "内蒙古自治区": "内蒙古",
    "辽宁省": "辽宁",
    "吉林省": "吉林",
    "黑龙江省": "黑龙江",
    "上海市": "上海",
    "江苏省": "江苏",
    "浙江省": "浙江",
    "安徽省": "安徽",
    "福建省": "福建",
    "江西省": "江西",
    "山东省": "山东",
    "河南省": "河南",
    "湖北省": "湖北",
    "湖南省": "湖南",
    "广东省": "广东",
    "广西壮族自治区": "广西",
    "海南省": "海南",
    "重庆市": "重庆",
    "四川省": "四川",
    "贵州省": "贵州",
    "云南省": "云南",
    "西藏自治区": "西藏",
    "陕西省": "陕西",
    "甘肃省": "甘肃",
    "青海省": "青海",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "台湾省": "台湾",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}

# Ethnic groups as they appear in the names of autonomous units. Most are
# written with 族 (长阳土家族自治县); a few appear without it
# (伊犁哈萨克自治州, 鄂伦春自治旗), and only those may match bare, otherwise
# 长白朝鲜族自治县 would split as 长 + 白(族) + 朝鲜族.
_ETHNIC = (  # noqa: SIM905 - one string reads better than 56 quoted names
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
    "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 "
    "阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 "
    "赫哲 门巴 珞巴 基诺 各"
).split()
_ETHNIC_BARE = ("蒙古", "维吾尔", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "鄂伦春")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_ETHNIC_TOKEN = rf"(?:(?:{_alternation(_ETHNIC)})族|(?:{_alternation(_ETHNIC_BARE)}))"
_AUTONOMOUS = re.compile(rf"^(?P<base>.*?)(?P<groups>(?:{_ETHNIC_TOKEN})+)自治(?P<kind>区|州|县|旗)$")
# Ethnic districts and townships are not 自治 units but carry the group in their name
# (梅里斯达斡尔族区, 管城回族区, 大厂回族镇 is a town); maps label them by the place alone.
# Only groups written with 族 count here, so an ordinary name ending in 区 keeps its form.
_ETHNIC_PLACE = re.compile(
    rf"^(?P<base>.{{2,}}?)(?P<groups>(?:(?:{_alternation(_ETHNIC)})族)+)(?P<kind>区|乡|镇|苏木)$"
)
_FIRST_GROUP = re.compile(rf"^({_alternation(_ETHNIC)})族?")

# Suffixes stripped for the short name, longest first. A suffix is only
# stripped when at least two characters remain: 沛县 stays 沛县, 城区 stays
# 城区, 清新区 becomes 清新 (not 清), as on Chinese maps.
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "新区",
    "矿区",
    "特区",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
)
# 林区 is a unit type only for 神农架; 万柏林区, 碑林区 are ordinary 区.
_SPECIAL = {"神农架林区": ("神农架", "林区")}


def short_name(name: str) -> str:
    """Short name used on map labels: 龙沙区 → 龙沙, 讷河市 → 讷河,
    长阳土家族自治县 → 长阳, 梅里斯达斡尔族区 → 梅里斯, 鄂伦春自治旗 → 鄂伦春,
    内蒙古自治区 → 内蒙古; 沛县 stays 沛县."""
    name = (name or "").strip()
    if name in PROVINCE_SHORT:
        return PROVINCE_SHORT[name]
    if name in _SPECIAL:
        return _SPECIAL[name][0]
    m = _AUTONOMOUS.match(name)
    if m:
        base = m.group("base")
        if len(base) >= 2:
            return base
        if not base:  # 鄂伦春自治旗, 东乡族自治县: the unit is named after the group
            first = _FIRST_GROUP.match(m.group("groups"))
            assert first is not None  # every group token starts with a name of _ETHNIC
            return first.group(1)
    m = _ETHNIC_PLACE.match(name)
    if m:
        return m.group("base")
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def unit_type(name: str, level: str, code: str = "") -> str:
    """Kind of unit as written in Chinese: 区, 县, 县级市, 市, 自治县, 旗,
    省, 自治区, 直辖市, 自治州, 地区, 盟, 特别行政区, 林区, 特区.

    ``level`` is one of province, city, county; ``code`` tells a
    prefecture-level city (ends in 00) from a county-level one where the
    source lists one at the other level (东莞市 as a county, 仙桃市 as a city).
    """
    name = (name or "").strip()
    if name in _SPECIAL:
        return _SPECIAL[name][1]
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "特区", "地区"):
        if name.endswith(suffix):
            return suffix
    prefecture_code = bool(code) and code.endswith("00")
    if name.endswith("市"):
        if level == "province":
            return "直辖市"
        if level == "county" and not prefecture_code:
            return "县级市"
        if level == "city" and code and not prefecture_code:
            return "县级市"  # 省直辖县级市 such as 仙桃市, listed among cities
        return "市"
    for suffix in ("省", "区", "县", "旗", "盟"):
        if name.endswith(suffix):
            return suffix
    return {"province": "省级", "city": "地级", "county": "县级"}.get(level, "")


_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"[(\[【].*?[)\]】]")
_PUNCT = re.compile(r"[·•・.,，、;；:：'\"“”‘’*#]")


def normalise_name(text: object) -> str:
    """Canonical form of a free-text name for matching: full-width folded
    (NFKC), spaces, bracketed notes and punctuation removed.

    「 龙沙区 」→ 龙沙区, 「龙沙区（含新区）」→ 龙沙区, 「龙 沙」→ 龙沙."""
    if text is None:
        return ""
    try:
        if text != text:  # NaN from pandas
            return ""
    except TypeError:
        pass
    s = unicodedata.normalize("NFKC", str(text))
    unbracketed = _BRACKETED.sub("", s)
    # keep the bracketed text when it is all there is: 「（龙沙区）」
    s = unbracketed if unbracketed.strip() else re.sub(r"[()\[\]【】]", "", s)
    s = _PUNCT.sub("", s)
    return _SPACES.sub("", s)


def name_keys(name: str) -> list[str]:
    """Keys under which a unit can be found: its full name, its short name
    and its name without the type suffix when that leaves two characters."""
    full = normalise_name(name)
    keys = [full]
    short = normalise_name(short_name(full))
    if short and short not in keys:
        keys.append(short)
    return keys
