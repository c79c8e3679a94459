"""A district's card under a map: its name and status, value, target, rank and source, a link to its
profile and a button that clears the choice. The map page's (``mx``) and the overview's (``ov``) maps
show it for the district clicked or, on a phone, tapped: what the desktop's hover says is one tap away.
On a phone the card rises from the bottom of the screen over the page (assets/app.css), wherever the
map's page places it, so that the tap is answered where the thumb is."""

from __future__ import annotations

from typing import cast

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import format_value, t
from dashboard.repository import Repository
from layouts.common import status_badge


def district_card(
    repo: Repository, indicator: str, year: int, selected: str | None, state, *, prefix: str = "mx", hint=None
):
    """The card of ``selected`` (ids ``{prefix}-district-card``, ``{prefix}-selected-name``,
    ``{prefix}-profile-link``, the clear button ``{"type": f"{prefix}-clear", "index": 0}``); with no
    district selected (or one without a row), ``hint``."""
    lang = state.lang
    ind = repo.indicator(indicator)
    table = repo.district_table(indicator, year).set_index("code")
    if not selected or selected not in table.index:
        return hint
    row = cast(pd.Series, table.loc[selected])  # codes are unique: one row
    unit = ind.unit.get(lang)
    profile = state.with_(page="district", district=selected, indicator=indicator).to_url()
    rank = "—" if row["rank"] is None or str(row["rank"]) == "<NA>" else f"{int(row['rank'])}/{len(table)}"
    items = [
        (t("value", lang), format_value(row["value"], ind.decimals, unit, lang)),
        (
            t("target", lang),
            format_value(row["target"], ind.decimals, unit, lang) if ind.target else t("no_target", lang),
        ),
        (t("rank", lang), rank),
        (t("source", lang), row["source"] if isinstance(row["source"], str) else "—"),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(
                    [repo.region_name(selected, lang), " ", status_badge(row["status"], lang, small=True)],
                    className="h5",
                    id=f"{prefix}-selected-name",
                ),
                html.Dl(
                    [cell for k, v in items for cell in (html.Dt(k, className="col-4"), html.Dd(v, className="col-8"))],
                    className="row mb-2 small",
                ),
                dcc.Link(
                    t("open_profile", lang) + " →",
                    href=profile,
                    className="btn btn-outline-primary btn-sm me-2",
                    id=f"{prefix}-profile-link",
                ),
                dbc.Button(
                    t("clear_selection", lang),
                    id={"type": f"{prefix}-clear", "index": 0},
                    size="sm",
                    color="secondary",
                    outline=True,
                ),
            ]
        ),
        id=f"{prefix}-district-card",
        className="district-card",
    )
