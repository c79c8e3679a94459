"""docs/plan-format.md, written from the models of data/plan.py.

Every field's type, default and constraints come from its annotation and
``Field(...)``, its meaning from its ``description``, each model's and enum's
from its docstring (an enum's values as ``- ``value``: meaning`` lines), and
the examples from the shipped plan.  ``kepu plan docs --write`` regenerates
the file; tests/unit/test_plan_docs.py fails when it differs from this text.
"""

from __future__ import annotations

import enum
import math
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from data.plan import DEFAULT_PLAN_FILE, Plan, Text, load_plan

DOC_FILE = Path(__file__).resolve().parents[1] / "docs" / "plan-format.md"
REGENERATE = "kepu plan docs --write"

INTRO = f"""\
# The plan file format

<!-- Generated from the models in data/plan.py by `{REGENERATE}`; edit those, not this file. -->

A plan file (`data/plans/<code>.yaml`, chosen with `KEPU_PLAN_FILE`) is one YAML file per plan: the
plan's own text as a goal, objectives, key tasks and their numbered measures, the departments its
任务分工 lines name, the region it covers with its units, and our catalogue of monitoring indicators
with their targets. It is the only place a city, its districts or its departments are named; the app,
the store, the import template and the reports read them from here.

- **Codes of the region and its units** are the 6-digit administrative division codes (行政区划代码):
  `'230200'` for 齐齐哈尔市, `'230202'` for 龙沙区. Quote them, or YAML reads a number. Observations,
  boundary shapes and imports join on them.
- **Two languages**: every label is a mapping `{{zh: ..., en: ...}}` ([Text](#text)); the plan's own
  sentences (goal, objectives, measures, 任务分工 lines, target quotes) are Chinese only and verbatim.
- **`to_fill`**: a plan that is not finished (one made from another region's) lists the fields still
  to fill in as field paths, e.g. `to_fill: ['region.units[3].population', title]`. The app runs on
  such a plan, but `kepu plan check` reports each path as 「待填写」 at its line and exits 1 until the
  list is empty: fill the field in, then remove its path.
- **Checking a file**: `kepu plan check data/plans/my-plan.yaml [more.yaml ...]` prints every problem as
  `file:line: field path: reason` (in Chinese; `--lang en` for English) and exits 1 if there is any,
  or prints a one-line summary of a good file. The app refuses a broken plan file at start, naming the
  same lines.
- **Editors**: `kepu plan schema > plan.schema.json` writes the plan file's JSON Schema. With VS Code's
  YAML extension (or any editor using yaml-language-server), a first line

  ```yaml
  # yaml-language-server: $schema=../../plan.schema.json
  ```

  (the path relative to the plan file, or a URL) makes the editor complete field names, show the
  meanings below and mark a wrong type or a missing field as you type. The schema checks fields one
  by one; the rules across fields need `kepu plan check`.

## Rules across fields

Checked when the file is loaded and by `kepu plan check`, each reported at the field it is about:

- the years run `baseline_year` ≤ `start_year` ≤ `end_year`, and every target's `year` lies within
  `baseline_year`–`end_year`;
- `tasks` are numbered T1, T2, … in order (one to twenty of them);
- department, unit and indicator codes are each used once (the message names both lines);
- a task's `roles` name departments listed in `departments`, none as both lead and cooperating;
- an indicator's `task` and `measure` exist; the goal's `indicator` is in `indicators`;
- a `coverage` indicator names its `numerator` and `denominator`; an indicator with
  `monitoring_only: false` has a `target`; a `full_coverage` target belongs to a `rate` or
  `coverage` indicator;
- no field is written twice in one mapping (YAML keeps the last one silently; only `kepu plan check`
  looks for this).

## Fields

Each section is one kind of mapping in the file, starting with the file itself ([Plan](#plan)).
Optional fields may be left out; `null` is written `null` or left out.
"""

_VALUE_LINE = re.compile(r"^\s*-\s*``([^`]+)``:\s*(.+)$")
_EXAMPLE_WIDTH = 120  # a longer example (a whole region, the goal) is left to its type's section


def plan_format_markdown(example_plan: Path = DEFAULT_PLAN_FILE) -> str:
    """The text of docs/plan-format.md."""
    plan = load_plan(example_plan)
    instances = _instances(plan)
    parts = [INTRO]
    for kind in _kinds(Plan):
        if issubclass(kind, enum.Enum):
            parts.append(_enum_section(kind))
        elif issubclass(kind, BaseModel):
            parts.append(_model_section(kind, instances.get(kind, [])))
    return "\n".join(parts)


def undocumented_fields() -> list[str]:
    """``Model.field`` for every field without a description (and models or enums without a docstring)."""
    missing = []
    for kind in _kinds(Plan):
        if not (kind.__doc__ or "").strip():
            missing.append(kind.__name__)
        if issubclass(kind, enum.Enum):
            documented = dict(enum_values(kind))
            missing += [f"{kind.__name__}.{m.value}" for m in kind if not documented.get(m.value)]
        elif issubclass(kind, BaseModel):
            missing += [f"{kind.__name__}.{n}" for n, f in kind.model_fields.items() if not f.description]
    return missing


def enum_values(kind: type[enum.Enum]) -> list[tuple[str, str]]:
    """An enum's values with their meanings, from its docstring's ``- ``value``: meaning`` lines."""
    found = {m[1]: m[2] for line in (kind.__doc__ or "").splitlines() if (m := _VALUE_LINE.match(line))}
    return [(str(m.value), found.get(str(m.value), "")) for m in kind]


# -- walking the models --------------------------------------------------------------------------


def _kinds(root: type[BaseModel]) -> list[type]:
    """The models and enums a plan file is made of, in the order a reader meets them."""
    seen: list[type] = []

    def visit(kind: type) -> None:
        if kind in seen:
            return
        seen.append(kind)
        if issubclass(kind, BaseModel):
            for f in kind.model_fields.values():
                for inner in _leaf_types(f.annotation):
                    if issubclass(inner, BaseModel | enum.Enum):
                        visit(inner)

    visit(root)
    return seen


def _leaf_types(annotation: object) -> Iterator[type]:
    args = typing.get_args(annotation)
    if args:
        for arg in args:
            if arg is not Ellipsis:
                yield from _leaf_types(arg)
    elif isinstance(annotation, type) and annotation is not type(None):
        yield annotation


def _instances(plan: Plan) -> dict[type, list[BaseModel]]:
    """Every model object of the shipped plan by class, in file order: where the examples come from."""
    found: dict[type, list[BaseModel]] = {}

    def walk(obj: object) -> None:
        if isinstance(obj, BaseModel):
            found.setdefault(type(obj), []).append(obj)
            for name in type(obj).model_fields:
                walk(getattr(obj, name))
        elif isinstance(obj, tuple):
            for item in obj:
                walk(item)

    walk(plan)
    return found


# -- writing the sections ------------------------------------------------------------------------


def _anchor(kind: type) -> str:
    return kind.__name__.lower()


def _link(kind: type) -> str:
    return f"[{kind.__name__}](#{_anchor(kind)})"


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _enum_section(kind: type[enum.Enum]) -> str:
    rows = [f"| `{value}` | {_cell(meaning)} |" for value, meaning in enum_values(kind)]
    return "\n".join(
        [
            f"### {kind.__name__}",
            "",
            _first_paragraph(kind.__doc__) + " One of:",
            "",
            "| value | meaning |",
            "| --- | --- |",
            *rows,
            "",
        ]
    )


def _model_section(kind: type[BaseModel], instances: list[BaseModel]) -> str:
    rows = [
        f"| `{name}` | {_cell(_type(f.annotation, f))} | {_cell(_required(f))} | {_cell(f.description or '')} "
        f"| {_cell(_example(name, f, instances))} |"
        for name, f in kind.model_fields.items()
    ]
    return "\n".join(
        [
            f"### {kind.__name__}",
            "",
            _first_paragraph(kind.__doc__),
            "",
            "| field | type | required | meaning | example |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )


def _type(annotation: object, info: FieldInfo | None = None) -> str:
    args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        named = [_type(a) for a in args if a is not type(None)]
        text = " or ".join(named) + (" or null" if type(None) in args else "")
    elif origin in (tuple, list):
        text = f"list of {_type(args[0])}"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        text = _link(annotation)
    else:
        text = {str: "text", int: "integer", float: "number", bool: "true / false"}.get(
            annotation if isinstance(annotation, type) else type(None), str(annotation)
        )
    limits = _constraints(info, is_list=origin in (tuple, list)) if info else ""
    return f"{text}{limits}"


def _constraints(info: FieldInfo, *, is_list: bool) -> str:
    found: dict[str, object] = {}
    for item in info.metadata:
        for attr in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(item, attr, None)
            if value is not None:
                found[attr] = value
    words = []
    if "pattern" in found:
        words.append(f"matching `{found['pattern']}`")
    if "ge" in found and "le" in found:
        words.append(f"{found['ge']} to {found['le']}")
    else:
        words += [
            f"{sign} {found[attr]}"
            for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"))
            if attr in found
        ]
    lo, hi = found.get("min_length"), found.get("max_length")
    if is_list and lo is not None and lo == hi:
        words.append(f"exactly {lo}")
    elif is_list:
        words += [f"{w} {n}" for w, n in (("at least", lo), ("at most", hi)) if n is not None]
    elif lo == 1:
        words.append("not empty")
    return f", {', '.join(words)}" if words else ""


def _required(info: FieldInfo) -> str:
    if info.is_required():
        return "yes"
    return f"no (default `{_yaml(_plain(info.default))}`)"


def _example(name: str, info: FieldInfo, instances: list[BaseModel]) -> str:
    if _leaf_list_of_models(info.annotation):
        return "see the type"
    values = [getattr(obj, name) for obj in instances]
    present = [v for v in values if v is not None and v != ()]
    telling = [v for v in present if v != info.default] or present
    if telling:
        shown = _yaml(_shorten(_plain(telling[0])))
        return f"`{shown}`" if len(shown) <= _EXAMPLE_WIDTH else "see the type"
    if info.examples:
        return f"`{_yaml(info.examples[0])}`"
    return ""


def _leaf_list_of_models(annotation: object) -> bool:
    if typing.get_origin(annotation) not in (tuple, list):
        return False
    inner = typing.get_args(annotation)[0]
    return isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not Text


def _plain(value: object) -> object:
    """A field's value as it is written in the file."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _shorten(value: object) -> object:
    if isinstance(value, str) and len(value) > 40:
        return value[:39] + "…"
    if isinstance(value, list):
        return [_shorten(v) for v in value[:3]] + (["…"] if len(value) > 3 else [])
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    return value


def _yaml(value: object) -> str:
    """A value in YAML's flow style, on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if value == "…":
        return "…"
    text = yaml.safe_dump(value, allow_unicode=True, width=math.inf).strip()
    return text.removesuffix("...").strip()
