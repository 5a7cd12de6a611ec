"""The SQL editor (``s``): buffers, schema sidebar, completion, results, history, saved queries.

Imported only when the editor opens: it brings the SQL tooling, pyarrow and the table widget.
"""
