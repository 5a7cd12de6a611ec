"""The client's namespaces, mirroring the ``cargo-ai`` command tree."""
