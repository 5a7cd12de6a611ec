"""Headless SQL tooling for the query endpoint: lint, format, split, complete, explain errors."""
