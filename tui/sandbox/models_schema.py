"""The columns of the demo models, as the models endpoints describe them."""

from __future__ import annotations

MODEL_INFO = {
    "companies": {
        "name": "Companies",
        "title": "name",
        "description": "Every company in the CRM, synced hourly from Snowflake.",
    },
    "contacts": {
        "name": "Contacts",
        "title": "email",
        "description": "People at those companies: signups, demo requests, event leads.",
    },
    "deals": {
        "name": "Deals",
        "title": "name",
        "description": "HubSpot deals with their stage, amount and owner.",
    },
}

MODEL_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "companies": [
        ("id", "string", "Id"),
        ("name", "string", "Name"),
        ("domain", "string", "Domain"),
        ("industry", "string", "Industry"),
        ("employees", "number", "Employees"),
        ("country", "string", "Country"),
        ("lifecycle_stage", "string", "Lifecycle stage"),
        ("annual_revenue", "number", "Annual revenue"),
        ("is_target_account", "boolean", "Target account"),
        ("tags", "array", "Tags"),
        ("created_at", "date", "Created at"),
        ("updated_at", "date", "Updated at"),
    ],
    "contacts": [
        ("id", "string", "Id"),
        ("email", "string", "Email"),
        ("first_name", "string", "First name"),
        ("last_name", "string", "Last name"),
        ("title", "string", "Job title"),
        ("company_id", "string", "Company id"),
        ("source", "string", "Source"),
        ("lead_score", "number", "Lead score"),
        ("signed_up_at", "date", "Signed up at"),
        ("created_at", "date", "Created at"),
    ],
    "deals": [
        ("id", "string", "Id"),
        ("name", "string", "Name"),
        ("company_id", "string", "Company id"),
        ("amount", "number", "Amount"),
        ("stage", "string", "Stage"),
        ("close_date", "date", "Close date"),
        ("owner_email", "string", "Owner"),
        ("created_at", "date", "Created at"),
    ],
}

SNOWFLAKE_TYPES = {
    "string": "VARCHAR",
    "number": "NUMBER(38, 2)",
    "boolean": "BOOLEAN",
    "date": "TIMESTAMP_TZ",
    "array": "ARRAY",
    "object": "OBJECT",
}


def ddl(slug: str) -> str:
    """The model's table as its warehouse would describe it."""
    lines = [f"  {col} {SNOWFLAKE_TYPES[kind]}" for col, kind, _ in MODEL_COLUMNS[slug]]
    return f"CREATE TABLE ANALYTICS.GTM.{slug.upper()} (\n" + ",\n".join(lines) + "\n);"
