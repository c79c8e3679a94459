"""Check a plan file and say where each problem is: file, line, field path, reason.

``load_plan`` stops at a broken file; this module is for the person writing one
(``kepu plan check``).  It reads the YAML twice: composed, for the line of every
node, and loaded, for the models.  Each pydantic error's ``loc`` and each rule's
path (data.plan.cross_reference_problems) is looked up among the nodes, so a
problem points at its own line, not at the plan.  Fields still ``to_fill``
are reported too (the plan loads, but is not finished).

Cross-field rules run once every field is valid (a plan must exist to be
cross-checked), so a file with a wrong type shows its unknown departments on
the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from data.plan import FieldProblem, Loc, Plan, PlanProblems, field_path, in_language, path_loc
from data.plan_messages import message

TO_FILL = "to_fill"


@dataclass(frozen=True)
class CheckProblem:
    """One problem of a plan file, in both languages, at a line (1-based) and field path."""

    file: str
    line: int | None
    path: str  # the field path, "" for a problem of the file as a whole
    key: str  # data/plan_messages.py key or pydantic error type
    zh: str
    en: str
    column: int | None = None  # YAML syntax errors only

    @property
    def is_error(self) -> bool:
        """False for a field still to fill in: the app runs on such a plan."""
        return self.key != TO_FILL

    @property
    def bilingual(self) -> str:
        return self.en if self.zh == self.en else f"{self.zh} / {self.en}"

    def text(self, lang: str = "zh") -> str:
        """``file:line[:column]: path: message``, as compilers write it."""
        where = self.file + "".join(f":{n}" for n in (self.line, self.column) if n)
        msg = in_language({"zh": self.zh, "en": self.en}, lang)
        return f"{where}: {self.path}: {msg}" if self.path else f"{where}: {msg}"


@dataclass
class CheckResult:
    file: str
    plan: Plan | None  # None when the file is not a valid plan
    problems: list[CheckProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_plan_file(path: Path | str) -> CheckResult:
    """Every problem of a plan file (an empty list and the plan when it is good and finished)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CheckResult(str(path), None, [_problem(str(path), None, FieldProblem((), "file_not_found"))])
    except UnicodeDecodeError:
        return CheckResult(str(path), None, [_problem(str(path), None, FieldProblem((), "not_utf8"))])
    return check_plan_text(text, str(path))


def check_plan_text(text: str, file: str = "<plan>") -> CheckResult:
    """Every problem of a plan file's text; ``file`` names it in the messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return CheckResult(file, None, [_syntax_problem(file, exc)])
    if not isinstance(root, yaml.MappingNode) or not isinstance(raw, dict):
        line = root.start_mark.line + 1 if root is not None else 1
        return CheckResult(file, None, [_problem(file, line, FieldProblem((), "not_a_mapping"))])

    def line_of(loc: Loc) -> int:
        return _mark(root, loc).line + 1

    problems = [_problem(file, line_of(p.loc), p, line_of) for p in _duplicate_keys(root)]
    plan: Plan | None = None
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        problems += [_problem(file, line_of(p.loc), p, line_of) for p in field_problems(exc.errors())]
    else:
        problems += [
            _problem(file, line_of(path_loc(p)), FieldProblem(path_loc(p), TO_FILL), path=p) for p in plan.to_fill
        ]
    problems.sort(key=lambda p: p.line or 0)
    return CheckResult(file, plan if not any(p.is_error for p in problems) else None, problems)


def field_problems(errors: list[ErrorDetails]) -> list[FieldProblem]:
    """Pydantic's errors as problems at field paths, a validator's list (PlanProblems) unpacked."""
    out: list[FieldProblem] = []
    # Pydantic counts a list's items after validating them, so a broken item also makes the list
    # "too short"; that second complaint only repeats the first.
    inside = {tuple(e["loc"][:n]) for e in errors for n in range(len(e["loc"]))}
    for e in errors:
        if e["type"] in ("too_short", "too_long") and tuple(e["loc"]) in inside:
            continue
        ctx = dict(e.get("ctx") or {})
        raised = ctx.pop("error", None)
        if isinstance(raised, PlanProblems):
            out += [FieldProblem((*e["loc"], *p.loc), p.key, p.params) for p in raised.problems]
            continue
        params = {**ctx, "msg": e["msg"]}
        if e["type"] != "missing":  # a missing field's input is the whole mapping around it
            params["input"] = e["input"]
        out.append(FieldProblem(tuple(e["loc"]), e["type"], params))
    return out


def _problem(
    file: str,
    line: int | None,
    problem: FieldProblem,
    line_of: object = None,
    path: str | None = None,
) -> CheckProblem:
    lines = line_of if callable(line_of) else None
    return CheckProblem(
        file=file,
        line=line,
        path=path if path is not None else (field_path(problem.loc) if problem.loc else ""),
        key=problem.key,
        zh=message(problem, "zh", lines),
        en=message(problem, "en", lines),
    )


def _syntax_problem(file: str, exc: yaml.YAMLError) -> CheckProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    found = _problem(file, None, FieldProblem((), "yaml_syntax", {"problem": what}))
    if mark is None:
        return found
    return CheckProblem(file, mark.line + 1, "", found.key, found.zh, found.en, column=mark.column + 1)


def _mark(root: yaml.Node, loc: Loc) -> yaml.Mark:
    """Where a field path is written: the key of a field, the item of a list; for a field that is
    not there (a missing one), the nearest place above it that is."""
    node, mark = root, root.start_mark
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            # the last of a repeated key, as the loader keeps it
            match = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)]
            if not match:
                break
            key, node = match[-1]
            mark = key.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark


def _duplicate_keys(root: yaml.Node, loc: Loc = ()) -> list[FieldProblem]:
    """Keys written twice in one mapping: YAML keeps the last one silently."""
    found: list[FieldProblem] = []
    if isinstance(root, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in root.value:
            name = str(key.value)
            if name in seen:
                # the path leads to the last one (the loader's), so the first is named by its line
                first = next(k for k, _ in root.value if str(k.value) == name)
                params = {"name": name, "first_line": first.start_mark.line + 1}
                found.append(FieldProblem((*loc, name), "duplicate_key", params))
            seen.add(name)
            found += _duplicate_keys(value, (*loc, name))
    elif isinstance(root, yaml.SequenceNode):
        for i, item in enumerate(root.value):
            found += _duplicate_keys(item, (*loc, i))
    return found
