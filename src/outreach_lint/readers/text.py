"""Plain-text emails, with optional RFC 822 style headers (``Subject:``) before a blank line."""

from __future__ import annotations

from typing import ClassVar

import regex

from .._source import EmailSource, Segment, SourceMap, normalized_view
from ..hookspecs import hookimpl

KNOWN_HEADERS = frozenset(
    {
        "subject", "from", "to", "cc", "bcc", "date", "reply-to", "preheader", "step", "delay",
        "sequence", "message-id", "mime-version", "content-type", "sender", "in-reply-to", "references",
    }
)
_HEADER = regex.compile(r"([A-Za-z][A-Za-z0-9-]*):[ \t]*([^\r\n]*)(?:\r\n|\r|\n|$)")
# A folded header line; a line of only spaces is a blank line, not a continuation.
_CONTINUATION = regex.compile(r"[ \t]+\S[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADER_REST = regex.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
_BLANK = regex.compile(r"[ \t]*(?:\r\n|\r|\n)")


def parse_headers(source: str, start: int = 0) -> tuple[dict[str, str], dict[str, int], int]:
    """Leading headers of a text from ``start``: (values, value offsets, offset where the body starts).

    Returns empty results (and ``start``) unless every line up to a blank line is a
    header and at least one is a known email header (``Subject``, ``From``, ``X-...``),
    so a body that starts with "Note: ..." is not mistaken for headers.
    """
    values: dict[str, str] = {}
    offsets: dict[str, int] = {}
    pos = start
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
    return {}, {}, start


def folded_value_map(source: str, value_start: int) -> SourceMap | None:
    """Map from the unfolded value of a folded header to the source; ``None`` if not folded.

    ``value_start`` is the header's value offset from :func:`parse_headers`. As there, the
    first line and each continuation line are stripped and joined with one space; that
    space maps to the whole line fold.
    """
    first = _HEADER_REST.match(source, value_start)
    assert first is not None  # [^\r\n]* always matches
    pieces = [(value_start, first.group(1).strip())]
    pos = first.end()
    while (c := _CONTINUATION.match(source, pos)) is not None:
        raw = c.group(0)
        pieces.append((c.start() + len(raw) - len(raw.lstrip()), raw.strip()))
        pos = c.end()
    segments: list[Segment] = []
    view_pos = 0
    prev_end = pieces[0][0] + len(pieces[0][1])
    for i, (src_start, text) in enumerate(pieces):
        if i:
            segments.append(Segment(view_pos, 1, prev_end, src_start - prev_end))
            view_pos += 1
        segments.append(Segment(view_pos, len(text), src_start, len(text)))
        view_pos += len(text)
        prev_end = src_start + len(text)
    return SourceMap(source, segments) if len(pieces) > 1 else None


class TextReader:
    """Plain text: the body is everything after the optional header block."""

    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = (".txt", ".text", "")

    def read(self, text: str, path: str) -> EmailSource:
        # A byte-order mark left in the text (files are decoded without it) is not content.
        headers, offsets, body_start = parse_headers(text, 1 if text.startswith("\ufeff") else 0)
        view, smap = normalized_view(text, body_start)
        subject = headers.get("subject")
        subject_map = folded_value_map(text, offsets["subject"]) if subject is not None else None
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
            subject_map=subject_map,
        )


def _int_or_none(value: str | None) -> int | None:
    if value and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    return None


@hookimpl
def outreach_lint_register_readers() -> list[TextReader]:
    return [TextReader()]
