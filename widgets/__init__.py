"""Reusable Textual widgets that know nothing of Cargo's API: they take plain data."""
