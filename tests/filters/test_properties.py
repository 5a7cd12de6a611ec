"""Properties: valid filters pass, each kind of mistake is caught where it is, nothing raises."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.filters.strategies import (
    MUTATIONS,
    any_json,
    filter_like,
    mutated_filters,
    schemas,
    schemas_and_filters,
)
from tui.api.filters import (
    Code,
    FixNotApplicable,
    Problem,
    apply_fix,
    apply_fix_to_data,
    validate_executions_filter,
    validate_filter,
    validate_limit,
    validate_segment,
    validate_sort,
)
from tui.api.filters.models import SegmentFilter

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _as_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@SETTINGS
@given(schemas_and_filters())
def test_every_valid_filter_passes_and_round_trips(case: tuple[dict[str, str], Any]) -> None:
    schema, data = case
    assert validate_filter(data, schema) == []
    assert validate_filter(_as_text(data), schema) == []
    assert SegmentFilter.model_validate(data).to_wire() == data


def _same(problem: Problem, other: Problem) -> bool:
    return problem.pointer == other.pointer and problem.code == other.code


@pytest.mark.parametrize("name", MUTATIONS)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_mutation_is_an_error_at_its_path_and_its_fixes_work(
    name: str, data: st.DataObject
) -> None:
    schema, mutation = data.draw(mutated_filters(name))
    text = _as_text(mutation.filter)
    for source in (mutation.filter, text):
        problems = validate_filter(source, schema)
        hits = [p for p in problems if p.pointer == mutation.path and p.code in mutation.codes]
        assert hits, (mutation.path, [str(p) for p in problems])
        assert all(p.is_error for p in hits)
    assert all(p.line is not None and p.column is not None for p in problems)
    for problem in problems:
        if problem.fix is None:
            continue
        fixed_text = apply_fix(text, problem.fix)
        after = validate_filter(fixed_text, schema)
        assert not [p for p in after if _same(p, problem)], (str(problem), fixed_text)
        assert apply_fix_to_data(mutation.filter, problem.fix) == json.loads(fixed_text)


VALIDATORS = [
    validate_filter,
    validate_segment,
    validate_sort,
    validate_limit,
    validate_executions_filter,
]


@settings(max_examples=400, deadline=None)
@given(data=any_json | filter_like, index=st.integers(0, len(VALIDATORS) - 1))
def test_no_json_value_makes_the_validator_raise(data: Any, index: int) -> None:
    validate = VALIDATORS[index]
    for source in (data, _as_text(data)):
        problems = validate(source)
        assert isinstance(problems, list)
        assert all(isinstance(p, Problem) and p.code is not Code.INTERNAL for p in problems)


@settings(max_examples=300, deadline=None)
@given(filter_like, schemas)
def test_problems_are_ordered_unique_and_their_fixes_apply(
    data: Any, schema: dict[str, str]
) -> None:
    text = _as_text(data)
    problems = validate_segment(text, schema) + validate_filter(text, schema)
    for problem in problems:
        assert problem.code is not Code.INTERNAL, str(problem)
        assert problem.line is not None
        if problem.fix is not None:
            try:
                apply_fix(text, problem.fix)
            except FixNotApplicable as error:  # pragma: no cover - what the assertion reports
                raise AssertionError(f"{problem}: {error}") from error
    for one_run in (validate_filter(text, schema), validate_segment(text, schema)):
        starts = [p.start or 0 for p in one_run]
        assert starts == sorted(starts)
        keys = [(p.pointer, p.code, p.message) for p in one_run]
        assert len(keys) == len(set(keys))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_no_text_makes_the_validator_raise(text: str) -> None:
    problems = validate_filter(text)
    assert all(p.code is not Code.INTERNAL for p in problems)
    assert all(p.line is not None for p in problems if p.code is Code.INVALID_JSON)
