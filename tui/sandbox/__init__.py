"""A local emulator of the Cargo API: the same paths, answers and errors, on loopback only.

Importing this package is cheap; the server's heavy parts (FastAPI, uvicorn, chDB) load only
when it starts (``tui.sandbox.server``).
"""
