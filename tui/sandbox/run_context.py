"""``runContext`` and ``runComputedConfigs`` of a run, derived from the run, never stored.

Each node's output follows from the run's record, its spans (status, title, error) and a hash
of the run's uuid, so a million runs cost no memory and the same run always answers the same.
Agent nodes wrap their output under ``answer``, as on the real service.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from tui.sandbox.catalog import Catalog

Entity = dict[str, Any]
SCORE = re.compile(r"score (\d+)")


def _draw(run_uuid: str, slug: str, salt: str = "") -> int:
    digest = hashlib.sha256(f"{run_uuid}:{slug}:{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _record(catalog: Catalog, record_id: str) -> Entity:
    model = "contacts" if record_id.startswith("ctc_") else "companies"
    records = catalog.records.of(model)
    try:
        index = int(record_id.split("_", 1)[1]) - 1
    except ValueError:
        index = -1
    if 0 <= index < len(records) and records[index]["id"] == record_id:
        return records[index]
    return {"id": record_id}


def _score(span: Entity) -> int:
    found = SCORE.search(span.get("executionTitle") or "")
    return int(found.group(1)) if found else 0


def output(catalog: Catalog, run: Entity, span: Entity, record: Entity) -> Any:
    slug, kind = span["nodeSlug"], span["nodeKind"]
    integration = span["nodeIntegrationSlug"]
    # A data provider's answer about a record is the same each time it is asked; a call's
    # own ids, times and an agent's usage differ from run to run.
    provider = slug == "clearbit_enrich" or integration == "apollo" or slug == "find_email"
    draw = _draw(run["recordId"] if provider and run["recordId"] else run["uuid"], slug)
    error = span["executionErrorMessage"]
    if span["executionStatus"] == "pending":
        return None
    if error:
        if "429" in error:
            return {"status": 429, "body": {"status": "error", "category": "RATE_LIMITS",
                    "message": "You have reached your secondly limit.", "policyName": "TEN_SECONDLY_ROLLING"},
                    "headers": {"retry-after": "10"}}  # fmt: skip
        if "Invalid domain" in error:
            return {"status": 422, "body": {"error": {"type": "invalid_domain",
                    "message": f"{record.get('domain')!r} is not a valid domain"}}}  # fmt: skip
        if "No work email found" in error:
            return {"status": 404, "body": {"error": "person_not_found",
                    "message": "No person matched the name and company given"}}  # fmt: skip
        if "timed out" in error:
            return {"answer": None, "error": "timeout", "elapsedMs": 60000, "steps": 3}
        return {"error": error}
    if slug == "start":
        return {k: v for k, v in record.items() if k != "tags"} | {"tags": record.get("tags", [])}
    if slug == "clearbit_enrich":
        return {
            "domain": record.get("domain"),
            "name": record.get("name") or run["recordTitle"],
            "category": {"industry": record.get("industry", "Software"), "sector": "Technology"},
            "metrics": {"employees": record.get("employees", 50 + draw % 900),
                        "estimatedAnnualRevenue": f"${1 + draw % 49}M-${50 + draw % 200}M"},
            "geo": {"country": record.get("country", "US"), "city": ["San Francisco", "New York",
                    "London", "Berlin", "Paris"][draw % 5]},
            "tech": ["hubspot", "segment", "snowflake", "stripe"][: 1 + draw % 4],
            "linkedin": {"handle": f"company/{(record.get('name') or 'x').lower().replace(' ', '-')}"},
        }  # fmt: skip
    if kind == "agent":
        score = _score(span)
        if slug == "qualify":
            fit = (span.get("executionTitle") or "").startswith("Fit")
            reason = ("B2B SaaS in the target size band with a modern data stack." if fit else
                      "Outside the ICP: too small or not selling software.")  # fmt: skip
            return {
                "answer": {"fit": fit, "score": score, "reasoning": reason},
                "usage": {"inputTokens": 900 + draw % 400, "outputTokens": 60 + draw % 40},
            }
        if slug == "score":
            hot = (span.get("executionTitle") or "").startswith("Hot")
            return {
                "answer": {
                    "score": score,
                    "tier": "hot" if hot else "nurture",
                    "signals": ["title seniority", "company size"] if hot else ["low intent"],
                }
            }
        return {"answer": {"brief": f"{run['recordTitle']}: {record.get('industry', 'software')} "
                f"company, {record.get('employees', 120)} employees. Expanding their GTM team; "
                "talk to the Head of RevOps."}}  # fmt: skip
    if span["nodeActionSlug"] == "branch":
        return {"result": span.get("executionTitle") == "true"}
    if integration == "hubspot":
        return {"id": str(100000 + _score(span) * 997), "properties": {"domain": record.get("domain"),
                "name": run["recordTitle"]}, "createdAt": span["executionStartedAt"]}  # fmt: skip
    if integration == "slack":
        return {"ok": True, "channel": "C04GTMALRT", "ts": f"{1764000000 + draw % 999999}.000200"}
    if integration == "apollo" or (kind == "tool" and slug == "find_email"):
        return {"email": f"{record.get('first_name', 'alex').lower()}@{record.get('email', 'x@acme.com').split('@')[-1]}",
                "confidence": 80 + draw % 20}  # fmt: skip
    if integration == "salesforce":
        return {"id": f"00Q{draw % 10**12:012d}", "success": True, "errors": []}
    if slug == "mark_disqualified":
        return {"property": "icp_fit", "value": False}
    return {}


def config(span: Entity, record: Entity) -> Entity:
    slug, integration = span["nodeSlug"], span["nodeIntegrationSlug"]
    if span["nodeKind"] == "agent":
        return {"agentUuid": span["nodeAgentUuid"], "prompt": f"Record: {record.get('id')}",
                "maxSteps": 8, "timeoutSeconds": 60}  # fmt: skip
    if integration == "clearbit":
        return {"connectorUuid": span["nodeConnectorUuid"], "domain": record.get("domain")}
    if integration:
        return {"connectorUuid": span["nodeConnectorUuid"], "action": span["nodeActionSlug"],
                "recordId": record.get("id"), "retry": {"maximumAttempts": 3}}  # fmt: skip
    if span["nodeActionSlug"] == "branch":
        return {"condition": "{{qualify.answer.fit}} == true" if slug == "is_fit" else
                "{{score.answer.tier}} == 'hot'"}  # fmt: skip
    return {}


def node_output(
    catalog: Catalog, run: Entity, spans: list[Entity], slug: str | None
) -> tuple[str | None, Any]:
    """One node's output as :func:`run_context` has it (``slug`` None: the last node the run
    reached), and that node's slug; the other nodes' outputs are not made."""
    if not slug:
        reached = list(dict.fromkeys(s["nodeSlug"] for s in spans))
        slug = reached[-1] if reached else None
    span = next((s for s in reversed(spans) if s["nodeSlug"] == slug), None)
    if span is None:
        return slug, None
    return slug, output(catalog, run, span, _record(catalog, run["recordId"]))


def run_context(catalog: Catalog, run: Entity, spans: list[Entity]) -> tuple[Entity, Entity]:
    record = _record(catalog, run["recordId"])
    context = {s["nodeSlug"]: output(catalog, run, s, record) for s in spans}
    configs = {s["nodeSlug"]: config(s, record) for s in spans}
    return context, configs
