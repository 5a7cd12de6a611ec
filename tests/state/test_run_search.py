"""Search inside a run, below the screens: finding text in node outputs, the jq-style path
filter, and what the user typed read as one or the other."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.state.run_search import (
    EACH,
    MAX_MATCHES,
    Missing,
    PathError,
    PathQuery,
    Stopped,
    TextQuery,
    find,
    format_path,
    format_steps,
    parse_path,
    parse_query,
    select,
)

CONTEXT: dict[str, Any] = {
    "start": {"domain": "apertureenergy..com", "tags": ["b2b", "EU"], "employees": 1051},
    "clearbit_enrich": {
        "status": 422,
        "body": {"error": {"type": "invalid_domain", "message": "'apertureenergy..com' is bad"}},
    },
    "qualify": {"answer": {"fit": False, "reasoning": None}, "retry-after": "10"},
}


def paths(needle: str, context: dict[str, Any] = CONTEXT) -> list[str]:
    return [format_path(m.path) for m in find(context, needle).matches]


def test_text_is_found_in_every_node_in_the_order_they_are_written() -> None:
    assert paths("apertureenergy") == [".start.domain", ".clearbit_enrich.body.error.message"]


def test_case_is_ignored_and_keys_count_as_well_as_values() -> None:
    found = find(CONTEXT, "ERROR").matches
    assert [format_path(m.path) for m in found] == [".clearbit_enrich.body.error"]
    assert found[0].in_key and not found[0].in_value
    assert paths("eu") == [".start.tags[1]"]


def test_scalars_are_found_as_json_writes_them() -> None:
    assert paths("422") == [".clearbit_enrich.status"]
    assert paths("false") == [".qualify.answer.fit"]
    assert paths("null") == [".qualify.answer.reasoning"]
    assert paths("1051") == [".start.employees"]


def test_a_container_is_not_a_value_and_nothing_is_found_for_nothing() -> None:
    assert paths("{") == []
    assert find(CONTEXT, "").matches == ()


def test_unicode_is_found_ignoring_case_as_unicode_folds_it() -> None:
    context = {"n": {"straße": "Zürich 🚀", "名前": "東京"}}
    assert paths("STRASSE", context) == ['.n."straße"']
    assert paths("zürich 🚀", context) == ['.n."straße"']
    assert paths("東京", context) == ['.n."名前"']


def test_a_very_long_string_is_searched_to_its_end() -> None:
    long = "x" * 2_000_000 + "needle"
    assert paths("NEEDLE", {"n": {"body": long}}) == [".n.body"]


def test_deep_nesting_and_lists_cost_no_recursion() -> None:
    value: Any = "needle"
    for depth in range(5_000):
        value = {"k": value} if depth % 2 else [value]
    found = find({"deep": value}, "needle").matches
    assert len(found) == 1 and len(found[0].path) == 5_001
    assert found[0].path[:3] == ("deep", "k", 0)


def test_the_search_stops_counting_at_its_limit_and_says_so() -> None:
    context = {"n": {"items": ["hit"] * 50}}
    found = find(context, "hit", limit=10)
    assert len(found.matches) == 10 and not found.complete
    assert find(context, "hit").complete and MAX_MATCHES > 50


def test_a_newer_search_stops_this_one() -> None:
    with pytest.raises(Stopped):
        find({"n": list(range(10_000))}, "9", stop=lambda: True)


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("clearbit", TextQuery("clearbit")),
        ("  invalid domain  ", TextQuery("invalid domain")),
        (".clearbit_enrich.body", PathQuery(".clearbit_enrich.body")),
        ('".com"', TextQuery(".com")),
        ('".com', TextQuery(".com")),  # the closing quote not typed yet
        ('" a "', TextQuery(" a ")),
        ("", None),
        ("   ", None),
        ('""', None),
    ],
)
def test_what_is_typed_is_a_path_when_it_starts_with_a_dot(
    typed: str, query: TextQuery | PathQuery | None
) -> None:
    assert parse_query(typed) == query


@pytest.mark.parametrize(
    ("path", "steps"),
    [
        (".", ()),
        (".clearbit_enrich.body.error", ("clearbit_enrich", "body", "error")),
        (".start.tags[0]", ("start", "tags", 0)),
        (".start.tags[-1]", ("start", "tags", -1)),
        (".start.tags[]", ("start", "tags", EACH)),
        (".[]", (EACH,)),
        ('.qualify."retry-after"', ("qualify", "retry-after")),
        ('.["qualify"]["retry-after"]', ("qualify", "retry-after")),
        (".start.[0]", ("start", 0)),
        (".hubspot-upsert.id", ("hubspot-upsert", "id")),
        (" .a[ 2 ] ", ("a", 2)),
    ],
)
def test_jq_paths_are_read(path: str, steps: tuple[Any, ...]) -> None:
    assert parse_path(path) == steps


@pytest.mark.parametrize(
    ("path", "column", "says"),
    [
        (".a.", 4, "a key name must follow '.'"),
        ("..", 2, "found '.'"),
        (".a b", 3, "expected '.' or '['"),
        (".a[", 3, "no closing ']'"),
        (".a[x]", 4, "inside [ ]"),
        (".a[1:3]", 3, "slices"),
        ('."open', 2, "no closing '\"'"),
        ('.["a" x]', 6, "expected ']'"),
        ("a.b", 1, "starts with '.'"),
    ],
)
def test_a_bad_path_says_where_and_why(path: str, column: int, says: str) -> None:
    with pytest.raises(PathError) as raised:
        parse_path(path)
    assert raised.value.column == column
    assert says in str(raised.value)


def test_a_path_narrows_to_its_value() -> None:
    steps = parse_path(".clearbit_enrich.body.error")
    assert select(CONTEXT, steps) == [
        (("clearbit_enrich", "body", "error"), CONTEXT["clearbit_enrich"]["body"]["error"])
    ]
    assert select(CONTEXT, parse_path(".start.tags[-1]")) == [(("start", "tags", 1), "EU")]
    assert select(CONTEXT, ()) == [((), CONTEXT)]


def test_each_fans_out_over_arrays_and_objects_leaving_out_what_lacks_the_rest() -> None:
    assert select(CONTEXT, parse_path(".start.tags[]")) == [
        (("start", "tags", 0), "b2b"),
        (("start", "tags", 1), "EU"),
    ]
    assert select(CONTEXT, parse_path(".[].status")) == [(("clearbit_enrich", "status"), 422)]


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (".nope", "this run has no node 'nope' (its nodes: start, clearbit_enrich, qualify)"),
        (".start.nope", ".start has no key 'nope' (its keys: domain, tags, employees)"),
        (".start.tags[2]", ".start.tags has 2 items (0 to 1)"),
        (".start.employees.x", ".start.employees is a number, not an object"),
        (".start[0]", ".start is an object, not an array"),
        (".start.domain[]", ".start.domain is a string, not an array or an object"),
        (".start.tags[].x", ".start.tags[0] is a string, not an object"),
    ],
)
def test_a_path_that_leads_nowhere_says_where_it_stops(path: str, says: str) -> None:
    with pytest.raises(Missing) as raised:
        select(CONTEXT, parse_path(path))
    assert str(raised.value) == f"Nothing at {format_steps(parse_path(path))}: {says}"


keys = st.one_of(st.text(min_size=1, max_size=12), st.integers(min_value=0, max_value=10**6))


@given(st.lists(keys, min_size=1, max_size=8))
def test_a_path_written_reads_back_as_itself(path: list[str | int]) -> None:
    assert parse_path(format_path(tuple(path))) == tuple(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(st.dictionaries(st.text(min_size=1), json_values, max_size=4), st.text(min_size=1))
def test_every_match_is_where_its_path_says_and_holds_the_text(
    context: dict[str, Any], needle: str
) -> None:
    for match in find(context, needle).matches:
        [(path, value)] = select(context, parse_path(format_path(match.path)))
        assert path == match.path
        key = match.path[-1]
        folded = needle.casefold()
        shown = value if isinstance(value, str) else json.dumps(value)
        assert (isinstance(key, str) and folded in key.casefold()) or (
            not isinstance(value, dict | list) and folded in shown.casefold()
        )
