"""What the screen sends, checked first (no Textual, no server)."""

from __future__ import annotations

import json

from tui.api.filters import ModelSchema
from tui.api.models.catalog import Segment
from tui.screens.segments.query import check, original_draft
from tui.state.segment_drafts import Draft

SCHEMA = ModelSchema({"industry": "string", "employees": "number"}, {"industry": "Industry"})
VALID = '{"conjonction": "and", "groups": []}'


def _segment(**fields: object) -> Segment:
    base = {"uuid": "s-1", "name": "S", "modelUuid": "m-1", "filter": None}
    return Segment.model_validate({**base, **fields})


def test_a_valid_draft_becomes_a_request_for_the_segments_model() -> None:
    draft = Draft(VALID, '[{"columnSlug": "employees", "kind": "desc"}]', "50")
    checked = check(draft, SCHEMA)
    request = checked.request("m-1")
    assert checked.verdict() == "✔ valid"
    assert request is not None
    assert request.model_uuid == "m-1"
    assert request.filter == {"conjonction": "and", "groups": []}
    assert request.sort == [{"columnSlug": "employees", "kind": "desc"}]
    assert request.limit == 50


def test_empty_sort_and_limit_send_none() -> None:
    checked = check(Draft(VALID, "  ", ""), SCHEMA)
    assert (checked.sort, checked.limit) == (None, None)
    assert check(Draft(VALID, "[]", "null"), SCHEMA).request("m") is not None


def test_errors_anywhere_refuse_the_request_and_say_where() -> None:
    draft = Draft('{"conjunction": "and", "groups": []}', '[{"columnSlug": "employes"}]', "-3")
    checked = check(draft, SCHEMA)
    assert checked.request("m-1") is None
    assert [found.source for found in checked.errors] == ["filter", "sort", "sort", "limit"]
    assert checked.errors[0].where == "1:2"
    assert checked.errors[-1].where == "limit 1:1"
    assert checked.verdict() == "✖ 4 errors"
    refusal = checked.refusal("the preview")
    assert refusal.startswith("The preview was not sent: the filter has 4 errors. First, at 1:2: ")
    assert "silently returns no records" in refusal


def test_warnings_alone_do_not_refuse() -> None:
    checked = check(
        Draft('{"conjonction": "and", "groups": [{"conjonction": "and", "conditions": []}]}'),
        SCHEMA,
    )
    assert checked.verdict() == "⚠ 1 warning"
    assert checked.request("m") is not None


def test_without_the_model_columns_are_not_checked() -> None:
    text = json.dumps(
        {
            "conjonction": "and",
            "groups": [
                {
                    "conjonction": "and",
                    "conditions": [
                        {
                            "kind": "string",
                            "columnSlug": "whatever",
                            "operator": "is",
                            "values": ["a"],
                        }
                    ],
                }
            ],
        }
    )
    assert check(Draft(text), None).request("m") is not None
    assert not check(Draft(text), None).schema_known
    assert check(Draft(text), SCHEMA).request("m") is None


def test_the_original_draft_is_the_segments_own_filter_sort_and_limit() -> None:
    segment = _segment(
        filter={"groups": [], "conjonction": "or"},
        sort=[{"columnSlug": "employees", "kind": "asc"}],
        limit=10,
    )
    draft = original_draft(segment)
    assert draft.filter == '{\n  "conjonction": "or",\n  "groups": []\n}\n'
    assert draft.sort == '[{"columnSlug": "employees", "kind": "asc"}]'
    assert draft.limit == "10"
    assert original_draft(_segment()) == Draft(
        VALID.replace(", ", ",\n  ").replace("{", "{\n  ").replace("]}", "]\n}") + "\n"
    )
