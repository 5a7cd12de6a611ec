"""``make bench``: run every benchmark and print one table."""

import sys

print("No benchmarks yet: they arrive with the benchmarks issue.", file=sys.stderr)
raise SystemExit(0)
