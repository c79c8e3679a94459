"""The plan's places in the forms geo and the pages take (dashboard/places.py)."""

from __future__ import annotations

import pytest

import geo
from dashboard.places import department_short_name, name_index, unit_history, urban_bbox
from dashboard.repository import Repository
from data.plan import Text
from data.store import make_engine
from layouts.departments import department_label


def test_the_plans_history_reaches_geo(plan):
    history = unit_history(plan)
    assert history.former_names["230113"] == ("双城市", "双城县")
    assert history.former_codes["230121"] == "230111"
    assert history.merged["太平区"] == ("230104", "太平区 was merged into 道外区 in 2006")


@pytest.mark.parametrize(
    "text, code",
    [("双城市", "230113"), ("230182", "230113"), ("呼兰县", "230111"), ("黑龙江省哈尔滨市道里区", "230102")],
)
def test_the_name_index_knows_former_names_and_codes(plan, text, code):
    assert name_index(plan).resolve(text) == code


def test_merged_units_are_reported_not_joined(plan):
    match = name_index(plan).match("动力区")
    assert match.kind == "merged" and match.code == "230110" and "香坊区" in match.note


def test_the_central_view_is_the_box_of_the_urban_units(plan):
    shapes = geo.load_shapes(plan.region.code)
    meta = geo.load_meta(plan.region.code)
    # the shipped metadata's central box was built from the same six districts
    assert urban_bbox(plan, shapes) == meta.central_bbox
    assert Repository(make_engine("sqlite://"), plan).central_bbox == meta.central_bbox


def test_a_plan_without_urban_units_has_no_central_box(plan):
    units = tuple(u.model_copy(update={"urban": False}) for u in plan.region.units)
    rural = plan.model_copy(update={"region": plan.region.model_copy(update={"units": units})})
    assert urban_bbox(rural, geo.load_shapes(plan.region.code)) is None


@pytest.mark.parametrize(
    "name, short",
    [
        ("Harbin Municipal Education Bureau", "Education Bureau"),
        ("Harbin Association for Science and Technology", "Association for Science and Technology"),
        ("Publicity Department of the CPC Harbin Municipal Committee", "Publicity Department (CPC)"),
        ("Harbin Municipal Committee of the Communist Youth League of China", "Communist Youth League of China"),
        ("市科技局", "市科技局"),
        ("团市委", "团市委"),
        ("哈尔滨广播电视台", "市广播电视台"),
        ("哈尔滨市市场监督管理局", "市市场监督管理局"),
    ],
)
def test_department_names_drop_the_city(plan, name, short):
    assert department_short_name(name, plan) == short


def test_department_names_drop_another_citys_name(plan):
    region = plan.region.model_copy(update={"name": Text(zh="齐齐哈尔市", en="Qiqihar")})
    other = plan.model_copy(update={"region": region})
    assert department_short_name("Qiqihar Municipal Education Bureau", other) == "Education Bureau"
    assert department_short_name("Harbin Municipal Education Bureau", other) == "Harbin Municipal Education Bureau"
    assert department_short_name("齐齐哈尔广播电视台", other) == "市广播电视台"


def test_axis_labels_abbreviate_after_the_city_is_dropped(plan):
    labels = {d.code: department_label(d, plan, "en") for d in plan.departments}
    assert labels["tuanshiwei"] == "Youth League"
    assert labels["xuanchuanbu"] == "Publicity Dept. (CPC)"
    assert labels["jiaoyu"] == "Education Bureau"
    assert department_label(plan.department_by_code["hrbtv"], plan, "zh") == "市广播电视台"
