"""The command lines that repeat a request: ``cargo-ai ...`` where the cargo-ai CLI has the
command (the analytics commands ``cargo-tui`` mirrors word for word: ``tui.headless.cargo_ai``),
and ``curl`` always, with the token as ``$CARGO_API_TOKEN``.

A cargo-ai line is given only when it sends exactly the request that was sent: every field of
the body or parameter of the query has an option that says it, and nothing else is added
(``tests/api/test_command_lines.py`` parses each line with the mirror's parser, runs it, and
compares the request it makes with the one logged).
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable, Mapping
from typing import Any

from tui.api.params import query_string
from tui.api.request_log import Entry

#: The header the transport sends the token in, as curl should send it: the variable stays
#: unexpanded in the line, so the line can be pasted anywhere and holds no secret.
AUTH_HEADER = '-H "Authorization: Bearer $CARGO_API_TOKEN"'

_UUID = r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}"
_LISTS = {
    "/orchestration/plays/list": "orchestration play list",
    "/orchestration/tools/list": "orchestration tool list",
    "/orchestration/workflows/list": "orchestration workflow list",
    "/ai/agents/list": "ai agent list",
    "/connection/connectors/list": "connection connector list",
    "/storage/models/list": "storage model list",
    "/segmentation/segments/list": "segmentation segment list",
}
#: The run filter's fields and the options that say them (``cargo-ai orchestration run count``).
_RUN_FILTER = {
    "statuses": "--statuses",
    "batchUuid": "--batch-uuid",
    "releaseUuid": "--release-uuid",
    "isFinished": "--is-finished",
    "createdAfter": "--created-after",
    "createdBefore": "--created-before",
    "recordId": "--record-id",
    "recordTitle": "--record-title",
}
_METRICS = {
    k: _RUN_FILTER[k] for k in ("releaseUuid", "batchUuid", "createdAfter", "createdBefore")
}

Words = list[str]


class _NoLine(Exception):
    """The request has something the command cannot say."""


def cargo_ai_line(
    method: str,
    path: str,
    params: Mapping[str, Any] | None = None,
    body: Mapping[str, Any] | None = None,
) -> str | None:
    """``cargo-ai orchestration run count --workflow-uuid W --statuses error``, or None when
    no cargo-ai command sends this request."""
    words = cargo_ai_words(method, path, params, body)
    return None if words is None else shlex.join(["cargo-ai", *words])


def cargo_ai_words(
    method: str,
    path: str,
    params: Mapping[str, Any] | None = None,
    body: Mapping[str, Any] | None = None,
) -> Words | None:
    """The words after ``cargo-ai`` (None: no command sends it)."""
    try:
        if method == "GET":
            if params:
                return None
            return _get(path)
        if method == "POST":
            for pattern, build in _POSTS:
                found = re.fullmatch(pattern, path)
                if found:
                    return build(dict(body or {}), *found.groups())
    except _NoLine:
        return None
    return None


def _get(path: str) -> Words | None:
    if path in _LISTS:
        return _LISTS[path].split()
    found = re.fullmatch(rf"/orchestration/(batches|releases)/({_UUID})", path)
    if found:
        thing = "batch" if found.group(1) == "batches" else "release"
        return ["orchestration", thing, "get", found.group(2)]
    return None


def _take(body: dict[str, Any], key: str, *, required: bool = False) -> Any:
    value = body.pop(key, None)
    if value is None and required:
        raise _NoLine(key)
    return value


def _uuid(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(_UUID, value):
        raise _NoLine(value)  # the mirror reads a uuid in lower case, and only a uuid
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise _NoLine(value)  # the mirror strips what it reads
    return value


def _options(body: dict[str, Any], names: Mapping[str, str]) -> Words:
    words: Words = []
    for key, option in names.items():
        value = body.pop(key, None)
        if value is None:
            continue
        if key == "statuses":
            if not isinstance(value, list) or not value or len(set(value)) != len(value):
                raise _NoLine(key)
            if any(not isinstance(s, str) or s != s.strip().lower() or "," in s for s in value):
                raise _NoLine(key)
            words += [option, ",".join(value)]
        elif key == "isFinished":
            words.append(option if value is True else "--no-is-finished")
        elif key in ("batchUuid", "releaseUuid"):
            words += [option, _uuid(value)]
        elif key in ("createdAfter", "createdBefore"):
            words += [option, _moment(value)]
        else:
            words += [option, _text(value)]
    return words


def _moment(value: Any) -> str:
    """An ISO moment as the API writes them (the mirror writes the same back)."""
    if not isinstance(value, str) or not re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value
    ):
        raise _NoLine(value)
    return value


def _done(body: dict[str, Any], words: Words) -> Words:
    if body:  # a field no option says
        raise _NoLine(next(iter(body)))
    return words


def _run_command(verb: str) -> Callable[[dict[str, Any]], Words]:
    def build(body: dict[str, Any]) -> Words:
        workflow = _uuid(_take(body, "workflowUuid", required=True))
        words = ["orchestration", "run", verb, "--workflow-uuid", workflow]
        return _done(body, words + _options(body, _RUN_FILTER))

    return build


def _metrics(body: dict[str, Any]) -> Words:
    workflow = _uuid(_take(body, "workflowUuid", required=True))
    words = ["orchestration", "run", "get-metrics", "--workflow-uuid", workflow]
    return _done(body, words + _options(body, _METRICS))


def _outputs(body: dict[str, Any]) -> Words:
    workflow = _uuid(_take(body, "workflowUuid", required=True))
    node = _text(_take(body, "outputNodeSlug", required=True))
    file_format = _take(body, "format", required=True)  # the mirror always sends one
    if file_format not in ("csv", "json"):
        raise _NoLine(file_format)
    words = ["orchestration", "run", "download-outputs", "--workflow-uuid", workflow]
    words += ["--output-node-slug", node, "--format", file_format]
    return _done(body, words + _options(body, _RUN_FILTER))


def _batch_download(body: dict[str, Any], uuid: str) -> Words:
    words = ["orchestration", "batch", "download", "--uuid", uuid]
    node = _take(body, "outputNodeSlug")
    if node is not None:
        words += ["--output-node-slug", _text(node)]
    return _done(body, words)


def _query(body: dict[str, Any]) -> Words:
    sql = _take(body, "query", required=True)
    if not isinstance(sql, str) or not sql.strip():
        raise _NoLine(sql)
    return _done(body, ["orchestration", "query", "execute", sql])


def _segment_download(body: dict[str, Any]) -> Words:
    model = _uuid(_take(body, "modelUuid", required=True))
    words = ["segmentation", "segment", "download", "--model-uuid", model]
    words += ["--filter", _json(_take(body, "filter", required=True))]
    sort = _take(body, "sort")
    if sort is not None:
        words += ["--sort", _json(sort)]
    limit = _take(body, "limit")
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise _NoLine(limit)
        words += ["--limit", str(limit)]
    return _done(body, words)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_POSTS: list[tuple[str, Callable[..., Words]]] = [
    ("/orchestration/runs/count", _run_command("count")),
    ("/orchestration/runs/download", _run_command("download")),
    ("/orchestration/runs/metrics", _metrics),
    ("/orchestration/runs/download-outputs", _outputs),
    (rf"/orchestration/batches/({_UUID})/download", _batch_download),
    ("/orchestration/query", _query),
    ("/segmentation/segments/download", _segment_download),
]


def curl_line(
    method: str,
    path: str,
    *,
    base_url: str,
    params: Mapping[str, Any] | None = None,
    body: Mapping[str, Any] | None = None,
    workspace_uuid: str | None = None,
) -> str:
    """The request as curl sends it: the same URL (the query string byte for byte as the
    client encodes it), the same workspace header and JSON body; the token as
    ``$CARGO_API_TOKEN``, expanded by the shell that runs the line."""
    url = base_url.rstrip("/") + path + query_string(params)
    words = ["curl", "-sS"]
    if "[" in url or "{" in url:
        words.append("--globoff")  # brackets in the query are the API's, not curl's ranges
    if method != "GET":
        words += ["-X", method]
    words.append(url)
    line = shlex.join(words) + " " + AUTH_HEADER
    headers = []
    if workspace_uuid:
        headers.append(f"selected-workspace-uuid: {workspace_uuid}")
    if body is not None:
        headers.append("content-type: application/json")
    for header in headers:
        line += " -H " + shlex.quote(header)
    if body is not None:
        line += " --data-raw " + shlex.quote(_json(body))
    return line


def entry_lines(entry: Entry) -> tuple[str | None, str]:
    """The logged request's cargo-ai line (None: none sends it) and its curl line."""
    cargo_ai = cargo_ai_line(entry.method, entry.path, entry.params, entry.body)
    curl = curl_line(
        entry.method,
        entry.path,
        base_url=entry.base_url,
        params=entry.params,
        body=entry.body,
        workspace_uuid=entry.workspace_uuid,
    )
    return cargo_ai, curl


def repeat_lines(entry: Entry) -> list[str]:
    """What repeats it, as the headless ``--verbose`` prints it and the log copies it:
    ``# GET /path: 200 in 12 ms`` then the cargo-ai line, if any, then the curl line."""
    cargo_ai, curl = entry_lines(entry)
    return [f"# {entry.endpoint}: {entry.summary()}", *([cargo_ai] if cargo_ai else []), curl]
