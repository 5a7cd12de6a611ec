"""The TLS context a client verifies the API with: made once per process, in a thread.

httpx builds one for every client it creates (loading certifi's ~150 CA certificates: ~30 ms of
CPU), on the caller's thread. Here it is built once, the first time a client needs it, and
:func:`prepare` can start that in a thread ahead of time: OpenSSL reads the certificates with the
GIL released, so it costs the event loop nothing. An ``http://`` base URL (the sandbox) speaks no
TLS at all: it gets a context that loads no certificate (and so would verify nothing: any TLS
handshake through it fails, never passes unverified).
"""

from __future__ import annotations

import os
import ssl
import threading
from concurrent.futures import Future
from urllib.request import getproxies

_lock = threading.Lock()
_verified: Future[ssl.SSLContext] | None = None


def _load() -> ssl.SSLContext:
    """httpx's own default (``verify=True``): SSL_CERT_FILE or SSL_CERT_DIR, else certifi."""
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _start() -> Future[ssl.SSLContext]:
    global _verified
    with _lock:
        if _verified is None:
            future: Future[ssl.SSLContext] = Future()

            def build() -> None:
                try:
                    future.set_result(_load())
                except BaseException as exc:  # said where the context is needed
                    future.set_exception(exc)

            threading.Thread(target=build, name="tls-context", daemon=True).start()
            _verified = future
        return _verified


def needs_tls(base_url: str) -> bool:
    """Whether a client of ``base_url`` may speak TLS: an https API, or any proxy set."""
    return not base_url.lower().startswith("http://") or bool(getproxies())


def prepare(base_url: str) -> None:
    """Start building the context ``base_url`` needs, in a thread (nothing for plain http)."""
    if needs_tls(base_url):
        _start()


def verified() -> ssl.SSLContext:
    """The context that verifies servers as httpx would (waits for :func:`prepare`'s)."""
    return _start().result()


def context_for(base_url: str) -> ssl.SSLContext:
    """The context a client of ``base_url`` verifies with."""
    if not needs_tls(base_url):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, and trusts nothing
    return verified()
