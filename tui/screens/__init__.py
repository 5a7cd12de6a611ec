"""One module per screen; each composes widgets, runs its I/O in workers, renders results."""
