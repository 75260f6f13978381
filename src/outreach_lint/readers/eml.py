"""``.eml`` files (RFC 5322 / MIME): the body part a person reads, mapped into the raw message.

- Headers are decoded (RFC 2047 ``=?utf-8?q?...?=`` subjects via :mod:`email.header`).
- ``multipart/*`` is walked with our own boundary scan, so each part's offsets in the
  file are known. The first ``text/plain`` part that is not an attachment is linted;
  without one, the first ``text/html`` part is read with the HTML reader. Attachments
  and other parts are ignored.
- Bodies in ``7bit``/``8bit``/``binary`` map character for character into the file.
  ``quoted-printable`` maps every plain character exactly; a decoded escape such as
  ``=E2=80=99`` maps to the whole escape, soft line breaks to nothing. ``base64`` maps
  each decoded character to the 4-character group(s) it came from: the line is right,
  the excerpt is the encoded text. Every span stays inside the file.
- The subject maps to its header value when it is neither RFC 2047 encoded nor folded;
  otherwise findings on it are reported with ``part = "subject"``.

A file that is not a message (no header block, a multipart without its boundary, no
text part, undecodable base64, unknown charset) is an :class:`InputError`.
"""

from __future__ import annotations

import binascii
import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import regex

from .._errors import InputError
from .._source import EmailSource
from ..hookspecs import hookimpl
from ._build import ViewBuilder, checked_subject_start, compose
from .html import html_view

if TYPE_CHECKING:  # the email package is imported when an .eml file is read (~10 ms a run otherwise)
    from email.message import Message

_FIRST_LINE = regex.compile(r"(?:From [^\r\n]*\r?\n)?[A-Za-z0-9][A-Za-z0-9-]*:")
_BLANK = regex.compile(r"\r?\n[ \t]*\r?\n|\r\r")
_SUBJECT = regex.compile(r"^Subject:[ \t]*([^\r\n]*?)[ \t]*\r?$((?:\r?\n[ \t][^\r\n]*)*)", regex.M | regex.I)
_B64 = regex.compile(r"[A-Za-z0-9+/=]")


@dataclass
class Part:
    """A leaf MIME part: its parsed headers and where its body is in the file."""

    headers: Message
    start: int
    end: int

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()

    @property
    def is_attachment(self) -> bool:
        disposition = str(self.headers.get("Content-Disposition", "")).lower()
        return disposition.startswith("attachment") or bool(self.headers.get_filename())


def _split_headers(source: str, start: int, end: int) -> tuple[Message, int]:
    blank = _BLANK.search(source, start, end)
    head_end = blank.start() if blank else end
    body_start = blank.end() if blank else end
    from email.parser import HeaderParser
    from email.policy import compat32

    return HeaderParser(policy=compat32).parsestr(source[start:head_end] + "\n"), body_start


def _walk(source: str, start: int, end: int, path: str, depth: int = 0) -> list[Part]:
    headers, body_start = _split_headers(source, start, end)
    if headers.get_content_maintype() != "multipart":
        return [Part(headers, body_start, end)]
    if depth > 20:
        raise InputError("MIME parts nested more than 20 deep", path=path)
    boundary = headers.get_boundary()
    if not boundary:
        raise InputError("multipart message without a boundary= parameter in Content-Type", path=path)
    delim = regex.compile(rf"^--{regex.escape(boundary)}(--)?[ \t]*(?:\r?\n|$)", regex.M)
    marks = list(delim.finditer(source, body_start, end))
    if not marks:
        raise InputError(f"multipart boundary {boundary!r} never appears in the body", path=path)
    parts: list[Part] = []
    for here, nxt in zip(marks, [*marks[1:], None], strict=True):
        if here.group(1):
            break
        part_end = end if nxt is None else nxt.start()
        if source.startswith("\r\n", part_end - 2):
            part_end -= 2
        elif source.startswith("\n", part_end - 1):
            part_end -= 1
        parts.extend(_walk(source, here.end(), max(here.end(), part_end), path, depth + 1))
    return parts


def _qp_bytes(source: str, start: int, end: int) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    pos = start
    while pos < end:
        ch = source[pos]
        if ch == "=":
            hexpair = source[pos + 1 : pos + 3]
            if len(hexpair) == 2 and all(c in "0123456789abcdefABCDEF" for c in hexpair) and pos + 3 <= end:
                out.append((int(hexpair, 16), pos, pos + 3))
                pos += 3
                continue
            soft = regex.match(r"=[ \t]*(?:\r\n|\n|\r|$)", source[pos:end])
            if soft:
                pos += soft.end()
                continue
        out.extend((b, pos, pos + 1) for b in ch.encode("utf-8"))
        pos += 1
    return out


def _b64_bytes(source: str, start: int, end: int, path: str) -> list[tuple[int, int, int]]:
    positions = [m.start() for m in _B64.finditer(source, start, end)]
    out: list[tuple[int, int, int]] = []
    for i in range(0, len(positions), 4):
        quad = positions[i : i + 4]
        chunk = "".join(source[p] for p in quad)
        try:
            data = binascii.a2b_base64(chunk + "=" * (-len(chunk) % 4))
        except binascii.Error:
            raise InputError(f"invalid base64 body at offset {quad[0]}", path=path) from None
        out.extend((b, quad[0], quad[-1] + 1) for b in data)
    return out


def _decode_into(builder: ViewBuilder, data: list[tuple[int, int, int]], charset: str, path: str) -> None:
    try:
        decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    except LookupError:
        raise InputError(f"unknown charset {charset!r}", path=path) from None
    chars: list[tuple[str, int, int]] = []
    first: int | None = None
    for byte, s, e in data:
        first = s if first is None else first
        decoded = decoder.decode(bytes([byte]))
        if decoded:
            chars.extend((ch, first, e) for ch in decoded)
            first = None
    if data and first is not None:
        chars.extend((ch, first, data[-1][2]) for ch in decoder.decode(b"", final=True))
    src = builder.source
    i = 0
    while i < len(chars):
        ch, s, e = chars[i]
        if ch == "\r":
            if i + 1 < len(chars) and chars[i + 1][0] == "\n":
                builder.emit("\n", s, chars[i + 1][2])
                i += 2
                continue
            builder.emit("\n", s, e)
        elif e - s == 1 and src[s] == ch:
            builder.copy(s, e)
        else:
            builder.emit(ch, s, e)
        i += 1


def _body(source: str, part: Part, path: str) -> ViewBuilder:
    builder = ViewBuilder(source)
    cte = str(part.headers.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    charset = part.headers.get_content_charset() or "us-ascii"
    if cte == "quoted-printable":
        _decode_into(builder, _qp_bytes(source, part.start, part.end), charset, path)
    elif cte == "base64":
        _decode_into(builder, _b64_bytes(source, part.start, part.end, path), charset, path)
    else:  # 7bit, 8bit, binary: the file text is the body text
        builder.copy(part.start, part.end)
    return builder


def _subject(source: str, head_end: int) -> tuple[str | None, int | None]:
    m = _SUBJECT.search(source, 0, head_end)
    if m is None:
        return None, None
    raw = m.group(1) + m.group(2)
    if "=?" in raw or m.group(2):
        return _decoded(" ".join(raw.split())), None
    return m.group(1), m.start(1)


class EmlReader:
    """Raw email messages (``.eml``), single part or MIME multipart."""

    name: ClassVar[str] = "eml"
    extensions: ClassVar[tuple[str, ...]] = (".eml",)

    def read(self, text: str, path: str) -> EmailSource:
        if not _FIRST_LINE.match(text):
            raise InputError("not an email message: expected a header such as 'From:' on line 1", path=path)
        top, body_start = _split_headers(text, 0, len(text))
        parts = [p for p in _walk(text, 0, len(text), path) if not p.is_attachment]
        chosen = next((p for p in parts if p.content_type == "text/plain"), None)
        chosen = chosen or next((p for p in parts if p.content_type == "text/html"), None)
        if chosen is None:
            found = ", ".join(sorted({p.content_type for p in parts})) or "none"
            raise InputError(f"no text/plain or text/html body part (found: {found})", path=path)
        middle = _body(text, chosen, path)
        preheader = None
        if chosen.content_type == "text/html":
            middle_text, _ = middle.build()
            second = ViewBuilder(middle_text)
            preheader = html_view(second, 0, path).preheader_text()
            view, smap = second.text, compose(second.segments, middle.segments, text)
        else:
            view, smap = middle.build()
        subject, subject_start = _subject(text, body_start)
        headers = {k.lower(): _decoded(v) for k, v in top.items()}
        step = headers.get("x-outreach-step", "")
        return EmailSource(
            source=text,
            view=view,
            map=smap,
            path=path,
            format=self.name,
            subject=subject,
            subject_start=checked_subject_start(text, subject, subject_start),
            preheader=preheader,
            headers=headers,
            step=int(step) if step.strip().isdigit() and int(step) >= 1 else None,
        )


def _decoded(value: object) -> str:
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(str(value))))
    except Exception:  # a broken encoded word is shown as written
        return str(value)


@hookimpl
def outreach_lint_register_readers() -> list[EmlReader]:
    return [EmlReader()]
