"""Benchmarks: cargo-tui measured beside references in the same run (``make bench``)."""
