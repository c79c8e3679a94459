"""The published reference figures (data/reference/national.yaml): typed, validated, kept apart."""

from __future__ import annotations

import re

import pytest
import yaml

from data.reference import (
    DEFAULT_REFERENCE_FILE,
    GOAL_MEASURE,
    NATIONAL_REGION,
    Comparator,
    ReferenceFileError,
    load_reference,
    province_of,
)

REFERENCE = load_reference()
VALUES = [(s.code, v) for s in REFERENCE.series for v in s.values]


def test_the_shipped_file_holds_the_national_series_and_the_published_targets():
    series = REFERENCE.series_for(GOAL_MEASURE, NATIONAL_REGION)
    assert series is not None and series.unit == "%"
    assert series.survey and series.conducted_by
    assert {t.region for t in REFERENCE.targets} == {NATIONAL_REGION, "230000"}
    assert {t.comparator for t in REFERENCE.targets} == set(Comparator)


@pytest.mark.parametrize("code, value", VALUES, ids=[f"{c}-{v.year}" for c, v in VALUES])
def test_every_value_names_its_publisher_and_a_date_or_an_address(code, value):
    assert value.source.publisher
    assert value.source.date or value.source.address
    assert "://" not in value.source.address  # text, never a link the app would load


def test_every_target_says_how_its_value_is_meant_and_who_set_it():
    for target in REFERENCE.targets:
        assert target.source.publisher and target.source.title
        assert isinstance(target.comparator, Comparator)


def test_a_year_without_a_published_value_has_none_and_the_latest_earlier_one_keeps_its_year():
    series = REFERENCE.series_for(GOAL_MEASURE, NATIONAL_REGION)
    published = {v.year for v in series.values}
    for year in range(min(published), max(published) + 1):
        assert (series.value_in(year) is not None) == (year in published)
        latest = series.latest_by(year)
        assert latest is not None and latest.year == max(y for y in published if y <= year)
    assert series.latest_by(min(published) - 1) is None


def test_the_header_says_how_the_measure_meets_a_plan():
    header = DEFAULT_REFERENCE_FILE.read_text(encoding="utf-8").split("\n\n")[0]
    assert GOAL_MEASURE in header and "goal.indicator" in header


def test_a_province_is_the_first_two_digits_of_a_code():
    assert province_of("230100") == "230000" and province_of("230102") == "230000"


def _write(tmp_path, change) -> str:
    raw = yaml.safe_load(DEFAULT_REFERENCE_FILE.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "reference.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "change, where, reason",
    [
        (lambda r: r["series"][0]["values"].append(dict(r["series"][0]["values"][0])), "series[0]", "twice"),
        (lambda r: r["targets"][0].update(region="990000"), "(top)", "unknown region"),
        (lambda r: r["targets"][0].update(comparator="below"), "targets[0].comparator", "above"),
        (lambda r: r["targets"][0].pop("comparator"), "targets[0].comparator", "required"),
        (lambda r: r["series"][0]["values"][0]["source"].update(date="21.9.2015"), "values[0].source.date", "pattern"),
        (
            lambda r: r["series"][0]["values"][0]["source"].update(address="https://example.org/x"),
            "values[0].source",
            "scheme",
        ),
        (lambda r: r["series"][0]["values"][0]["source"].pop("publisher"), "source.publisher", "required"),
    ],
    ids=[
        "year-twice",
        "unknown-region",
        "bad-comparator",
        "no-comparator",
        "bad-date",
        "address-scheme",
        "no-publisher",
    ],
)
def test_a_broken_file_names_file_field_and_reason(tmp_path, change, where, reason):
    path = _write(tmp_path, change)
    with pytest.raises(ReferenceFileError) as err:
        load_reference(path)
    message = str(err.value)
    assert path in message and where in message and re.search(reason, message, re.IGNORECASE), message


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(ReferenceFileError, match="file not found"):
        load_reference(tmp_path / "none.yaml")


def test_the_published_colour_reads_on_white():
    from dashboard.theme import PUBLISHED_COLOUR

    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    assert 1.05 / (luminance(PUBLISHED_COLOUR) + 0.05) >= 4.5  # WCAG AA for text; lines need 3:1
