"""Figures made ready for a static image: what a chart needs when no page is around it.

The dashboard's own figures (``dashboard.charts``) are made for a browser
page: boundaries by URL, a legend over the plot, titles that may run wide.
For an image in a report they get their shapes inline, text scaled for the
size they are printed or projected at, the legend in a row above the plot,
and long titles and captions broken into lines.  The result is an
:class:`ImageRequest` that ``dashboard.reports.images`` renders.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from dashboard.charts import map_chart, trend_chart
from dashboard.i18n import script
from dashboard.repository import Repository

IMAGE_SCALE = 3  # PNG pixels per CSS pixel: a 760 px wide chart prints 16 cm wide at ~360 dpi
FORMATS = ("png", "svg")


@dataclass(frozen=True)
class ImageRequest:
    """One image to render: a figure, its file name (the suffix gives the format) and size in CSS pixels.

    ``figure`` is a plotly figure or its dict.  ``geojson``: the boundaries to
    carry inline in place of the URL that names them on the page (see
    :func:`inline_shapes`); they are put in only when the image is rendered.
    """

    name: str
    figure: dict | go.Figure = field(compare=False, repr=False)
    width: int = 760
    height: int = 520
    scale: float = IMAGE_SCALE
    geojson: dict | None = field(default=None, compare=False, repr=False)

    @property
    def format(self) -> str:
        return Path(self.name).suffix.lstrip(".").lower()

    def spec(self) -> dict:
        """The figure as kaleido renders it: a dict, with the shapes inline."""
        fig = self.figure.to_dict() if isinstance(self.figure, go.Figure) else self.figure
        return inline_shapes(fig, self.geojson) if self.geojson is not None else fig

    def key(self) -> str:
        """Same figure, size and format → same image: what the session cache uses.

        The shapes are named by their versioned URL in the figure, so the key
        covers them without hashing them.
        """
        h = hashlib.sha1(to_json_plotly(self.figure).encode())
        h.update(f"{self.format}|{self.width}|{self.height}|{self.scale}".encode())
        return h.hexdigest()


def image_name(
    kind: str, indicator: str, year: int, fmt: str = "png", *, region: str | None = None, lang: str = "zh"
) -> str:
    """A file name that says what the image is: ``map-T8-01-2019.png``, ``trend-G-01-110105-2019.svg``."""
    if fmt not in FORMATS:
        raise ValueError(f"image format must be one of {FORMATS}, not {fmt!r}")
    tag = script(lang).file_tag
    parts = [kind, indicator] + ([region] if region else []) + [str(year)] + ([tag] if tag else [])
    return "-".join(parts) + f".{fmt}"


def inline_shapes(fig: go.Figure | dict, geojson: dict) -> dict:
    """The figure (as a dict) with boundaries carried inline instead of by URL.

    On the page a choropleth names its boundaries by a cacheable URL; a static
    export has no server to fetch it from, so the shapes go into the figure.
    Works on a shallow copy: the input is left as it is, the shapes are shared.
    """
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    data = []
    for trace in spec.get("data", []):
        if isinstance(trace.get("geojson"), str):
            trace = {**trace, "geojson": _features_for(geojson, trace)}
        data.append(trace)
    return {**spec, "data": data}


def _features_for(geojson: dict, trace: dict) -> dict:
    """Only the features a trace colours: a map has a trace per status, and each carrying every
    district's boundary would send (and make the browser parse) the shapes five times over."""
    key = trace.get("featureidkey", "id")
    locations = trace.get("locations")
    if locations is None or not key.startswith("properties."):
        return geojson
    wanted, prop = {str(x) for x in locations}, key.split(".", 1)[1]
    features = [f for f in geojson.get("features", []) if str(f.get("properties", {}).get(prop)) in wanted]
    return {**geojson, "features": features}


def _scaled(d: object, key: str, factor: float) -> None:
    """``d[key]`` times ``factor`` when ``d`` is a dict with a number there (a figure may have no font at all)."""
    if isinstance(d, dict) and isinstance(d.get(key), (int, float)):
        d[key] = round(d[key] * factor)


def enlarge_text(fig: go.Figure | dict, factor: float, *, labels: bool = True) -> dict:
    """The figure (as a dict) with its text ``factor`` times larger (slides are read from afar).

    ``labels=False`` leaves text drawn on the plot (district names on a map) as
    it is: longer pinyin names would run into each other.
    """
    spec = copy.deepcopy(fig.to_dict() if isinstance(fig, go.Figure) else fig)
    lay = spec.setdefault("layout", {})
    font = lay.setdefault("font", {})
    font["size"] = round((font.get("size") or 12) * factor)
    title = lay.get("title") or {}
    _scaled(title.get("font"), "size", factor)
    _scaled((title.get("subtitle") or {}).get("font"), "size", factor)
    for ann in lay.get("annotations", []):
        _scaled(ann.get("font"), "size", factor)
        _scaled(ann, "yshift", factor)  # captions sit in the bottom margin by a pixel offset
    for name, axis in lay.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            _scaled(axis.get("tickfont"), "size", factor)
        if name.startswith("legend") and isinstance(axis, dict):  # every legend: legend, legend2 (published figures)
            _scaled(axis.get("font"), "size", factor)
            _scaled((axis.get("title") or {}).get("font"), "size", factor)
    for trace in spec.get("data", []) if labels else []:
        _scaled(trace.get("textfont"), "size", factor)
    margin = lay.setdefault("margin", {})
    margin["t"] = round((margin.get("t") or 50) * factor)
    margin["b"] = round((margin.get("b") or 60) * factor)
    return spec


def legend_above(spec: dict) -> dict:
    """The legend in a row between title and plot instead of over the plot's top left.

    On screen the legend sits inside the plot where a rising series leaves room;
    in a static image a falling series (or larger text) would run under it.
    """
    lay = spec.setdefault("layout", {})
    size = (lay.get("font") or {}).get("size") or 13
    lay["legend"] = {
        **(lay.get("legend") or {}),
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "bottom",
        "bgcolor": "rgba(255,255,255,0)",
    }
    margin = lay.setdefault("margin", {})
    margin["t"] = (margin.get("t") or 50) + round(size * 1.8)
    return spec


def text_width(text: str, size: float) -> float:
    """Rough width in px of a line of text: CJK characters 1 em, others 0.55 em."""
    return sum(size if ord(ch) > 0x2E80 else 0.55 * size for ch in text)


def wrap_lines(text: str, size: float, room: float) -> list[str]:
    """Greedy line breaks: between words, after "·" or ";", or between CJK characters."""
    lines, line, last_break = [], "", None
    for ch in text:
        line += ch
        if ch in " ·;,;," or ord(ch) > 0x2E80:
            last_break = len(line)
        if text_width(line, size) > room and last_break and last_break < len(line):
            lines.append(line[:last_break].rstrip())
            line, last_break = line[last_break:].lstrip(), None
        elif text_width(line, size) > room and last_break == len(line):
            lines.append(line.rstrip())
            line, last_break = "", None
    if line.strip():
        lines.append(line.strip())
    return lines


def wrap_caption(spec: dict, width: int) -> dict:
    """Source, as-of year and sample label on as many lines as it takes to stay clear of the watermark.

    English department names make long captions; in a static image there is no
    hover to read what a collision hides.
    """
    lay = spec.get("layout", {})
    notes = {a.get("name"): a for a in lay.get("annotations", [])}
    caption, mark = notes.get("caption"), notes.get("sample-mark")
    if caption is None or "<br>" in caption.get("text", ""):
        return spec
    size = (caption.get("font") or {}).get("size") or 11
    room = width - (text_width(mark["text"], (mark.get("font") or {}).get("size") or 12) + 40 if mark else 20)
    lines = wrap_lines(caption["text"], size, room)
    if len(lines) < 2:
        return spec
    caption.update(text="<br>".join(lines), align="left")
    extra = round(size * 1.35) * (len(lines) - 1)
    lay.setdefault("margin", {})["b"] = (lay["margin"].get("b") or 60) + extra
    for note in (caption, mark):  # both stay on the image's bottom line; the block grows upwards
        if note is not None:
            note["yshift"] = (note.get("yshift") or 0) - extra
    return spec


def wrap_title(spec: dict, width: int) -> dict:
    """A title too wide for the image on two or more lines (a static image cannot show a tooltip)."""
    lay = spec.get("layout", {})
    title = lay.get("title") or {}
    text = title.get("text") or ""
    size = (title.get("font") or {}).get("size") or 17
    plain = re.sub(r"<[^>]+>", "", text)
    if "<br>" in text:
        return spec
    lines = wrap_lines(plain, size, width - 30)
    if len(lines) < 2:
        return spec
    body = "<br>".join(lines)
    title["text"] = f"<b>{body}</b>" if text.startswith("<b>") else body
    extra = round(size * 1.3) * (len(lines) - 1)
    # plotly anchors a multi-line title (with a subtitle) by its last line: pad it down by the lines above.
    title["pad"] = {**(title.get("pad") or {}), "t": extra}
    lay.setdefault("margin", {})["t"] = (lay["margin"].get("t") or 50) + extra
    return spec


def fit_axis_title(spec: dict) -> dict:
    """Drop a y-axis title longer than the plot is high (the unit is in the subtitle anyway)."""
    lay = spec.get("layout", {})
    axis = lay.get("yaxis") or {}
    title = axis.get("title") or {}
    text = title.get("text") if isinstance(title, dict) else None
    if not text or not lay.get("height"):
        return spec
    margin = lay.get("margin") or {}
    plot = lay["height"] - (margin.get("t") or 0) - (margin.get("b") or 0)
    size = (title.get("font") or {}).get("size") or (lay.get("font") or {}).get("size") or 12
    if text_width(re.sub(r"<[^>]+>", "", text), size) > plot:
        title["text"] = ""
    return spec


def _sized(fig: go.Figure | dict, width: int, height: int) -> dict:
    spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
    spec.setdefault("layout", {}).update(width=width, height=height)
    return fit_axis_title(wrap_caption(wrap_title(spec, width), width))


def map_request(
    repo: Repository,
    indicator: str,
    year: int,
    lang: str = "zh",
    fmt: str = "png",
    *,
    width: int = 760,
    height: int = 560,
    scale: float = IMAGE_SCALE,
    text_factor: float = 1.0,
    **map_kw,
) -> ImageRequest:
    """The map of an indicator's district values, its shapes to be carried inline, ready to render."""
    fig = map_chart(repo, indicator, year, lang, height=height, **map_kw)
    # Pinyin district names would outgrow their districts: only Chinese labels grow with the text.
    spec = (
        enlarge_text(fig, text_factor, labels=not script(lang).latin_place_names) if text_factor != 1 else fig.to_dict()
    )
    return ImageRequest(
        image_name("map", indicator, year, fmt, lang=lang),
        _sized(spec, width, height),
        width,
        height,
        scale,
        geojson=repo.geojson_dict(),
    )


def trend_request(
    repo: Repository,
    indicator: str,
    year: int,
    lang: str = "zh",
    fmt: str = "png",
    *,
    region: str | None = None,
    width: int = 760,
    height: int = 420,
    scale: float = IMAGE_SCALE,
    text_factor: float = 1.0,
    **trend_kw,
) -> ImageRequest:
    """The trend of an indicator in a region (default the city) against its target path."""
    region = region or repo.city
    fig = trend_chart(repo, indicator, region, year, lang, height=height, **trend_kw)
    spec = enlarge_text(fig, text_factor) if text_factor != 1 else fig.to_dict()
    spec = legend_above(spec)
    return ImageRequest(
        image_name("trend", indicator, year, fmt, region=region, lang=lang),
        _sized(spec, width, height),
        width,
        height,
        scale,
    )
