"""The plain pieces under the editor: a cell's whole text."""

from __future__ import annotations

from tui.screens.sql.outcome import cell_text


def test_cell_text_pretty_prints_json_and_keeps_the_rest() -> None:
    assert cell_text({"a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ]\n}'
    assert cell_text('{"kind":"segment"}') == '{\n  "kind": "segment"\n}'
    assert cell_text("{not json") == "{not json"
    assert cell_text(None) == "NULL"
    assert cell_text(False) == "false"
    assert cell_text(3.5) == "3.5"
