"""Writers for CSV, TSV, JSON, NDJSON and Parquet; atomic files; streaming (no Textual here)."""
