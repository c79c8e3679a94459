"""The plan's places in the forms geo and the pages take.

The plan file is the only place a city, its units and their history are named: geo
matches names and fits maps for whatever region it is handed, and data knows no
shapes. Each rule that needs both sides (which units a name may mean, where the
central view zooms, how much of a department's name is the city's) lives here once.
"""

from __future__ import annotations

import geopandas as gpd

import geo
from data.plan import Plan
from geo.shapes import ShapesDir

Box = tuple[float, float, float, float]


def unit_history(plan: Plan) -> geo.UnitHistory:
    """Former names and codes of the plan's units, and the units merged into them."""
    names = {u.code: u.name for u in plan.region.units}
    return geo.UnitHistory(
        former_names={u.code: u.former_names for u in plan.region.units if u.former_names},
        former_codes={old: u.code for u in plan.region.units for old in u.former_codes},
        merged={
            m.name: (
                m.into,
                m.note or f"{m.name} was merged into {names[m.into]}" + (f" in {m.year}" if m.year else ""),
            )
            for m in plan.region.merged
        },
    )


def name_index(plan: Plan, shapes_dir: ShapesDir = None) -> geo.NameIndex:
    """Names and codes of the plan's units as the shapes the app runs on know them
    (``shapes_dir`` and the plan's shape level, as the repository reads them)."""
    return geo.NameIndex.for_region(
        plan.region.code, shapes_dir, level=plan.region.shapes_level, history=unit_history(plan)
    )


def urban_bbox(plan: Plan, shapes: gpd.GeoDataFrame, decimals: int = 4) -> Box | None:
    """The box around the plan's urban units (its 中心城区), or None when it marks none."""
    urban = {u.code for u in plan.region.units if u.urban}
    chosen = shapes[shapes["code"].isin(urban)]
    if chosen.empty:
        return None
    return geo.outer_bbox(chosen.geometry.values, decimals)


def department_short_name(name: str, plan: Plan) -> str:
    """A department's name without what goes without saying in the plan's own reports.

    English names carry the city ("<City> Municipal Education Bureau", "Publicity Department of
    the CPC <City> Municipal Committee") and run to three lines in a table or on an axis; the
    city is dropped. Chinese names already say 市 (市科技局); one that starts with the city's name
    (「<城市>广播电视台」) is written the same way (「市广播电视台」)."""
    en = plan.region.name.en
    for long, short in (
        (f" of the CPC {en} Municipal Committee", " (CPC)"),
        (f"{en} Municipal Committee of the ", ""),
    ):
        name = name.replace(long, short)
    for prefix in (f"{en} Municipal ", f"{en} "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    zh = plan.region.name.zh
    if zh.endswith("市"):  # a 地区 or 州 has no such short form
        for prefix in (zh, zh.removesuffix("市")):
            if name.startswith(prefix) and len(name) > len(prefix):
                return "市" + name[len(prefix) :]
    return name
