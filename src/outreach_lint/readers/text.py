"""Plain-text emails, with optional RFC 822 style headers (``Subject:``) before a blank line."""

from __future__ import annotations

from typing import ClassVar

import regex

from .._source import EmailSource, normalized_view
from ..hookspecs import hookimpl

KNOWN_HEADERS = frozenset(
    {
        "subject", "from", "to", "cc", "bcc", "date", "reply-to", "preheader", "step", "delay",
        "sequence", "message-id", "mime-version", "content-type", "sender", "in-reply-to", "references",
    }
)
_HEADER = regex.compile(r"([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\r\n]*)(?:\r\n|\r|\n|$)")
_CONTINUATION = regex.compile(r"[ \t]+[^\r\n]*(?:\r\n|\r|\n|$)")
_BLANK = regex.compile(r"[ \t]*(?:\r\n|\r|\n)")


def parse_headers(source: str) -> tuple[dict[str, str], dict[str, int], int]:
    """Leading headers of a text: (values, value offsets, offset where the body starts).

    Returns empty results unless every line up to a blank line is a header and at least
    one is a known email header (``Subject``, ``From``, ``X-...``), so a body that
    starts with "Note: ..." is not mistaken for headers.
    """
    values: dict[str, str] = {}
    offsets: dict[str, int] = {}
    pos = 0
    known = False
    while pos < len(source):
        blank = _BLANK.match(source, pos)
        if blank:
            if known and values:
                return values, offsets, blank.end()
            break
        m = _HEADER.match(source, pos)
        if not m:
            break
        name = m.group(1).lower()
        known = known or name in KNOWN_HEADERS or name.startswith("x-")
        values[name] = m.group(2).strip()
        offsets[name] = m.start(2)
        pos = m.end()
        while (c := _CONTINUATION.match(source, pos)) is not None:
            values[name] += " " + c.group(0).strip()
            pos = c.end()
        if pos >= len(source) and known:
            return values, offsets, pos
    return {}, {}, 0


class TextReader:
    """Plain text: the body is everything after the optional header block."""

    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text", "")

    def read(self, text: str, path: str) -> EmailSource:
        headers, offsets, body_start = parse_headers(text)
        view, smap = normalized_view(text, body_start)
        subject = headers.get("subject")
        step = _int_or_none(headers.get("step"))
        return EmailSource(
            source=text,
            view=view,
            map=smap,
            path=path,
            format=self.name,
            subject=subject,
            subject_start=offsets.get("subject") if subject is not None else None,
            preheader=headers.get("preheader"),
            headers=headers,
            step=step,
        )


def _int_or_none(value: str | None) -> int | None:
    if value and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return None


@hookimpl
def outreach_lint_register_readers() -> list[TextReader]:
    return [TextReader()]
