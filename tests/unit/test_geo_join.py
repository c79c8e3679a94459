"""Joining indicator rows to Harbin's districts, and resolving names."""

import pandas as pd
import pytest

import geo
from geo.join import NameIndex, normalise_code

# What the plan file records of Harbin's units (dashboard.places.unit_history reads it there).
HISTORY = geo.UnitHistory(
    former_names={"230111": ("呼兰县",), "230112": ("阿城市", "阿城县"), "230113": ("双城市", "双城县")},
    former_codes={"230121": "230111", "230181": "230112", "230182": "230113"},
    merged={
        "太平区": ("230104", "太平区 was merged into 道外区 in 2006"),
        "动力区": ("230110", "动力区 was merged into 香坊区 in 2006"),
    },
)


@pytest.fixture(scope="module")
def shapes():
    return geo.load_shapes("230100")


def rows(**columns):
    return pd.DataFrame(columns)


def join(data, shapes=None, **kw):
    return geo.join_indicators(data, shapes, region="230100", history=HISTORY, **kw)


def test_rows_join_by_code_and_keep_their_columns(shapes):
    data = rows(region_code=["230102", "230103"], value=[1.5, 2.5])
    result = join(data, shapes)
    assert list(result.joined["code"]) == ["230102", "230103"]
    assert list(result.joined["name"]) == ["道里区", "南岗区"]
    assert list(result.joined["short"]) == ["道里", "南岗"]
    assert list(result.joined["value"]) == [1.5, 2.5]
    assert set(result.joined["matched_by"]) == {"code"}
    assert result.unmatched_rows.empty


def test_codes_may_be_ints_floats_or_12_digit_statistical_codes(shapes):
    data = rows(region_code=[230102, 230103.0, "230104000000", " 230108 "])
    result = join(data, shapes)
    assert list(result.joined["code"]) == ["230102", "230103", "230104", "230108"]


def test_rows_without_code_fall_back_to_name(shapes):
    data = rows(region_code=[None, None], region_name=["道里区", "南岗区"])
    result = join(data, shapes)
    assert list(result.joined["code"]) == ["230102", "230103"]
    assert set(result.joined["matched_by"]) == {"name"}


def test_name_only_frames_join_without_a_code_column(shapes):
    result = join(rows(district=["香坊区"]), shapes, code_col=None, name_col="district")
    assert list(result.joined["code"]) == ["230110"]


@pytest.mark.parametrize(
    "name",
    [
        "道里",
        "道里区",
        " 道里区 ",
        "道 里 区",
        "哈尔滨市道里区",
        "黑龙江省哈尔滨市道里区",
        "道里区（含新区）",
        "（道里区）",
    ],
)
def test_short_full_prefixed_and_spaced_names_match(shapes, name):
    result = join(rows(region_name=[name]), shapes, code_col=None)
    assert list(result.joined["code"]) == ["230102"]


@pytest.mark.parametrize("former, code", [("双城市", "230113"), ("阿城市", "230112"), ("呼兰县", "230111")])
def test_former_names_join_to_the_renamed_district(shapes, former, code):
    result = join(rows(region_name=[former]), shapes, code_col=None)
    assert list(result.joined["code"]) == [code]
    assert list(result.joined["matched_by"]) == ["former name"]


@pytest.mark.parametrize("former, code", [("230182", "230113"), ("230181", "230112"), ("230121", "230111")])
def test_former_codes_join_to_the_renamed_district(shapes, former, code):
    result = join(rows(region_code=[former]), shapes)
    assert list(result.joined["code"]) == [code]
    assert list(result.joined["matched_by"]) == ["former code"]


def test_extra_aliases_can_be_passed(shapes):
    result = join(rows(region_name=["哈市道里"]), shapes, code_col=None, aliases={"230102": ["哈市道里"]})
    assert list(result.joined["code"]) == ["230102"]
    assert list(result.joined["matched_by"]) == ["alias"]


def test_unmatched_rows_are_reported_with_a_reason_not_dropped(shapes):
    data = rows(
        region_code=["230199", None, None, None, "230100", None, None],
        region_name=[None, "松花江区", "动力区", "全市", None, None, "宾"],
        value=range(7),
    )
    result = join(data, shapes)
    assert result.joined.empty
    assert list(result.unmatched_rows["value"]) == list(range(7))
    reasons = list(result.unmatched_rows["reason"])
    assert "unknown code 230199" in reasons[0]
    assert "unknown name" in reasons[1]
    assert "merged into 香坊区" in reasons[2]
    assert "whole region" in reasons[3]
    assert "whole region" in reasons[4]
    assert reasons[5] == "no code and no name"
    assert "unknown name" in reasons[6]
    assert len(result.joined) + len(result.unmatched_rows) == len(data)


def test_unmatched_shapes_are_the_districts_without_rows(shapes):
    result = join(rows(region_code=["230102", "230102", "230103"]), shapes)
    assert len(result.joined) == 3  # several rows per district are fine (years, indicators)
    assert set(result.unmatched_shapes["code"]) == set(shapes["code"]) - {"230102", "230103"}
    assert len(result.unmatched_shapes) == 16
    assert not result.ok


def test_a_row_whose_code_and_name_disagree_is_not_joined(shapes):
    result = join(rows(region_code=["230102"], region_name=["南岗区"]), shapes)
    assert result.joined.empty
    assert "disagree" in result.unmatched_rows["reason"].iloc[0]


def test_a_row_with_agreeing_code_and_name_joins(shapes):
    result = join(rows(region_code=["230182"], region_name=["双城区"]), shapes)
    assert list(result.joined["code"]) == ["230113"]


def test_an_unknown_code_with_a_known_name_joins_by_name_and_says_so(shapes):
    result = join(rows(region_code=["239999"], region_name=["五常市"]), shapes)
    assert list(result.joined["code"]) == ["230184"]
    assert result.joined["matched_by"].iloc[0] == "name; code not found"


def test_full_join_is_ok_and_report_says_so(shapes):
    result = join(rows(region_code=list(shapes["code"])), shapes)
    assert result.ok
    assert result.report().startswith("18 rows joined to 18 units")


def test_report_lists_unmatched_rows_and_shapes(shapes):
    result = join(rows(region_name=["道里", "foo"]), shapes, code_col=None)
    text = result.report()
    assert "row 1: unknown name 'foo'" in text
    assert "230103 南岗区" in text


def test_row_columns_named_like_shape_columns_are_kept_with_a_suffix(shapes):
    result = join(rows(code=["230102"], name=["x"]), shapes, code_col="code", name_col=None)
    assert list(result.joined["code"]) == ["230102"]
    assert list(result.joined["name"]) == ["道里区"]
    assert list(result.joined["name_row"]) == ["x"]
    assert list(result.joined["code_row"]) == ["230102"]


def test_keep_geometry_returns_a_geodataframe(shapes):
    result = join(rows(region_code=["230102"]), shapes, keep_geometry=True)
    assert result.joined.geometry.iloc[0].equals(shapes.geometry.iloc[0])


def test_default_shapes_are_harbin():
    assert len(join(rows(region_code=["230102"])).unmatched_shapes) == 17


def test_rows_need_a_code_or_name_column(shapes):
    with pytest.raises(ValueError, match="neither"):
        join(rows(value=[1]), shapes)


def test_ambiguous_names_are_reported_with_candidates():
    frame = pd.DataFrame({"code": ["1", "2"], "name": ["城区", "城区"], "parent": ["x", "x"]})
    index = NameIndex(frame)
    match = index.match_name("城区")
    assert match.kind == "ambiguous"
    assert match.candidates == ("1 城区", "2 城区")


# --- resolving one free-text name ----------------------------------------


@pytest.mark.parametrize(
    "text, code",
    [
        ("道里", "230102"),
        ("道里区", "230102"),
        ("南岗", "230103"),
        ("尚志", "230183"),
        ("尚志市", "230183"),
        ("依兰", "230123"),
        ("宾县", "230125"),
        ("双城市", "230113"),
        ("阿城市", "230112"),
        ("哈尔滨市松北区", "230109"),
        ("\u3000道外区\u3000", "230104"),
        ("２３０１０４", "230104"),
        ("230110", "230110"),
        (230111, "230111"),
        ("230182", "230113"),
    ],
)
def test_resolve_district_finds_the_code(text, code):
    assert geo.resolve_district(text, "230100", history=HISTORY) == code


@pytest.mark.parametrize("text", ["", None, "全市", "哈尔滨市", "哈尔滨", "市本级", "动力区", "松花江", "宾"])
def test_resolve_district_returns_none_for_non_districts(text):
    assert geo.resolve_district(text, "230100", history=HISTORY) is None


def test_match_district_explains_why():
    assert geo.match_district("全市", "230100").kind == "region"
    assert geo.match_district("市本级", "230100").kind == "city-level"
    merged = geo.match_district("太平区", "230100", history=HISTORY)
    assert merged.kind == "merged" and merged.code == "230104"
    assert geo.match_district("双城市", "230100", history=HISTORY).how == "former name"


def test_normalise_code_rejects_non_codes():
    assert normalise_code("abc") is None
    assert normalise_code(1.5) is None
    assert normalise_code(float("nan")) is None
    assert normalise_code("2301") is None
    assert normalise_code("230102.0") == "230102"


def test_without_the_plans_history_former_and_merged_names_are_unknown():
    assert geo.resolve_district("双城市", "230100") is None
    assert geo.resolve_district("230182", "230100") is None
    assert geo.match_district("太平区", "230100").kind == "unknown"


def test_the_index_reads_a_non_default_build_and_another_directory(tmp_path):
    with pytest.raises(geo.RegionNotFound, match="230100-county"):
        geo.NameIndex.for_region("230100", tmp_path, level="county")
