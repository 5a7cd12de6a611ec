"""The validator's working parts: collecting problems, checking keys, placing problems in text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from tui.api.filters.jsontext import JsonSyntaxError, ParsedText, Path, line_column, parse
from tui.api.filters.problems import (
    Code,
    Fix,
    Problem,
    Remove,
    RenameKey,
    SetValue,
    Severity,
    describe_type,
    one_of,
    quote,
)
from tui.api.filters.schema import ModelSchema
from tui.api.filters.suggest import closest

CONJUNCTION_MESSAGE = (
    '"conjunction" is misspelled: the key is "conjonction"; the server ignores "conjunction" '
    "and silently returns no records"
)


class Checker:
    """Collects problems while a check walks the data; knows the model when there is one."""

    def __init__(self, schema: ModelSchema | None = None) -> None:
        self.schema = schema
        self.problems: list[Problem] = []
        # Keys a rename fix will supply, checked as if renamed but reported where they are.
        self._aliases: dict[Path, Path] = {}

    def report(
        self,
        pointer: Path,
        code: Code,
        message: str,
        *,
        fix: Fix | None = None,
        warning: bool = False,
        on_key: bool = False,
    ) -> None:
        if fix is not None and self._aliases:
            fix = Fix(
                fix.label, tuple(replace(edit, path=self._actual(edit.path)) for edit in fix.edits)
            )
        severity = Severity.WARNING if warning else Severity.ERROR
        problem = Problem(self._actual(pointer), code, severity, message, fix, on_key=on_key)
        self.problems.append(problem)

    def _actual(self, pointer: Path) -> Path:
        """Where a path that goes through renamed keys really is in the user's JSON."""
        for alias in sorted(self._aliases, key=len, reverse=True):
            if pointer[: len(alias)] == alias:
                pointer = self._aliases[alias] + pointer[len(alias) :]
        return pointer

    def expect_object(self, value: object, pointer: Path, what: str) -> dict[str, Any] | None:
        """``value`` as a dict, or report that ``what`` must be an object and return None."""
        if isinstance(value, Mapping):
            return {str(key): item for key, item in value.items()}
        self.report(
            pointer, Code.WRONG_TYPE, f"{what} must be an object, not {describe_type(value)}"
        )
        return None

    def expect_list(self, owner: dict[str, Any], pointer: Path, key: str, what: str) -> list[Any]:
        """``owner[key]`` as a list; a lone object is reported with a fix that wraps it."""
        value = owner.get(key)
        if isinstance(value, list):
            return value
        at = (*pointer, key)
        fix = None
        if isinstance(value, Mapping):
            fix = Fix(f"wrap {key} in a list", (SetValue(at, [value]),))
        message = f'"{key}" must be a list of {what}, not {describe_type(value)}'
        self.report(at, Code.WRONG_TYPE, message, fix=fix)
        return []

    def keys(
        self,
        obj: dict[str, Any],
        pointer: Path,
        allowed: Iterable[str],
        where: str,
        *,
        required: Iterable[str] = (),
        defaults: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Report unknown and missing keys; return ``obj`` as it reads once renames are fixed."""
        allowed = tuple(allowed)
        view = {key: value for key, value in obj.items() if key in allowed}
        for key, value in obj.items():
            if key not in allowed:
                self._unknown_key(obj, view, pointer, key, value, allowed, where)
        for key in required:
            if key not in view:
                default = (defaults or {}).get(key)
                fix = None
                if default is not None:
                    fix = Fix(f"add {key}: {quote(default)}", (SetValue((*pointer, key), default),))
                    view[key] = default
                self.report((*pointer, key), Code.MISSING_KEY, f'{where} needs "{key}"', fix=fix)
        return view

    def _unknown_key(
        self,
        obj: dict[str, Any],
        view: dict[str, Any],
        pointer: Path,
        key: str,
        value: Any,
        allowed: tuple[str, ...],
        where: str,
    ) -> None:
        at = (*pointer, key)
        target = closest(key, allowed)
        if target is not None and target not in obj and target not in view:
            view[target] = value
            self._aliases[(*pointer, target)] = at
            message = f'unknown key "{key}" in {where}: did you mean "{target}"?'
            if target == "conjonction" and key.lower() == "conjunction":
                message = CONJUNCTION_MESSAGE
            fix = Fix(f"rename to {target}", (RenameKey(at, target),))
            self.report(at, Code.UNKNOWN_KEY, message, fix=fix, on_key=True)
            return
        if target is not None:
            message = f'unknown key "{key}" in {where}: "{target}" is already set; remove this one'
            if target == "conjonction" and key.lower() == "conjunction":
                message = f"{CONJUNCTION_MESSAGE}; remove it"
        else:
            message = f'unknown key "{key}" in {where}: use {one_of(allowed)}'
        self.report(
            at, Code.UNKNOWN_KEY, message, fix=Fix(f"remove {key}", (Remove(at),)), on_key=True
        )

    def choice(
        self,
        obj: dict[str, Any],
        pointer: Path,
        key: str,
        options: Iterable[str],
        what: str,
        *,
        code: Code = Code.INVALID_VALUE,
    ) -> str | None:
        """``obj[key]`` if it is one of ``options``; otherwise report it (with the closest one)."""
        options = tuple(options)
        value = obj.get(key)
        if isinstance(value, str) and value in options:
            return value
        at = (*pointer, key)
        if not isinstance(value, str):
            message = f'"{key}" must be {one_of(options)}, not {describe_type(value)}'
            self.report(at, Code.WRONG_TYPE, message)
            return None
        target = closest(value, options)
        fix = Fix(f"use {target}", (SetValue(at, target),)) if target else None
        if target:
            message = f'{quote(value)} is not {what}: did you mean "{target}"? ({one_of(options)})'
        else:
            message = f"{quote(value)} is not {what}: use {one_of(options)}"
        self.report(at, code, message, fix=fix)
        return None

    def not_found(
        self, at: Path, code: Code, missing: str, target: str | None, listing: str
    ) -> None:
        """Report a name that does not exist, offering ``target`` (the closest one) as the fix."""
        if target is not None:
            fix = Fix(f"use {target}", (SetValue(at, target),))
            self.report(at, code, f'{missing}: did you mean "{target}"?', fix=fix)
        else:
            self.report(at, code, f"{missing}: {listing}" if listing else missing)

    def string(self, obj: dict[str, Any], pointer: Path, key: str) -> str | None:
        """``obj[key]`` if it is a non-empty string; otherwise report it (absent is fine)."""
        value = obj.get(key)
        if key not in obj or (isinstance(value, str) and value):
            return value if isinstance(value, str) else None
        if isinstance(value, str):
            self.report((*pointer, key), Code.INVALID_VALUE, f'"{key}" is empty')
        else:
            message = f'"{key}" must be a string, not {describe_type(value)}'
            fix = None
            if isinstance(value, int | float) and not isinstance(value, bool):
                fix = Fix(f"use {quote(str(value))}", (SetValue((*pointer, key), str(value)),))
            self.report((*pointer, key), Code.WRONG_TYPE, message, fix=fix)
        return None


def run(
    source: object, check: Callable[[Checker, Any], None], schema: ModelSchema | None
) -> list[Problem]:
    """Parse ``source`` if it is text, run ``check``, and place, order and de-duplicate."""
    parsed: ParsedText | None = None
    data = source
    if isinstance(source, str):
        result = parse(source)
        if isinstance(result, JsonSyntaxError):
            end = max(min(result.offset + 1, len(source)), result.offset)
            end_line, end_column = line_column(source, end)
            problem = Problem(
                (),
                Code.INVALID_JSON,
                Severity.ERROR,
                f"not valid JSON: {result.reason}",
                line=result.line,
                column=result.column,
                start=result.offset,
                end=end,
                end_line=end_line,
                end_column=end_column,
            )
            return [problem]
        parsed, data = result, result.value
    checker = Checker(schema)
    try:
        check(checker, data)
    except Exception as error:  # the validator must never take the editor down
        message = f"could not check this part: {type(error).__name__}: {error}"
        checker.problems.append(Problem((), Code.INTERNAL, Severity.WARNING, message))
    problems = checker.problems
    if parsed is not None:
        problems = [*_duplicates(parsed), *problems]
        return _ordered([_placed(problem, parsed) for problem in problems], parsed)
    return _ordered(problems, None, data)


def _duplicates(parsed: ParsedText) -> list[Problem]:
    return [
        Problem(
            dup.path,
            Code.DUPLICATE_KEY,
            Severity.WARNING,
            f'"{dup.path[-1]}" appears more than once here: the last one wins; remove the others',
            start=dup.key_start,
            end=dup.key_end,
            on_key=True,
        )
        for dup in parsed.duplicates
    ]


def _placed(problem: Problem, parsed: ParsedText) -> Problem:
    if problem.start is None:
        pointer = problem.pointer
        while pointer not in parsed.nodes and pointer:
            pointer = pointer[:-1]
        node = parsed.nodes.get(pointer)
        if node is None:
            return problem
        start, end = node.start, node.end
        if pointer == problem.pointer and problem.on_key and node.key_start is not None:
            start, end = node.key_start, node.key_end or node.start
        elif pointer != problem.pointer:
            end = start + 1  # a missing key: mark the opening brace of its object
        problem = replace(problem, start=start, end=end)
    line, column = parsed.line_column(problem.start or 0)
    end_line, end_column = parsed.line_column(problem.end or problem.start or 0)
    return replace(problem, line=line, column=column, end_line=end_line, end_column=end_column)


def _ordered(problems: list[Problem], parsed: ParsedText | None, data: Any = None) -> list[Problem]:
    """By position in the text (or in the data, for parsed input), without repeats."""
    seen: set[tuple[Path, Code, str]] = set()
    unique: list[Problem] = []
    for problem in problems:
        key = (problem.pointer, problem.code, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    if parsed is not None:
        return sorted(unique, key=lambda p: p.start or 0)
    order = _document_order(data)
    return sorted(unique, key=lambda p: _rank(p.pointer, order))


def _document_order(data: Any) -> dict[Path, int]:
    order: dict[Path, int] = {}
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        pointer, value = stack.pop()
        order[pointer] = len(order)
        if isinstance(value, Mapping):
            items = [((*pointer, str(key)), item) for key, item in value.items()]
        elif isinstance(value, list):
            items = [((*pointer, index), item) for index, item in enumerate(value)]
        else:
            continue
        stack.extend(reversed(items))
    return order


def _rank(pointer: Path, order: dict[Path, int]) -> tuple[int, int]:
    # A missing key ranks with its object (as in text, where it marks the object's brace).
    depth = len(pointer)
    while pointer not in order and pointer:
        pointer = pointer[:-1]
    return order.get(pointer, 0), depth
