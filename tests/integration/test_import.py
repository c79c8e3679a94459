"""Import validation: the bad-file corpus is refused with the right message and place and
changes nothing; the clumsy-but-valid corpus is accepted with the right numbers."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from dashboard.places import name_index
from data.import_messages import ACTION_MESSAGES, MESSAGES, ImportFailure
from data.import_read import Limits
from data.import_values import indicator_key, parse_number, parse_year
from data.importer import commit_import, plan_resolver, preview_import
from data.store import observations, replace_sample_data
from data.users import Role, User
from tests.support.paths import CORPUS
from tests.support.store import dump, sqlite_bytes

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
EDITOR = User("editor1", Role.editor)


# -- parsing what people type ------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, value, percent",
    [
        ("１２３", 123.0, False),
        ("1,234", 1234.0, False),
        ("1，234.5", 1234.5, False),
        ("3 456", 3456.0, False),
        (" 15 ", 15.0, False),
        ("45%", 45.0, True),
        ("45.5 ％", 45.5, True),
        ("12.5万人次", 12.5, False),
        ("—", None, False),
        ("/", None, False),
        ("", None, False),
        (7, 7.0, False),
        ("1E+05", 100000.0, False),
    ],
)
def test_numbers_are_read_as_people_type_them(raw, value, percent):
    n = parse_number(raw, unit="万人次")
    assert (n.value, n.error, n.percent) == (value, None, percent)


@pytest.mark.parametrize("raw", ["约300", "300人", "1,5", "(5)", "nan", "inf", "12.3.4", True])
def test_text_that_is_not_a_number_is_an_error(raw):
    assert parse_number(raw, unit="个").error == "not_a_number"


def test_an_excel_percent_cell_is_scaled_to_percent():
    assert parse_number(0.455, percent_format=True).value == pytest.approx(45.5)


@pytest.mark.parametrize("raw, year", [("2019", 2019), ("２０１９年", 2019), (2019.0, 2019), ("2019年度", 2019)])
def test_years_are_read_with_or_without_the_year_sign(raw, year):
    assert parse_year(raw).value == year


@pytest.mark.parametrize(
    "raw, code",
    [("t1-01", "T1-01"), ("Ｔ１－０１", "T1-01"), ("T1-1", "T1-01"), (" G-01 ", "G-01"), ("T10-06", "T10-06")],
)
def test_indicator_codes_are_normalised(raw, code):
    assert indicator_key(raw) == code


def test_the_default_resolver_knows_codes_names_short_names_and_the_city(plan):
    resolve = plan_resolver(plan)
    assert resolve("道里区") == resolve("道里") == resolve("230102") == resolve(" 道里 区") == "230102"
    assert resolve("哈尔滨市") == resolve("全市") == "230100"
    assert resolve("双城市") is None  # former names come from geo, passed in by the caller


def test_every_message_has_both_languages():
    for key, (severity, zh, en) in MESSAGES.items():
        assert severity in ("error", "warning") and zh and en, key
    for key, (zh, en) in ACTION_MESSAGES.items():
        assert zh and en, key


# -- the bad corpus ---------------------------------------------------------------------

BAD = sorted(EXPECTED["bad"])


def test_every_mistake_is_in_the_corpus_as_csv_and_excel():
    stems: dict[str, set[str]] = {}
    for name, want in EXPECTED["bad"].items():
        if want["row"] is not None and want["key"] not in ("duplicate_column", "formula_without_value"):
            stem, ext = name.rsplit(".", 1)
            stems.setdefault(stem, set()).add(ext)
    assert len(stems) >= 18
    assert all(exts == {"csv", "xlsx"} for exts in stems.values())
    keys = {e["key"] for e in EXPECTED["bad"].values()}
    assert {
        "unknown_district",
        "unknown_indicator",
        "year_out_of_range",
        "not_a_number",
        "negative",
        "numerator_above_denominator",
        "above_100",
        "conflicting_duplicate",
        "type_mismatch",
        "empty_file",
        "zip_ratio",
        "bad_encoding",
        "corrupt_file",
    } <= keys


@pytest.mark.parametrize("name", BAD)
def test_bad_file_is_refused_with_its_message_and_place(name, plan):
    want = EXPECTED["bad"][name]
    pv = preview_import(None, plan, (CORPUS / "bad" / name).read_bytes(), name, resolver=name_index(plan).resolve)
    assert not pv.ok
    first = pv.errors[0]
    assert first.key == want["key"], [p.text("en") for p in pv.errors]
    assert (first.row, first.cell, first.sheet) == (want["row"], want["cell"], want["sheet"])
    assert first.zh and first.en and "{" not in first.zh + first.en
    assert not pv.records or pv.errors  # nothing to write without a clean file


def test_a_file_over_the_size_limit_is_refused_unread(plan):
    data = (CORPUS / "good" / "clumsy_utf8_bom.csv").read_bytes()
    pv = preview_import(None, plan, data, "big.csv", limits=Limits(max_bytes=len(data) - 1))
    assert [p.key for p in pv.errors] == ["file_too_large"]


def test_an_archive_that_expands_past_the_limit_is_refused(plan):
    data = (CORPUS / "bad" / "zip_bomb.xlsx").read_bytes()
    pv = preview_import(None, plan, data, "bomb.xlsx", limits=Limits(max_unzipped_bytes=1024 * 1024))
    assert [p.key for p in pv.errors] == ["zip_too_large"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 100,
        b"PK\x03\x04" + b"\xff" * 200,
        bytes(range(256)) * 4,
        b"\xef\xbb\xbf" + '指标代码,区县\n"unterminated'.encode(),
    ],
)
@pytest.mark.parametrize("name", ["x.csv", "x.xlsx"])
def test_garbage_is_a_message_never_a_traceback(data, name, plan):
    pv = preview_import(None, plan, data, name)
    assert not pv.ok and pv.errors[0].key in MESSAGES


def test_every_problem_in_a_file_is_reported_not_only_the_first(plan):
    rows = "指标代码,区县,年份,数值\nT1-02,道里,2019,5\nT9-99,道里,2019,5\nT1-02,火星,2019,5\nT1-02,道里,2030,5\n"
    pv = preview_import(None, plan, rows.encode(), "many.csv")
    assert [(p.key, p.row) for p in pv.errors] == [
        ("unknown_indicator", 3),
        ("unknown_district", 4),
        ("year_out_of_range", 5),
    ]


def test_refused_files_leave_the_store_byte_for_byte_unchanged(engine, plan):
    replace_sample_data(engine, plan.code, _sample(plan))
    before, before_bytes = dump(engine), sqlite_bytes(engine)
    for name in BAD:
        pv = preview_import(engine, plan, (CORPUS / "bad" / name).read_bytes(), name, resolver=name_index(plan).resolve)
        with pytest.raises(ImportFailure) as info:
            commit_import(engine, pv, EDITOR)
        assert info.value.key == "refused"
    assert dump(engine) == before
    if before_bytes is not None:
        assert sqlite_bytes(engine) == before_bytes


# -- the good corpus ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED["good"]))
def test_clumsy_but_valid_file_is_read_with_the_right_numbers(name, plan):
    pv = preview_import(None, plan, (CORPUS / "good" / name).read_bytes(), name, resolver=name_index(plan).resolve)
    assert pv.ok, [p.text("en") for p in pv.errors]
    got = sorted([[r.indicator, r.region, r.year, r.value, r.numerator, r.denominator] for r in pv.records], key=str)
    assert got == sorted(EXPECTED["good"][name]["values"], key=str)
    hidden = "hidden_sheet" in EXPECTED["good"][name].get("warnings", [])
    assert hidden == any(p.key == "hidden_sheet" for p in pv.warnings) == bool(pv.sheets_hidden)


def test_clumsy_files_import_into_the_store_with_the_right_numbers(engine, plan):
    replace_sample_data(engine, plan.code, _sample(plan))
    for name, want in EXPECTED["good"].items():
        pv = preview_import(
            engine, plan, (CORPUS / "good" / name).read_bytes(), name, resolver=name_index(plan).resolve
        )
        commit_import(engine, pv, EDITOR)
        obs = observations(engine, plan.code).set_index(["indicator_code", "region_code", "year"])
        for ind, region, year, value, num, den in want["values"]:
            row = obs.loc[(ind, region, year)]
            assert row["value"] == pytest.approx(value)
            assert (row["numerator"], row["denominator"]) == (num, den) or (num is None and row.isna()["numerator"])
            assert not row["is_sample"]
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM import_batch WHERE kind = 'import'")).scalar_one()
    assert n == len(EXPECTED["good"])


def test_the_same_file_twice_is_all_unchanged_the_second_time(engine, plan):
    data = (CORPUS / "good" / "clumsy_utf8_bom.csv").read_bytes()
    first = preview_import(engine, plan, data, "a.csv", resolver=name_index(plan).resolve)
    commit_import(engine, first, EDITOR)
    again = preview_import(engine, plan, data, "a.csv", resolver=name_index(plan).resolve)
    assert (again.counts["new"], again.counts["changed"], again.counts["unchanged"]) == (0, 0, len(first.records))


def test_preview_counts_new_changed_and_unchanged_with_old_values(engine, plan):
    head = "指标代码,区县,年份,数值\n"
    commit_import(
        engine,
        preview_import(engine, plan, (head + "T1-02,道里,2019,5\nT1-02,南岗,2019,6\n").encode(), "a.csv"),
        EDITOR,
    )
    pv = preview_import(
        engine, plan, (head + "T1-02,道里,2019,5\nT1-02,南岗,2019,7\nT1-02,道外,2019,1\n").encode(), "b.csv"
    )
    assert {k: pv.counts[k] for k in ("new", "changed", "unchanged")} == {"new": 1, "changed": 1, "unchanged": 1}
    changed = next(c for c in pv.changes if c.kind == "changed")
    assert (changed.region, changed.old["value"], changed.new["value"]) == ("230103", 6.0, 7.0)
    report = json.loads(json.dumps(pv.to_dict(), default=str))
    assert report["counts"]["changed"] == 1 and report["changes"]


def test_imported_text_cannot_become_a_formula_in_exports(engine, plan):
    import io

    import openpyxl

    from data.export import to_csv_bytes, to_xlsx_bytes

    csv_text = '指标代码,区县,年份,数值,来源,备注\nT1-02,道里,2019,5,"=HYPERLINK(""http://x"")","@SUM(1)"\n'
    commit_import(engine, preview_import(engine, plan, csv_text.encode(), "f.csv"), EDITOR)
    frame = observations(engine, plan.code)
    assert frame["source"].iloc[0].startswith("=")  # stored as typed
    out = to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in out and "'@SUM" in out
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame)))
    assert not any(c.data_type == "f" for row in wb.active.iter_rows() for c in row)


def _sample(plan):
    from data.sample import generate

    return generate(plan, seed=2016)
