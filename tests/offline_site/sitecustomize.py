"""Block network access in this interpreter: the test suite's offline guard.

The test suite loads this file in its own process (``tests/conftest.py``) and puts this
folder first on ``PYTHONPATH`` for the commands it runs in subprocesses, where Python
imports it automatically as ``sitecustomize``. Either way, every attempt to resolve a
host name or to open a network connection raises :class:`NetworkBlockedError` and is
recorded, so an attempt that some library catches and swallows is still seen:

- in-process, in :data:`ATTEMPTS` (``tests/conftest.py`` fails the test that made one);
- in a subprocess, as a line starting with :data:`MARKER` on standard error.

Unix-domain sockets stay allowed: ``multiprocessing`` may use them, and they never leave
the machine. Nothing here opens a socket, so the guard itself sends no traffic.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

MARKER = "outreach-lint-tests: blocked network access"
ATTEMPTS: list[str] = []


class NetworkBlockedError(RuntimeError):
    """Raised instead of touching the network. Not an OSError, so callers cannot mistake it
    for an ordinary offline failure and quietly fall back."""


def _blocked(what: str) -> NetworkBlockedError:
    message = f"{MARKER}: {what}"
    ATTEMPTS.append(message)
    if __name__ == "sitecustomize":  # a subprocess: tell the parent test through stderr
        print(message, file=sys.stderr, flush=True)
    return NetworkBlockedError(message)


def _is_unix(sock: Any) -> bool:
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


def install() -> None:
    """Patch the socket module; calling it again does nothing."""
    if getattr(socket, "_outreach_lint_guard", False):
        return
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def connect(self: socket.socket, address: Any) -> None:
        if _is_unix(self):
            return real_connect(self, address)
        raise _blocked(f"socket.connect({address!r})")

    def connect_ex(self: socket.socket, address: Any) -> int:
        if _is_unix(self):
            return real_connect_ex(self, address)
        raise _blocked(f"socket.connect_ex({address!r})")

    def sendto(self: socket.socket, *args: Any) -> int:
        if _is_unix(self):
            return real_sendto(self, *args)
        raise _blocked(f"socket.sendto({args[-1]!r})")

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        raise _blocked(f"socket.create_connection({address!r})")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> list[Any]:
        raise _blocked(f"socket.getaddrinfo({host!r})")

    def gethostbyname(host: Any) -> str:
        raise _blocked(f"socket.gethostbyname({host!r})")

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign,assignment]
    socket.create_connection = create_connection  # type: ignore[assignment]
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket._outreach_lint_guard = True  # type: ignore[attr-defined]


install()
