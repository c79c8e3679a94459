"""Published figures beside the city's own: the national survey's values and the published targets.

The figures come from ``data/reference/national.yaml`` (``data.reference``), never from the store:
nothing here is an observation, so no roll-up, status class or import sees them.  The reference
file names its measure ``scientific_literacy_share``; a plan's goal indicator is that measure
(the file's header says why), so the comparison is offered for the goal indicator in the plan's
own region only.

A year gets a national value only when one was published for it: values are never interpolated.
Where a page shows "the latest published" value it carries its own year.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import format_value, t
from data.plan import Plan
from data.reference import (
    GOAL_MEASURE,
    NATIONAL_REGION,
    Comparator,
    Reference,
    ReferenceSeries,
    ReferenceTarget,
    Source,
    get_reference,
    province_of,
)


@dataclass(frozen=True)
class PublishedPoint:
    """One published value of a region's series (the national share of a year)."""

    region: str
    region_name: dict[str, str]
    year: int
    value: float
    unit: str
    decimals: int
    source: Source
    survey: str = ""
    conducted_by: str = ""

    def name(self, lang: str) -> str:
        return self.region_name.get(lang) or self.region_name["zh"]

    def value_text(self, lang: str) -> str:
        return format_value(self.value, self.decimals, self.unit, lang)


@dataclass(frozen=True)
class TargetMark:
    """A published target (national or provincial) for the same measure."""

    code: str
    region: str
    region_name: dict[str, str]
    year: int
    value: float
    unit: str
    comparator: Comparator
    source: Source

    def name(self, lang: str) -> str:
        return self.region_name.get(lang) or self.region_name["zh"]

    def value_text(self, lang: str) -> str:
        """「高于10%」 / "above 10%": the comparator as the document states it."""
        places = 0 if float(self.value).is_integer() else 2
        value = format_value(self.value, places, self.unit, lang)
        return t("ref_target_value", lang, comparator=comparator_text(self.comparator, lang), value=value)


@dataclass(frozen=True)
class NationalComparison:
    """The goal indicator at ``year`` beside the national figure.

    ``latest``: the latest national value published for ``year`` or before (labelled with its
    own year); ``same_year``: the value published for ``year`` itself, else None; ``gap``: the
    city's value minus the national one in percentage points, only for the same year.
    """

    year: int
    latest: PublishedPoint | None
    same_year: PublishedPoint | None
    city_value: float | None = None

    @property
    def gap(self) -> float | None:
        if self.same_year is None or self.city_value is None:
            return None
        return self.city_value - self.same_year.value


@dataclass(frozen=True)
class ReferenceMarks:
    """What the goal's trend adds: the national values (published years only) and target marks."""

    points: tuple[PublishedPoint, ...]
    targets: tuple[TargetMark, ...]


@dataclass(frozen=True)
class ReferenceRow:
    """A row of the data page's separate table of published figures."""

    kind: str  # "value" or "target"
    region_name: dict[str, str]
    measure_name: dict[str, str]
    year: int
    value: float
    unit: str
    decimals: int
    comparator: Comparator | None
    source: Source
    survey: str = ""  # the survey a value comes from, and who conducts it
    conducted_by: str = ""


# -- which figures a plan is compared with --------------------------------------------------------


def reference_measure(plan: Plan, indicator: str) -> str | None:
    """The published measure an indicator of the plan is: the goal indicator is the share of citizens
    with scientific literacy; no other indicator has published figures."""
    return GOAL_MEASURE if indicator == plan.goal.indicator else None


def reference_regions(plan: Plan) -> tuple[str, ...]:
    """The regions a plan is compared with: China, and the province its region lies in (not itself)."""
    own = plan.region.code
    regions = [NATIONAL_REGION, province_of(own)]
    return tuple(dict.fromkeys(r for r in regions if r != own))


def _point(reference: Reference, series: ReferenceSeries, year: int | None, latest: bool) -> PublishedPoint | None:
    found = None if year is None else (series.latest_by(year) if latest else series.value_in(year))
    if found is None:
        return None
    region = reference.region(series.region)
    return PublishedPoint(
        region=series.region,
        region_name=region.name.model_dump() if region else {"zh": series.region, "en": series.region},
        year=found.year,
        value=found.value,
        unit=series.unit,
        decimals=series.decimals,
        source=found.source,
        survey=series.survey,
        conducted_by=series.conducted_by,
    )


def _target(reference: Reference, target: ReferenceTarget, unit: str) -> TargetMark:
    region = reference.region(target.region)
    return TargetMark(
        code=target.code,
        region=target.region,
        region_name=region.name.model_dump() if region else {"zh": target.region, "en": target.region},
        year=target.year,
        value=target.value,
        unit=unit,
        comparator=target.comparator,
        source=target.source,
    )


def national_comparison(
    plan: Plan, year: int, city_value: float | None = None, reference: Reference | None = None
) -> NationalComparison | None:
    """The plan's goal at ``year`` beside the national figure; None for a plan of China itself."""
    if NATIONAL_REGION not in reference_regions(plan):
        return None
    reference = reference or get_reference()
    series = reference.series_for(GOAL_MEASURE, NATIONAL_REGION)
    if series is None:
        return NationalComparison(year=year, latest=None, same_year=None, city_value=city_value)
    return NationalComparison(
        year=year,
        latest=_point(reference, series, year, latest=True),
        same_year=_point(reference, series, year, latest=False),
        city_value=city_value,
    )


def reference_marks(
    plan: Plan,
    indicator: str,
    region: str,
    year: int,
    first: int,
    last: int,
    unit: str,
    reference: Reference | None = None,
) -> ReferenceMarks | None:
    """The published figures a trend of ``indicator`` in ``region`` shows, within its years ``first``..``last``:
    national values published up to ``year`` (the chart's as-of year), and the national and provincial
    targets.  None when the trend is not of the goal in the plan's own region."""
    measure = reference_measure(plan, indicator)
    if measure is None or region != plan.region.code:
        return None
    reference = reference or get_reference()
    regions = reference_regions(plan)
    points = []
    for code in regions:
        series = reference.series_for(measure, code)
        if series is None:
            continue
        for v in series.values:
            if first <= v.year <= min(last, year):
                point = _point(reference, series, v.year, latest=False)
                if point is not None:
                    points.append(point)
    targets = [
        _target(reference, tg, unit) for tg in reference.targets_for(measure, regions) if first <= tg.year <= last
    ]
    if not points and not targets:
        return None
    return ReferenceMarks(points=tuple(points), targets=tuple(targets))


def reference_rows(plan: Plan, reference: Reference | None = None) -> list[ReferenceRow]:
    """The published values and targets the plan is compared with, for the data page's own table:
    those of the plan's years (baseline to end), as the trend shows them beside the city's figures.
    A plan for 2021–2025 lists the 2020 baseline and the 2025 target, not the 2015 survey."""
    reference = reference or get_reference()
    regions = reference_regions(plan)
    goal = plan.indicator_by_code[plan.goal.indicator]
    measure = goal.name.model_dump()  # named as the plan names its goal, whichever region published it
    rows = []
    for code in regions:
        region = reference.region(code)
        names = region.name.model_dump() if region else {"zh": code, "en": code}
        series = reference.series_for(GOAL_MEASURE, code)
        if series is not None:
            for v in series.values:
                if not plan.baseline_year <= v.year <= plan.end_year:
                    continue
                rows.append(
                    ReferenceRow(
                        "value",
                        names,
                        measure,
                        v.year,
                        v.value,
                        series.unit,
                        series.decimals,
                        None,
                        v.source,
                        series.survey,
                        series.conducted_by,
                    )
                )
        for tg in reference.targets_for(GOAL_MEASURE, (code,)):
            if not plan.baseline_year <= tg.year <= plan.end_year:
                continue
            places = 0 if float(tg.value).is_integer() else 2
            rows.append(
                ReferenceRow(
                    "target",
                    names,
                    measure,
                    tg.year,
                    tg.value,
                    goal.unit.zh,
                    places,
                    tg.comparator,
                    tg.source,
                )
            )
    return rows


# -- words --------------------------------------------------------------------------------------------


def comparator_text(comparator: Comparator, lang: str) -> str:
    return t(f"ref_comparator_{comparator.value}", lang)


def date_text(source: Source, lang: str) -> str:
    """The publication's date, with the release date when the figure was released earlier."""
    if source.date and source.released:
        return t("ref_date_released", lang, date=source.date, released=source.released)
    if source.released:
        return t("ref_released", lang, date=source.released)
    return source.date


def source_text(source: Source, lang: str, *, survey: str = "", conducted_by: str = "", address: bool = False) -> str:
    """Publisher, title, document number, date (and the address as text): 「新华社 · 2015-09-21」."""
    parts = [source.publisher]
    if source.title:
        parts.append(t("ref_title_quoted", lang, title=source.title))
    if source.number:
        parts.append(source.number)
    date = date_text(source, lang)
    if date:
        parts.append(date)
    if survey:
        parts.append(t("ref_survey", lang, survey=survey, by=conducted_by) if conducted_by else survey)
    if address and source.address:
        parts.append(source.address)
    return " · ".join(parts)


def point_source_text(point: PublishedPoint, lang: str, *, address: bool = False) -> str:
    return source_text(point.source, lang, survey=point.survey, conducted_by=point.conducted_by, address=address)


def headline_text(point: PublishedPoint, lang: str) -> str:
    """「全国 2020 年 10.56%」: the value with its own year."""
    return t("ref_headline", lang, region=point.name(lang), year=point.year, value=point.value_text(lang))
