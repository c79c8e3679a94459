"""The repository reads what a page needs, not every observation (national scale: 753,563 rows).

An indicator's series and district table come from that indicator's rows, the region's own
series from the region's rows, the years from the store; whichever way, the figures are the ones
the whole frame gives.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.repository import Repository
from tests.support.app import make_app, repo_of


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Two repositories over one store of sample data: one reads the whole frame first, one never."""
    app = make_app(tmp_path_factory.mktemp("reads"), warm_seconds=0)
    lazy = repo_of(app)
    whole = Repository(lazy.engine, lazy.plan)
    whole.frame()
    return lazy, whole


def test_nothing_reads_the_whole_frame_for_the_overview(stores):
    lazy, _ = stores
    year = lazy.latest_year()
    lazy.city_progress(year), lazy.task_progress(year), lazy.district_table(lazy.plan.goal.indicator, year)
    assert lazy._memoized(("frame",)) is None


def test_series_and_tables_are_the_whole_frames(stores):
    lazy, whole = stores
    assert lazy.years() == sorted(int(y) for y in whole.frame()["year"].unique())
    units = [u.code for u in lazy.plan.region.units[:3]]
    for ind in lazy.plan.indicators:
        for region in [lazy.city, *units]:
            pd.testing.assert_series_equal(lazy.series(ind.code, region), whole.series(ind.code, region))
    for ind in [i for i in lazy.plan.indicators if lazy.is_mappable(i.code)][:5]:
        for year in lazy.years()[-2:]:
            pd.testing.assert_frame_equal(lazy.district_table(ind.code, year), whole.district_table(ind.code, year))
    year = lazy.latest_year()
    assert lazy.task_progress(year) == whole.task_progress(year)
