"""docs/plan-format.md and the JSON Schema come from the models and cannot drift from them."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner

from dashboard.cli import cli
from data.plan import DEFAULT_PLAN_FILE, PLANS_DIR, Plan
from data.plan_docs import DOC_FILE, REGENERATE, plan_format_markdown, undocumented_fields


def test_the_plan_format_doc_is_generated_from_the_models():
    assert DOC_FILE.read_text(encoding="utf-8") == plan_format_markdown(), (
        f"docs/plan-format.md is out of date: run `{REGENERATE}` (.venv/bin/python -m dashboard plan docs --write)"
    )


def test_every_field_model_and_enum_value_has_a_meaning():
    assert undocumented_fields() == []


def test_the_doc_has_a_section_for_every_model_and_enum_and_a_row_for_every_field():
    doc = plan_format_markdown()
    models = ("Plan", "PlanRegion", "Region", "Goal", "Objective", "Department", "Task", "TaskRoles", "Measure")
    enums = ("TaskKind", "IndicatorKind", "Rollup", "TargetType")
    for name in (*models, "Indicator", "Target", "Text", *enums):
        assert f"\n### {name}\n" in doc
    section = doc.split("\n### Indicator\n")[1].split("\n### ")[0]
    assert "| `decimals` | integer, 0 to 3 | no (default `0`) |" in section
    assert "| `code` | text, matching `^T[1-9][0-9]?-\\d{2}$\\|^G-\\d{2}$` | yes |" in section
    assert "| `full_coverage` |" in doc and "`'230102'`" in doc  # enum values, examples from the shipped plan


def test_kepu_plan_docs_prints_the_doc():
    result = CliRunner().invoke(cli, ["plan", "docs"], obj={}, catch_exceptions=False)
    assert result.exit_code == 0 and result.output == plan_format_markdown()


# -- the JSON Schema -------------------------------------------------------------------------------
# jsonschema is not a dependency: this validator covers the keywords pydantic's schema of the plan
# uses (test_the_schema_uses_only_keywords_the_test_knows keeps it honest).
KNOWN = {"$defs", "$ref", "additionalProperties", "anyOf", "default", "description", "enum", "examples", "items"}
KNOWN |= {"maxItems", "maximum", "minItems", "minLength", "minimum", "pattern", "properties", "required"}
KNOWN |= {"title", "type", "exclusiveMinimum"}
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_errors(value, schema, root, path="") -> list[str]:
    if "$ref" in schema:
        return schema_errors(value, root["$defs"][schema["$ref"].split("/")[-1]], root, path)
    if "anyOf" in schema:
        tries = [schema_errors(value, option, root, path) for option in schema["anyOf"]]
        return [] if any(not t for t in tries) else [e for t in tries for e in t]
    errors = []
    wanted = schema.get("type")
    if wanted:
        ok = isinstance(value, TYPES[wanted]) and not (wanted in ("integer", "number") and isinstance(value, bool))
        if not ok:
            return [f"{path}: {value!r} is not {wanted}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{path}: too short")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: below {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{path}: above {schema['maximum']}")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        errors.append(f"{path}: not above {schema['exclusiveMinimum']}")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        for i, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), root, f"{path}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}.{name}: missing" for name in schema.get("required", []) if name not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{path}.{name}: not allowed" for name in value if name not in properties]
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], root, f"{path}.{name}")
    return errors


@pytest.fixture(scope="module")
def schema():
    result = CliRunner().invoke(cli, ["plan", "schema"], obj={}, catch_exceptions=False)
    assert result.exit_code == 0
    return json.loads(result.output)


def test_kepu_plan_schema_prints_the_models_json_schema(schema):
    assert schema == Plan.model_json_schema()
    assert schema["additionalProperties"] is False and "tasks" in schema["required"]
    assert schema["$defs"]["Region"]["properties"]["code"]["pattern"] == r"^\d{6}$"
    assert schema["$defs"]["TargetType"]["enum"] == ["level_by_year", "cumulative", "every_year", "full_coverage"]
    assert schema["$defs"]["Task"]["properties"]["kind"]["description"]  # what an editor shows on hover


def test_the_schema_uses_only_keywords_the_test_knows(schema):
    found = set()

    def walk(node):
        if isinstance(node, dict):
            found.update(node)
            for key, value in node.items():
                for child in value.values() if key in ("properties", "$defs") else [value]:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    assert found <= KNOWN


@pytest.mark.parametrize("plan_file", sorted(PLANS_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_plan_validates_against_the_schema(schema, plan_file):
    raw = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    assert schema_errors(raw, schema, schema) == []


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda raw: raw.pop("start_year"), ".start_year: missing"),
        (lambda raw: raw.update(end_year="twenty"), ".end_year: 'twenty' is not integer"),
        (lambda raw: raw.update(colour="red"), ".colour: not allowed"),
        (lambda raw: raw["region"]["units"][0].update(code=230102), ".region.units[0].code: 230102 is not string"),
        (lambda raw: raw["tasks"][0].update(kind="campaign"), ".tasks[0].kind: 'campaign' not in"),
    ],
)
def test_the_schema_catches_what_an_editor_should(schema, edit, error):
    raw = yaml.safe_load(DEFAULT_PLAN_FILE.read_text(encoding="utf-8"))
    edit(raw)
    assert any(e.startswith(error) for e in schema_errors(raw, schema, schema))
