"""Bad input, and what the app must say about it: one row per case, read top to bottom.

Each case names the part of the app that meets the input (``area``), the input as the user
gives it (``given``), and a fragment of the message they must see (``says``). The runner in
``test_bad_input.py`` feeds each to the real part and also checks that nothing crashed and
that what the user typed is still there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    id: str
    area: str
    given: str
    says: str


#: 2 MiB of SQL over many lines, as a paste of a generated query would be.
GIANT_SQL = "SELECT 1 AS x WHERE 1 = 1\n" + "OR 1 = 1\n" * 233_000

SQL = [
    Case("sql-typo-keyword", "sql", "SELEC 1", "did you mean SELECT?"),
    Case("sql-where-unfinished", "sql", "SELECT status FROM runs WHERE", "Syntax error: failed at"),
    Case("sql-unknown-column", "sql", "SELECT statuss FROM batches LIMIT 3", "Unknown column"),
    Case("sql-insert", "sql", "INSERT INTO runs VALUES (1)", "INSERT is refused"),
    Case("sql-drop", "sql", "DROP TABLE runs", "DROP is refused"),
    Case("sql-system-table", "sql", "SELECT * FROM system.tables", "no table system.tables"),
    Case("sql-file-function", "sql", "SELECT * FROM file('/etc/passwd')", "file() is a table"),
    Case("sql-url-function", "sql", "SELECT * FROM url('http://x')", "url() is a table function"),
    Case("sql-into-outfile", "sql", "SELECT 1 AS x INTO OUTFILE '/tmp/x'", "INTO OUTFILE is"),
    Case("sql-settings", "sql", "SELECT 1 AS x SETTINGS max_threads = 1", "SETTINGS is refused"),
    Case("sql-two-statements", "sql", "SELECT 1 AS x; SELECT 2 AS y", "2 statements"),
    Case("sql-other-database", "sql", "SELECT * FROM other_db.runs", "without a database"),
    Case("sql-empty", "sql", "", "Nothing to run: the buffer is blank"),
    Case("sql-only-a-comment", "sql", "-- later", "Nothing to run: the buffer is blank"),
    Case("sql-nul-pasted", "sql", "SELECT 1 AS x\x00", "A NUL character (U+0000) at line 1"),
    Case("sql-escape-pasted", "sql", "SELECT \x1b[31m1 AS x", "An escape (ESC) character"),
    Case("sql-binary-pasted", "sql", "\x00\x01\x02\x03", "A NUL character"),
    Case("sql-giant", "sql", GIANT_SQL, "one query may be at most 256 KiB"),
]

FILTERS = [
    Case("filter-truncated-json", "filter", '{"conjonction": "and", "groups": [', "not valid JSON"),
    Case(
        "filter-trailing-comma", "filter", '{"conjonction": "and", "groups": [],}', "trailing comma"
    ),
    Case("filter-empty", "filter", "", "the text is empty"),
    Case(
        "filter-control-character",
        "filter",
        '{"conjonction": "and\x00", "groups": []}',
        "Invalid control character",
    ),
    Case(
        "filter-duplicate-key",
        "filter",
        '{"conjonction": "and", "conjonction": "or", "groups": []}',
        "appears more than once",
    ),
    Case(
        "filter-conjunction-misspelled",
        "filter",
        '{"conjunction": "and", "groups": []}',
        "silently returns n",
    ),
    Case("filter-missing-groups", "filter", '{"conjonction": "and"}', 'needs "groups"'),
    Case(
        "filter-groups-not-list",
        "filter",
        '{"conjonction": "and", "groups": {}}',
        "must be a list of groups",
    ),
    Case(
        "filter-bad-conjonction",
        "filter",
        '{"conjonction": "maybe", "groups": []}',
        'use "and" or "or"',
    ),
    Case("filter-not-an-object", "filter", "[1, 2]", "must be an object, not a list"),
    Case(
        "filter-empty-group",
        "filter",
        '{"conjonction": "and", "groups": [{"conjonction": "and", "conditions": []}]}',
        "this group has no conditions",
    ),
    Case("filter-nested-too-deep", "filter", "[" * 5000 + "]" * 5000, "nested too deeply"),
]

#: A condition on the test model (``tests.filters.support.MODEL``): ``given`` is the condition.
CONDITIONS = [
    Case(
        "condition-kind-typo",
        "condition",
        '{"kind": "strin", "columnSlug": "industry", "operator": "is", "values": ["x"]}',
        'did you mean "string"',
    ),
    Case(
        "condition-operator-typo",
        "condition",
        '{"kind": "string", "columnSlug": "industry", "operator": "equals", "values": ["x"]}',
        'did you mean "is"',
    ),
    Case(
        "condition-values-not-list",
        "condition",
        '{"kind": "string", "columnSlug": "industry", "operator": "is", "values": 5}',
        "must be a string or a list of strings",
    ),
    Case(
        "condition-missing-bound",
        "condition",
        '{"kind": "number", "columnSlug": "employees", "operator": "between", "firstValue": 1}',
        'add "lastValue"',
    ),
    Case(
        "condition-reversed-bounds",
        "condition",
        '{"kind": "number", "columnSlug": "employees", "operator": "between", '
        '"firstValue": 100, "lastValue": 1}',
        "swap them",
    ),
    Case(
        "condition-unexpected-value",
        "condition",
        '{"kind": "string", "columnSlug": "industry", "operator": "isNull", "values": ["x"]}',
        "takes no value",
    ),
    Case(
        "condition-empty-values",
        "condition",
        '{"kind": "string", "columnSlug": "industry", "operator": "is", "values": []}',
        "add at least one value",
    ),
    Case(
        "condition-unknown-column",
        "condition",
        '{"kind": "string", "columnSlug": "industri", "operator": "is", "values": ["x"]}',
        'did you mean "industry"',
    ),
    Case(
        "condition-kind-mismatch",
        "condition",
        '{"kind": "number", "columnSlug": "industry", "operator": "is", "value": 1}',
        "is a string column",
    ),
    Case(
        "condition-infinity",
        "condition",
        '{"kind": "number", "columnSlug": "employees", "operator": "is", "value": Infinity}',
        "Infinity is not JSON",
    ),
    Case(
        "date-month-13",
        "condition",
        '{"kind": "date", "columnSlug": "created_at", "operator": "is", "value": "2026-13-45"}',
        "is not an ISO-8601 date",
    ),
    Case(
        "date-february-30",
        "condition",
        '{"kind": "date", "columnSlug": "created_at", "operator": "is", "value": "2026-02-30"}',
        "is not an ISO-8601 date",
    ),
    Case(
        "date-in-words",
        "condition",
        '{"kind": "date", "columnSlug": "created_at", "operator": "greaterThan", '
        '"value": "last tuesday"}',
        "write it like 2024-01-31",
    ),
]

#: The Metrics tab's custom range: ``given`` is "start|end" as typed in its two fields.
METRICS_RANGE = [
    Case("range-bad-start", "range", "last week|", "The start date 'last week' is not a date"),
    Case("range-bad-end", "range", "2026-11-01|yesterday", "The end date 'yesterday' is not"),
    Case("range-reversed", "range", "2026-11-05|2026-11-01", "swap them"),
]

#: ``cargo-tui export ...`` arguments: a usage error (exit 2) on stderr.
CLI = [
    Case("cli-batch-not-uuid", "cli", "batch not-a-uuid", "'not-a-uuid' is not a uuid"),
    Case("cli-workflow-not-uuid", "cli", "runs --workflow 1234", "'1234' is not a uuid"),
    Case("cli-url-without-uuid", "cli", "batch https://app.getcargo.io/plays", "names no uuid"),
    Case(
        "cli-model-truncated-uuid",
        "cli",
        "segment --model 0b5e7f3c-1d2a-4c6b-9e8f",
        "is not a uuid",
    ),
]

#: The export dialog's path check, typed relative to a folder holding ``sub/`` and ``have.csv``.
EXPORT_PATHS = [
    Case("export-missing-folder", "export", "nope/x.csv", "The folder"),
    Case("export-a-directory", "export", "sub", "is a folder; add a file name"),
    Case("export-a-directory-slash", "export", "sub/", "is a folder; add a file name"),
    Case("export-existing-file", "export", "have.csv", "already exists; confirm to replace"),
    Case("export-long-name", "export", "a" * 300 + ".csv", "names are limited to 255 bytes"),
    Case("export-blank", "export", "   ", "Type a file name"),
    Case(
        "export-control-character", "export", "runs\x1b[2J.csv", "holds a control character (U+001B"
    ),
    # Root may write anywhere a mode allows; procfs refuses even root.
    Case("export-no-permission", "export", "/proc/1/x.csv", "No permission to write in"),
]

#: ``settings.toml`` as the user wrote it.
SETTINGS = [
    Case("settings-unknown-key", "settings", 'them = "nord"\n', "did you mean 'theme'"),
    Case("settings-wrong-type", "settings", 'refresh_seconds = "often"\n', "refresh_seconds"),
    Case("settings-invalid-toml", "settings", 'theme = "nord\n', "not valid TOML"),
    Case("settings-binary", "settings", "\x00\x01garbage", "not valid TOML"),
]

#: A versioned JSON state file (buffers, saved queries, drafts, caches) as found on disk.
STATE_FILES = [
    Case("state-truncated-json", "state", '{"version": 1, "buffers": [', "not JSON"),
    Case("state-not-utf8", "state", "\udcff\udcfe", "not JSON"),
    Case("state-wrong-version", "state", '{"version": 99}', "version 99, expected 1"),
    Case("state-a-list", "state", "[]", "expected 1"),
    Case("state-a-folder", "state", "<folder>", "Is a directory"),
]

CASES = [*SQL, *FILTERS, *CONDITIONS, *METRICS_RANGE, *CLI, *EXPORT_PATHS, *SETTINGS, *STATE_FILES]
