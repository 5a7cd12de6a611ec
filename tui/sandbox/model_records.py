"""The records of the demo models (companies, contacts, deals), generated from the seed.

Small enough to keep in memory at every scale; segments filter them in Python, and the history
generator copies companies and contacts into chDB so runs name real records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tui.sandbox.ids import Seeded, iso

PREFIXES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka",
    "Tyrell", "Cyberdyne", "Soylent", "Pied", "Aperture", "Massive", "Nakatomi", "Oscorp",
    "Duff", "Gringotts", "Monarch", "Northwind", "Contoso", "Fabrikam", "Blue", "Bright",
    "Cloud", "Data", "Delta", "Ever", "Fast", "Green", "Hyper", "Iron", "Lumen", "Nimbus",
    "Orbit", "Pixel", "Quantum", "Rocket", "Silver", "Terra", "Vector", "Zen", "Apex", "Beacon",
]  # fmt: skip
SUFFIXES = [
    "Labs", "Systems", "Analytics", "Cloud", "AI", "Works", "Data", "Logic", "Software",
    "Health", "Pay", "Security", "Robotics", "Networks", "Commerce", "Bio", "Energy", "HQ",
]  # fmt: skip
INDUSTRIES = ["SaaS", "Fintech", "Healthcare", "E-commerce", "Manufacturing", "Cybersecurity",
              "Logistics", "Media"]  # fmt: skip
COUNTRIES = ["US", "US", "US", "GB", "DE", "FR", "CA", "NL", "SE", "AU"]
STAGES = ["prospect", "prospect", "prospect", "customer", "customer", "churned"]
FIRST = ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
         "Frances", "John", "Radia", "Guido", "Hedy", "Tim", "Sophie", "Donald", "Carol"]  # fmt: skip
LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov",
        "Thompson", "Allen", "McCarthy", "Perlman", "Rossum", "Lamarr", "Berners-Lee", "Wilson",
        "Knuth", "Shaw"]  # fmt: skip
TITLES = ["VP Sales", "Head of RevOps", "CTO", "Growth Lead", "Account Executive", "CEO",
          "Marketing Ops Manager", "Data Engineer", "SDR"]  # fmt: skip
SOURCES = ["signup", "signup", "demo_request", "event", "webinar"]
DEAL_STAGES = ["open", "open", "closed_won", "closed_lost"]
#: Domains a real enrichment provider rejects; the history's Clearbit failures come from these.
MALFORMED = ["{stem}", "{stem}..com", "http//{stem}.io", "{stem} corp.com", "{stem}.c"]

SIZES = {"small": (240, 320, 80), "demo": (1500, 3000, 600), "large": (1500, 3000, 600)}


@dataclass
class ModelRecords:
    companies: list[dict[str, Any]]
    contacts: list[dict[str, Any]]
    deals: list[dict[str, Any]]

    def of(self, slug: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = getattr(self, slug)
        return found


def build_records(seed: int, workspace: str, now: datetime, scale: str) -> ModelRecords:
    ids = Seeded(seed, f"{workspace}:records")
    rng = ids.rng
    n_companies, n_contacts, n_deals = SIZES[scale]
    companies = []
    for i in range(n_companies):
        name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}"
        if i >= len(PREFIXES) * 2:
            name = f"{name} {i}" if rng.random() < 0.25 else name
        stem = name.lower().replace(" ", "")
        malformed = rng.random() < 0.03
        domain = rng.choice(MALFORMED).format(stem=stem) if malformed else f"{stem}.com"
        created = now - timedelta(days=rng.randint(0, 240), minutes=rng.randint(0, 1439))
        companies.append(
            {
                "id": f"cmp_{i + 1:06d}",
                "name": name,
                "domain": domain,
                "industry": rng.choice(INDUSTRIES),
                "employees": int(rng.lognormvariate(4.5, 1.4)) + 2,
                "country": rng.choice(COUNTRIES),
                "lifecycle_stage": rng.choice(STAGES),
                "annual_revenue": round(rng.lognormvariate(15, 1.5), -3),
                "is_target_account": rng.random() < 0.2,
                "tags": rng.sample(["plg", "enterprise", "smb", "inbound", "partner"], 2),
                "created_at": iso(created),
                "updated_at": iso(created + (now - created) * rng.random()),
            }
        )
    contacts = []
    for i in range(n_contacts):
        company = companies[rng.randrange(len(companies))]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        signed_up = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1439))
        contacts.append(
            {
                "id": f"ctc_{i + 1:06d}",
                "email": f"{first}.{last}@{company['domain']}".lower().replace(" ", ""),
                "first_name": first,
                "last_name": last,
                "title": rng.choice(TITLES),
                "company_id": company["id"],
                "source": rng.choice(SOURCES),
                "lead_score": rng.randint(0, 100),
                "signed_up_at": iso(signed_up),
                "created_at": iso(signed_up),
            }
        )
    deals = []
    for i in range(n_deals):
        company = companies[rng.randrange(len(companies))]
        close = now + timedelta(days=rng.randint(-120, 90))
        deals.append(
            {
                "id": f"deal_{i + 1:05d}",
                "name": f"{company['name']} — {rng.choice(['New business', 'Expansion', 'Renewal'])}",
                "company_id": company["id"],
                "amount": rng.randrange(5, 250) * 1000,
                "stage": rng.choice(DEAL_STAGES),
                "close_date": iso(close),
                "owner_email": f"{rng.choice(FIRST).lower()}@{workspace.split()[0].lower()}.test",
                "created_at": iso(close - timedelta(days=rng.randint(20, 120))),
            }
        )
    return ModelRecords(companies, contacts, deals)
