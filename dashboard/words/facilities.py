"""Words of the venue registry (issue 18): the map's venue layer, the district page's list, the
upload page's venue template and preview, the coverage table, the briefing's new venues and the
``kepu facilities`` commands."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # -- the map ------------------------------------------------------------------------------------
    "venues": {"zh": "设施", "en": "Venues"},
    "venue_level": {"zh": "级别", "en": "Level"},
    "venue_opened": {"zh": "开放年份", "en": "Opened"},
    "venue_closed": {"zh": "关闭年份", "en": "Closed"},
    "venue_name": {"zh": "名称", "en": "Name"},
    "venue_location": {"zh": "位置", "en": "Location"},
    "venue_unlocated": {"zh": "未定位", "en": "Not located"},
    "venue_outside": {"zh": "在区县边界外 {km} 公里", "en": "{km} km outside its district"},
    "venue_rings_of": {"zh": "{type} {km} 公里范围", "en": "{type}: within {km} km"},
    "venues_unlocated_n": {"zh": "另有 {n} 个未定位(不在图上)", "en": "{n} more not located (not on the map)"},
    "venues_show": {"zh": "设施点位", "en": "Venues"},
    "venues_rings": {"zh": "服务半径", "en": "Service radius"},
    # -- the district page ----------------------------------------------------------------------------
    "venues_in_district": {"zh": "设施登记({year} 年末开放)", "en": "Venue registry (open at the end of {year})"},
    "venues_none": {
        "zh": "登记册中没有该区县 {year} 年末开放的设施。",
        "en": "The registry lists no venue open here at the end of {year}.",
    },
    "venues_summary": {
        "zh": "共 {n} 个,每万人 {per_10k} 个;其中未定位 {unlocated} 个。",
        "en": "{n} in all, {per_10k} per 10,000 residents; {unlocated} not located.",
    },
    "venues_area_share": {
        "zh": "{type} {km} 公里范围覆盖本区县面积的 {share}。",
        "en": "{share} of the district's area lies within {km} km of a {type}.",
    },
    "venues_sample_note": {
        "zh": "以下设施为示例数据(随机生成),导入正式设施名单后替换。",
        "en": "These venues are sample data (generated); an imported venue list replaces them.",
    },
    "venues_more": {
        "zh": "另有 {n} 个未列出(见数据页或导出)。",
        "en": "{n} more not listed (see the data page or an export).",
    },
    "counted_from_registry": {
        "zh": "由设施登记册计数:{types}",
        "en": "Counted from the venue registry: {types}",
    },
    "counted_disagree": {
        "zh": "{indicator}:{n} 处填报值与登记册计数不一致",
        "en": "{indicator}: {n} typed figures disagree with the registry's count",
    },
    # -- the data page and the export -------------------------------------------------------------------
    "venues_sheet": {"zh": "设施登记", "en": "Venue registry"},
    "venues_download": {"zh": "下载设施登记(CSV)", "en": "Download the venue registry (CSV)"},
    "venues_per_10k": {"zh": "每万人设施数", "en": "Venues per 10,000 residents"},
    "venues_count": {"zh": "设施数", "en": "Venues"},
    "venues_area_col": {"zh": "{type} {km} 公里覆盖面积(%)", "en": "{type} within {km} km (% of area)"},
    "venue_lon": {"zh": "经度({datum})", "en": "Longitude ({datum})"},
    "venue_lat": {"zh": "纬度({datum})", "en": "Latitude ({datum})"},
    "venue_orig": {"zh": "原始坐标", "en": "Original coordinates"},
    "venue_unit_code": {"zh": "区划代码", "en": "District code"},
    # Generated venues (data/sample_venues.py) as another language shows them.
    "venue_sample_name": {"zh": "{unit}示例{type}{n}号", "en": "{unit} sample {type} {n}"},
    "venue_sample_address": {"zh": "{unit}(示例地址)", "en": "{unit} (sample address)"},
    # -- the upload page -------------------------------------------------------------------------------
    "up_venue_template_help": {
        "zh": "设施名单(科技馆、科普教育基地、活动站等的名称、类型、区县、地址、经纬度)另有模板,"
        "上传方式相同:系统按表头识别。",
        "en": "Venue lists (names, types, districts, addresses and locations of museums, bases, stations ...) have "
        "their own template and upload the same way: the header tells them apart.",
    },
    "up_venue_template_xlsx": {"zh": "设施登记模板(Excel)", "en": "Venue template (Excel)"},
    "up_venue_template_csv": {"zh": "设施登记模板(CSV)", "en": "Venue template (CSV)"},
    "up_venue_template_file": {"zh": "设施登记模板", "en": "venue-template"},
    "up_venue_list": {"zh": "设施名单", "en": "Venue list"},
    "up_count_located": {"zh": "已定位", "en": "Located"},
    "up_count_flagged": {"zh": "位置存疑", "en": "Flagged"},
    "up_venue_changes": {"zh": "新增或修改的设施", "en": "New or changed venues"},
    "up_venue_done": {
        "zh": "已导入设施名单,批次 {batch}:新增 {new} 个,修改 {changed} 个,不变 {unchanged} 个。",
        "en": "Venue list imported as batch {batch}: {new} new, {changed} changed, {unchanged} unchanged.",
    },
    "up_see_venues": {"zh": "在地图上查看设施", "en": "See the venues on the map"},
    # -- reports ---------------------------------------------------------------------------------------
    "report_new_venues": {"zh": "{year} 年新增设施", "en": "Venues opened in {year}"},
    "report_new_venues_none": {
        "zh": "登记册中没有 {year} 年新开放的设施。",
        "en": "The registry lists no venue opened in {year}.",
    },
    "report_new_venues_more": {"zh": "另有 {n} 个未列出。", "en": "{n} more not listed."},
    # -- the command line ----------------------------------------------------------------------------
    "cli_venue_template": {"zh": "设施登记模板", "en": "venue template"},
    "cli_venues_none": {"zh": "登记册中没有设施", "en": "the registry lists no venues"},
    "cli_venue_counts": {
        "zh": "设施 {venues} 个(已定位 {located},未定位 {unlocated},位置存疑 {flagged});"
        "新增 {new},修改 {changed},不变 {unchanged}",
        "en": "{venues} venues ({located} located, {unlocated} not located, {flagged} flagged); "
        "{new} new, {changed} changed, {unchanged} unchanged",
    },
    "cli_sample_venues": {"zh": "示例设施 {n} 个(种子 {seed})", "en": "{n} sample venues (seed {seed})"},
}
