"""Readers turn a file's text into an :class:`EmailSource`; one per format, via plugins."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from ._source import EmailSource


@runtime_checkable
class Reader(Protocol):
    """A file format. ``extensions`` are lower-case suffixes with the dot, e.g. ``.html``."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def read(self, text: str, path: str) -> EmailSource:
        """Parse ``text`` (the decoded file) into an email; raise ``InputError`` if malformed."""
        ...
