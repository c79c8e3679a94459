"""Time to validate and import 100,000 observation rows, against the naive way.

The Harbin plan has 18 districts × 54 indicators × 6 years = 5,832 cells, so
the benchmark registers 2,875 made-up county codes in a scratch store (the
size of China's county level) and imports six indicators × 6 years for each:
103,500 cells, cut to the number asked for.

This project: read the CSV, validate every row against the plan, compare with
the store (one query per indicator), then write in one transaction with
executemany batches: observations, one audit row per cell, batch counts.
Then a second file changing 10 % of the values (updates + audit rows), and
the rollback of that batch.

The naive way: the same rows, one ORM object at a time: look the cell up,
add or modify it, flush (row-by-row INSERT/UPDATE), one commit at the end;
no validation and no audit rows, so the comparison flatters it.

    .venv/bin/python benchmarks/import_rows.py [--rows 100000] [--database-url URL] [--xlsx]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from data import schema
from data.import_read import Limits
from data.importer import commit_import, preview_import, rollback_batch
from data.plan import Region, load_plan
from data.store import make_engine, sync_plan, upgrade
from data.users import Role, User

INDICATORS = ["T1-01", "T1-02", "T1-04", "T1-05", "T2-01", "T2-02"]  # one coverage, five counts
N_REGIONS = 2875
EDITOR = User("bench", Role.editor)
LIMITS = Limits(max_bytes=1 << 30, max_unzipped_bytes=1 << 31, max_zip_ratio=1000)


def big_plan():
    plan = load_plan()
    units = tuple(
        Region(code=f"{900000 + i}", name=f"测试{i:04d}县", short=f"测试{i:04d}", type="县", population=30.0)
        for i in range(N_REGIONS)
    )
    return plan.model_copy(update={"region": plan.region.model_copy(update={"units": units})})


def rows(plan, n: int, bump: float = 0.0) -> list[tuple]:
    """(indicator, district name, year, value, numerator, denominator); bump changes every 10th value."""
    out = []
    years = range(plan.baseline_year, plan.end_year + 1)
    for ind in INDICATORS:
        for i, u in enumerate(plan.region.units):
            for y in years:
                k = len(out)
                if k >= n:
                    return out
                extra = bump if k % 10 == 0 else 0.0
                if ind == "T1-01":
                    out.append((ind, u.name, y, None, float(10 + i % 7 + extra), 40.0))
                else:
                    out.append((ind, u.name, y, float(100 + (i * 7 + y) % 900 + extra), None, None))
    return out


def to_csv(data: list[tuple]) -> bytes:
    lines = ["指标代码,区县,年份,数值,分子,分母"]
    for ind, name, y, v, num, den in data:
        lines.append(
            f"{ind},{name},{y},{'' if v is None else f'{v:g}'},"
            f"{'' if num is None else f'{num:g}'},{'' if den is None else f'{den:g}'}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_xlsx(data: list[tuple]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(["指标代码", "区县", "年份", "数值", "分子", "分母"])
    for r in data:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def scratch_store(url: str | None, tmp: str, name: str, plan):
    engine = make_engine(url or f"sqlite:///{tmp}/{name}.sqlite3")
    upgrade(engine)
    sync_plan(engine, plan)
    return engine


def naive_import(engine, plan, data: list[tuple]) -> None:
    by_name = {u.name: u.code for u in plan.region.units}
    with Session(engine) as s:
        batch = schema.ImportBatch(
            plan_code=plan.code,
            kind="import",
            created_at=datetime.now(UTC).replace(tzinfo=None),  # the store keeps naive UTC
            created_by="naive",
            rows_new=0,
            rows_changed=0,
            rows_unchanged=0,
            status="active",
        )
        s.add(batch)
        s.flush()
        for ind, name, y, v, num, den in data:
            region = by_name[name]
            if v is None:
                v = round(100 * num / den, 1)
            obs = s.scalars(
                select(schema.Observation).where(
                    schema.Observation.indicator_code == ind,
                    schema.Observation.region_code == region,
                    schema.Observation.year == y,
                )
            ).first()
            if obs is None:
                obs = schema.Observation(
                    plan_code=plan.code,
                    indicator_code=ind,
                    region_code=region,
                    year=y,
                    batch_id=batch.id,
                    is_sample=False,
                )
                s.add(obs)
            obs.value, obs.numerator, obs.denominator = v, num, den
            s.flush()
        s.commit()


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="a scratch database (default: SQLite in a temp dir); "
        "the naive run needs a second one, so only SQLite is supported for both",
    )
    parser.add_argument("--xlsx", action="store_true", help="also time reading the same rows from an .xlsx")
    args = parser.parse_args()
    plan = big_plan()
    first, second = rows(plan, args.rows), rows(plan, args.rows, bump=1.0)
    csv1, csv2 = to_csv(first), to_csv(second)
    with tempfile.TemporaryDirectory() as tmp:
        engine = scratch_store(args.database_url, tmp, "ours", plan)
        pv, t_validate = timed(lambda: preview_import(engine, plan, csv1, "rows.csv", limits=LIMITS))
        assert pv.ok and pv.counts["new"] == len(first), pv.counts
        _batch1, t_write = timed(lambda: commit_import(engine, pv, EDITOR))
        pv2, t_validate2 = timed(lambda: preview_import(engine, plan, csv2, "rows2.csv", limits=LIMITS))
        assert pv2.ok and pv2.counts["changed"] == len(first[::10]), pv2.counts
        batch2, t_write2 = timed(lambda: commit_import(engine, pv2, EDITOR))
        _, t_rollback = timed(lambda: rollback_batch(engine, plan.code, batch2, EDITOR))
        t_xlsx = None
        if args.xlsx:
            xlsx = to_xlsx(first)
            pvx, t_xlsx = timed(lambda: preview_import(None, plan, xlsx, "rows.xlsx", limits=LIMITS))
            assert pvx.ok and len(pvx.records) == len(first)
        engine.dispose()

        naive_engine = scratch_store(None, tmp, "naive", plan)
        _, t_naive = timed(lambda: naive_import(naive_engine, plan, first))
        with naive_engine.connect() as conn:
            assert conn.execute(select(schema.Observation.id)).all().__len__() == len(first)
        naive_engine.dispose()

    n = len(first)
    backend = (args.database_url or "sqlite").split(":")[0]
    print(
        f"import of {n:,} observation rows ({len(INDICATORS)} indicators × {N_REGIONS:,} made-up counties × "
        f"years), {backend}, CSV of {len(csv1) / 1e6:.1f} MB"
    )
    print(f"{'':42}{'seconds':>9}{'rows/s':>11}")
    for label, t in (
        ("read + validate + compare (new file)", t_validate),
        ("write: 100 % new, one transaction", t_write),
        ("read + validate + compare (10 % changed)", t_validate2),
        ("write: 10 % changed + audit rows", t_write2),
        ("rollback of that batch", t_rollback),
    ):
        print(f"{label:<42}{t:>9.2f}{n / t:>11,.0f}")
    if t_xlsx is not None:
        print(f"{'read + validate, same rows as .xlsx':<42}{t_xlsx:>9.2f}{n / t_xlsx:>11,.0f}")
    print(f"{'naive: row-by-row ORM insert (no checks)':<42}{t_naive:>9.2f}{n / t_naive:>11,.0f}")
    print(
        f"ratio naive / ours, write only: {t_naive / t_write:.1f}x; naive / ours validate+write: "
        f"{t_naive / (t_validate + t_write):.1f}x"
    )
    print(f"reproduce: .venv/bin/python benchmarks/import_rows.py --rows {n}" + (" --xlsx" if args.xlsx else ""))


if __name__ == "__main__":
    main()
