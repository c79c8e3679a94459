"""Published figures beside the city's own: the headline's national line and the data page's own table.

They arrange what dashboard/services/reference.py returns.  Addresses are plain text: the app never
loads them (it runs offline), so no element here is a link.
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import format_value, labelled, pick, t, text_lang
from dashboard.services.reference import (
    NationalComparison,
    ReferenceRow,
    comparator_text,
    date_text,
    headline_text,
    point_source_text,
)
from layouts.common import attrs


def published_figure(
    comparison: NationalComparison | None, lang: str, id_: str, class_name: str = ""
) -> html.Div | None:
    """「全国 2020 年 10.56%」: the latest national value at or before the year, with its own year,
    its source on hover (and for screen readers in the label); nothing when none is published yet."""
    point = comparison.latest if comparison else None
    if point is None:
        return None
    source = labelled(t("source", lang), point_source_text(point, lang, address=True), lang)
    tip = f"{source} · {t('ref_not_city', lang)}"
    return html.Div(
        headline_text(point, lang),
        id=id_,
        title=tip,
        className=class_name or "small text-muted mt-2 published-figure",
        **attrs({"aria-label": f"{headline_text(point, lang)} · {tip}", "data-year": point.year}),
    )


def _cell(text: str, lang: str, **kw) -> html.Td:
    lang_attr = text_lang(text, lang)
    return html.Td(text, lang=lang_attr, **kw) if lang_attr else html.Td(text, **kw)


def _value(row: ReferenceRow, lang: str) -> str:
    value = format_value(row.value, row.decimals, row.unit, lang)
    if row.comparator is None:
        return value
    return t("ref_target_value", lang, comparator=comparator_text(row.comparator, lang), value=value)


def reference_section(rows: list[ReferenceRow], lang: str) -> html.Section | None:
    """The data page's table of published figures: apart from the observation grid, each with its source."""
    if not rows:
        return None
    heads = [
        "region",
        "indicator",
        "ref_kind",
        "year",
        "value",
        "ref_publisher",
        "ref_title",
        "ref_date",
        "ref_address",
    ]
    body = [
        html.Tr(
            [
                html.Td(pick(row.region_name, lang)),
                html.Td(
                    [
                        pick(row.measure_name, lang),
                        html.Div(
                            t("ref_survey", lang, survey=row.survey, by=row.conducted_by),
                            className="text-muted",
                            lang=text_lang(row.survey, lang),
                        )
                        if row.survey
                        else None,
                    ]
                ),
                html.Td(t(f"ref_kind_{row.kind}", lang)),
                html.Td(str(row.year), className="text-end"),
                html.Td(_value(row, lang), className="text-end text-nowrap"),
                _cell(row.source.publisher, lang, className="text-nowrap"),
                _cell(" ".join(p for p in (row.source.title, row.source.number) if p), lang),
                _cell(date_text(row.source, lang), lang, className="text-nowrap"),
                # Text, not a link: the dashboard never fetches these addresses.
                html.Td(html.Span(row.source.address, className="font-monospace small text-break")),
            ],
            **attrs({"data-kind": row.kind, "data-year": row.year}),
        )
        for row in rows
    ]
    return html.Section(
        [
            html.H2(t("ref_section_title", lang), className="h5 mt-4", id="dt-reference-heading"),
            html.P(t("ref_section_note", lang), className="small text-muted mb-1"),
            html.Div(
                html.Table(
                    [html.Thead(html.Tr([html.Th(t(h, lang), scope="col") for h in heads])), html.Tbody(body)],
                    className="table table-sm table-striped align-middle small",
                    id="dt-reference-table",
                ),
                className="table-responsive",
            ),
        ],
        id="dt-reference",
        **attrs({"aria-labelledby": "dt-reference-heading"}),
    )
