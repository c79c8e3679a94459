"""What a venue-list import can say, in the form of ``data.import_messages`` (key: severity, zh, en).

Kept apart so the registry's words read in one place; ``data.import_messages`` merges them into its
table, so a venue list's problems are ``Problem`` objects like any other file's.
"""

from __future__ import annotations

ERROR, WARNING = "error", "warning"

VENUE_MESSAGES: dict[str, tuple[str, str, str]] = {
    "venue_missing_column": (
        ERROR,
        "找不到设施登记表的表头:缺少「{columns}」列(表头须含 名称、类型,以及 区县 或 经度/纬度)",
        (
            "no header row of a venue list found: missing column(s) {columns_en} (the header needs "
            "name, type, and district or longitude/latitude)"
        ),
    ),
    "no_venues": (ERROR, "文件中没有任何设施", "the file lists no venues"),
    "unknown_facility_type": (
        ERROR,
        "未知设施类型「{value}」(规划列出的类型:{types})",
        "unknown venue type '{value}' (the plan's types: {types_en})",
    ),
    "unknown_level": (
        ERROR,
        "未知级别「{value}」(应为 国家级、省级、市级 或 区县级)",
        "unknown level '{value}' (national, provincial, city or county)",
    ),
    "venue_not_in_a_unit": (
        ERROR,
        "设施须属于一个区县,不能填「{value}」",
        "a venue belongs to a district, not to '{value}'",
    ),
    "incomplete_location": (ERROR, "经度和纬度须同时填写", "give both longitude and latitude, or neither"),
    "location_out_of_range": (
        ERROR,
        "经度 {lon}、纬度 {lat} 不是中国境内的位置(经纬度填反了,或不是以度为单位?)",
        "longitude {lon}, latitude {lat} is not a place in China (swapped, or not in degrees?)",
    ),
    "no_datum": (
        ERROR,
        "填写了经纬度却没有说明坐标系:请在「坐标系」列填写 WGS-84(GPS)、GCJ-02(高德、腾讯)或 BD-09(百度)",
        (
            "coordinates without their system: fill the 坐标系 (datum) column with WGS-84 (GPS), "
            "GCJ-02 (Amap, Tencent) or BD-09 (Baidu)"
        ),
    ),
    "unknown_datum": (
        ERROR,
        "未知坐标系「{value}」(应为 WGS-84、GCJ-02 或 BD-09)",
        "unknown coordinate system '{value}' (WGS-84, GCJ-02 or BD-09)",
    ),
    "outside_region": (
        ERROR,
        "位置在{region}范围外 {km} 公里,不能导入(坐标系填错了?)",
        "the location lies {km} km outside {region_en}; not imported (wrong coordinate system?)",
    ),
    "no_district_for_venue": (
        ERROR,
        "没有区县,也没有可以确定区县的经纬度",
        "no district, and no location to find one from",
    ),
    "outside_district": (
        WARNING,
        "位置不在{district}内:在{other}内,距{district}边界 {km} 公里;按{district}计",
        "the location is not in {district_en} but in {other_en}, {km} km from {district_en}; counted in {district_en}",
    ),
    "near_edge": (
        WARNING,
        "位置在{region}边界外 {km} 公里(边界经过简化),按最近的{district}计",
        (
            "the location lies {km} km outside {region_en} (the boundaries are simplified); "
            "counted in the nearest, {district_en}"
        ),
    ),
    "on_border": (
        WARNING,
        "位置在{district}与{other}的交界线上,按{district}计(可填写区县列指定)",
        (
            "the location lies on the border of {district_en} and {other_en}; counted in {district_en} "
            "(name the district to choose)"
        ),
    ),
    "closed_before_opened": (
        ERROR,
        "关闭年份 {closed} 早于开放年份 {opened}",
        "closed in {closed}, before it opened in {opened}",
    ),
    "duplicate_venue": (
        WARNING,
        "与第 {other_row} 行是同一设施(类型、名称、区县相同),只计一次",
        "the same venue as row {other_row} (type, name and district); counted once",
    ),
    "conflicting_venue": (
        ERROR,
        "与第 {other_row} 行是同一设施(类型、名称、区县相同),但填写的内容不同",
        "the same venue as row {other_row} (type, name and district) with different details",
    ),
    "venues_without_year": (
        WARNING,
        "{n} 个设施没有开放年份:按规划基期({year} 年)以前已开放计",
        "{n} venues have no opening year: counted as open since before the baseline year ({year})",
    ),
    "venues_without_location": (
        WARNING,
        "{n} 个设施没有经纬度:计入所在区县,在地图上列为「未定位」",
        "{n} venues have no location: counted in their district and listed as 'not located' on the map",
    ),
}

VENUE_FIELD_NAMES: dict[str, tuple[str, str]] = {
    "name": ("名称", "name"),
    "type": ("类型", "type"),
    "level": ("级别", "level"),
    "address": ("地址", "address"),
    "lon": ("经度", "longitude"),
    "lat": ("纬度", "latitude"),
    "datum": ("坐标系", "coordinate system"),
    "opened": ("开放年份", "year opened"),
    "closed": ("关闭年份", "year closed"),
}
