"""One rule for "is this a number": the store, the progress maths and the pages all use it."""

from __future__ import annotations

import math


def finite_number(x: object) -> float | None:
    """A finite float, or None for None / NaN / NA / non-numbers / ±inf."""
    if x is None:
        return None
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None
