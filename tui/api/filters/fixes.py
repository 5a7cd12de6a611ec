"""Apply a problem's fix: to the user's text in place (keeping their layout), or to parsed data."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

from tui.api.filters.jsontext import ParsedText, Path, parse
from tui.api.filters.problems import Edit, Fix, Problem, RenameKey, SetValue

#: Values longer than this, once written on one line, are spread over several lines.
_INLINE_WIDTH = 60


class FixNotApplicable(ValueError):
    """The fix no longer fits the text (it changed since it was checked) or the text is not JSON."""


def apply_fix(text: str, fix: Fix) -> str:
    """``text`` with ``fix`` applied, edited in place so the rest of the layout is unchanged.

    Raises FixNotApplicable if the text is not JSON or no longer has what the fix edits.
    """
    original = text
    for edit in fix.edits:
        parsed = parse(text)
        if not isinstance(parsed, ParsedText):
            raise FixNotApplicable("the text is not valid JSON")
        text = _edit_text(parsed, edit)
    if isinstance(parse(text), ParsedText):
        return text
    # In-place editing should always give JSON; if it ever does not, rewrite the whole text.
    value = apply_fix_to_data(json.loads(original), fix)  # pragma: no cover
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"  # pragma: no cover


def apply_fix_to_data(data: Any, fix: Fix) -> Any:
    """A copy of ``data`` with ``fix`` applied. Raises FixNotApplicable if it does not fit."""
    result = copy.deepcopy(data)
    for edit in fix.edits:
        result = _edit_data(result, edit)
    return result


def fix_all(text: str, check: Callable[[str], list[Problem]], *, rounds: int = 100) -> str:
    """Apply fixes one at a time, checking again after each, until none is left to apply."""
    tried: set[tuple[Path, str, str]] = set()
    for _ in range(rounds):
        candidates = [
            problem
            for problem in check(text)
            if problem.fix is not None
            and (problem.pointer, problem.code, problem.message) not in tried
        ]
        if not candidates:
            break
        problem = candidates[0]
        tried.add((problem.pointer, problem.code, problem.message))
        assert problem.fix is not None
        try:
            text = apply_fix(text, problem.fix)
        except FixNotApplicable:
            continue
    return text


# -- data ---------------------------------------------------------------------------------------


def _edit_data(data: Any, edit: Edit) -> Any:
    if not edit.path:
        if isinstance(edit, SetValue):
            return copy.deepcopy(edit.value)
        raise FixNotApplicable("cannot rename or remove the whole filter")
    parent = _at(data, edit.path[:-1])
    last = edit.path[-1]
    if isinstance(edit, RenameKey):
        if not isinstance(parent, dict) or last not in parent or edit.new in parent:
            raise FixNotApplicable(f"cannot rename {last!r} to {edit.new!r}")
        renamed = {(edit.new if key == last else key): value for key, value in parent.items()}
        parent.clear()
        parent.update(renamed)
    elif isinstance(edit, SetValue):
        if not (isinstance(parent, dict) or _has(parent, last)):
            raise FixNotApplicable(f"nowhere to set {last!r}")
        parent[last] = copy.deepcopy(edit.value)
    elif _has(parent, last):
        del parent[last]
    else:
        raise FixNotApplicable(f"nothing to remove at {last!r}")
    return data


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _at(data: Any, path: Path) -> Any:
    for part in path:
        if not _has(data, part):
            raise FixNotApplicable(f"the filter has nothing at {part!r} any more")
        data = data[part]
    return data


# -- text ---------------------------------------------------------------------------------------


def _edit_text(parsed: ParsedText, edit: Edit) -> str:
    text, nodes = parsed.text, parsed.nodes
    node = nodes.get(edit.path)
    if isinstance(edit, RenameKey):
        if node is None or node.key_start is None or node.key_end is None:
            raise FixNotApplicable(f"the key {edit.path[-1]!r} is not there any more")
        if (*edit.path[:-1], edit.new) in nodes:
            raise FixNotApplicable(f"{edit.new!r} is already set")
        return (
            text[: node.key_start] + json.dumps(edit.new, ensure_ascii=False) + text[node.key_end :]
        )
    if isinstance(edit, SetValue):
        if node is not None:
            rendered = _render(edit.value, _indent(text, node.start))
            return text[: node.start] + rendered + text[node.end :]
        return _insert_member(parsed, edit)
    if node is None or not edit.path:
        raise FixNotApplicable("there is nothing to remove there any more")
    return _remove(parsed, edit.path)


def _insert_member(parsed: ParsedText, edit: SetValue) -> str:
    text = parsed.text
    parent_path, key = edit.path[:-1], edit.path[-1]
    parent = parsed.nodes.get(parent_path)
    if parent is None or not isinstance(key, str) or text[parent.start] != "{":
        raise FixNotApplicable(f"nowhere to add {key!r}")
    siblings = parsed.children(parent_path)
    if not siblings:
        inner = text[parent.start + 1 : parent.end - 1]
        base = _indent(text, parent.start)
        if "\n" in inner:
            member = _member(key, edit.value, ": ", base + "  ")
            return f"{text[: parent.start]}{{\n{base}  {member}\n{base}}}{text[parent.end :]}"
        return (
            f"{text[: parent.start]}{{{_member(key, edit.value, ': ', base)}}}{text[parent.end :]}"
        )
    last = parsed.nodes[siblings[-1]]
    key_start = last.key_start if last.key_start is not None else last.start
    before = text[:key_start]
    separator = before[len(before.rstrip()) :]  # the whitespace that leads into a member
    colon = text[last.key_end : last.start] if last.key_end is not None else ": "
    if len(siblings) == 1 and "\n" not in separator:
        # Only the space after "{" to go by: follow the colon's style instead.
        separator = " " if colon.endswith(" ") else ""
    member = _member(key, edit.value, colon, _indent(text, key_start))
    return f"{text[: last.end]},{separator}{member}{text[last.end :]}"


def _remove(parsed: ParsedText, path: Path) -> str:
    text = parsed.text
    siblings = parsed.children(path[:-1])
    index = siblings.index(path)
    node = parsed.nodes[path]
    start = node.key_start if node.key_start is not None else node.start
    if index > 0:
        previous = parsed.nodes[siblings[index - 1]]
        return text[: previous.end] + text[node.end :]
    if index + 1 < len(siblings):
        following = parsed.nodes[siblings[index + 1]]
        next_start = following.key_start if following.key_start is not None else following.start
        return text[:start] + text[next_start:]
    parent = parsed.nodes[path[:-1]]
    return text[: parent.start + 1] + text[parent.end - 1 :]


def _member(key: str, value: Any, colon: str, indent: str) -> str:
    return json.dumps(key, ensure_ascii=False) + colon + _render(value, indent)


def _render(value: Any, indent: str) -> str:
    """``value`` as JSON: on one line when short, else indented from ``indent``."""
    inline = json.dumps(value, ensure_ascii=False)
    if len(inline) <= _INLINE_WIDTH or not isinstance(value, dict | list) or not value:
        return inline
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _indent(text: str, offset: int) -> str:
    """The leading whitespace of the line holding ``offset``."""
    line_start = text.rfind("\n", 0, offset) + 1
    match = re.match(r"[ \t]*", text[line_start:])
    return match.group(0) if match else ""
