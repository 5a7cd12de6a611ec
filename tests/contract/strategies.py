"""Vendor-valid documents, generated from the vendor's schema (Hypothesis, through
schemathesis's JSON Schema builder, which follows the types' recursive references).

``schemathesis.generation.jsonschema.builder.build`` is internal API of schemathesis 4.32
(``pyproject.toml`` bounds it): hypothesis-jsonschema 0.23.1, the obvious library, fails
against Hypothesis 6.170 and cannot follow recursive references.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.generation.jsonschema import builder

from tests.contract.schema import schema_of

#: Moments a real workspace holds: the types say only ``Date``; years past 2100 or before
#: 1970 are no answer a server sends (and a screen's arithmetic on them would overflow).
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"))

#: The examples of each property: deterministic (the same documents on every run), so the
#: suite fails or passes the same on a busy machine; not shrunk (a failure names its field,
#: and shrinking a document of nested runs takes minutes).
CONTRACT = settings(
    max_examples=25,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


#: Items in a generated list: enough for every kind of node or execution to meet the others,
#: few enough for a document of runs to be made in milliseconds.
MOST_ITEMS = 2


@functools.cache
def documents(name: str, nonempty: str | None = None) -> st.SearchStrategy[Any]:
    """Documents the type ``name`` declares: every declared field (or, where optional, not),
    nulls where nullable, every enum value, no key it does not declare (a key of one kind
    of node on another is no answer a server sends; unknown keys are tested apart), uuids
    shaped as uuids (the types say ``string``; every server's are). ``nonempty``: a
    top-level list that holds at least one item."""
    schema = schema_of(name, strict=True, most_items=MOST_ITEMS)
    if nonempty is not None:
        schema = {**schema, "$ref": None, **schema["definitions"][name]}
        del schema["$ref"]
        listed = schema["properties"][nonempty]
        schema["properties"] = {**schema["properties"], nonempty: {**listed, "minItems": 1}}
    formats = {"date-time": MOMENTS, "uuid": st.uuids().map(str)}
    return builder.build(schema, draft=7, formats=formats)
