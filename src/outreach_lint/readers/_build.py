"""Helpers shared by the readers: build a view with its source map, compose maps, shift them.

A reader walks its source once and calls :meth:`ViewBuilder.copy` for text a person
reads as written (line endings are normalized to ``\\n`` on the way) and
:meth:`ViewBuilder.emit` for text it synthesizes or decodes (a paragraph break for a
``<p>`` tag, ``&`` for ``&amp;``), which maps to the whole source run it replaces.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .._source import EmailSource, Segment, SourceMap


class ViewBuilder:
    """Accumulates view text and the :class:`Segment` list that maps it to ``source``."""

    __slots__ = ("_parts", "_pos", "segments", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self.segments: list[Segment] = []
        self._pos = 0

    def __len__(self) -> int:
        return self._pos

    @property
    def text(self) -> str:
        """The view built so far."""
        return "".join(self._parts)

    def tail(self, n: int = 2) -> str:
        """The last ``n`` characters of the view (fewer when the view is shorter)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:] if n else ""

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` as is, except CRLF and lone CR become LF."""
        src = self.source
        pos = start
        while pos < end:
            cr = src.find("\r", pos, end)
            stop = end if cr == -1 else cr
            if stop > pos:
                self._add(src[pos:stop], pos, stop - pos, exact=True)
            if cr == -1:
                break
            width = 2 if cr + 1 < end and src[cr + 1] == "\n" else 1
            self._add("\n", cr, width, exact=width == 1)
            pos = cr + width

    def emit(self, text: str, src_start: int, src_end: int) -> None:
        """Append synthesized or decoded ``text`` standing for ``source[src_start:src_end]``."""
        if text:
            self._add(text, src_start, src_end - src_start, exact=False)

    def _add(self, text: str, src_start: int, src_len: int, *, exact: bool) -> None:
        n = len(text)
        last = self.segments[-1] if self.segments else None
        if (
            exact
            and last is not None
            and last.view_len == last.src_len
            and last.view_start + last.view_len == self._pos
            and last.src_start + last.src_len == src_start
        ):
            self.segments[-1] = Segment(last.view_start, last.view_len + n, last.src_start, last.src_len + n)
        else:
            if not exact and n == src_len:
                # Same length but not a character-for-character copy: split so each view
                # character maps to the whole run (Segment treats equal lengths as exact).
                for i, ch in enumerate(text):
                    self._parts.append(ch)
                    self.segments.append(Segment(self._pos + i, 1, src_start, src_len))
                self._pos += n
                return
            self.segments.append(Segment(self._pos, n, src_start, src_len))
        self._parts.append(text)
        self._pos += n

    def build(self) -> tuple[str, SourceMap]:
        """The view and its map; an empty view still maps to the end of the source."""
        segments = self.segments or [Segment(0, 0, len(self.source), 0)]
        return self.text, SourceMap(self.source, segments)


def segments_of(smap: SourceMap) -> list[Segment]:
    """The segments of a map (readers compose maps; the engine never needs this)."""
    return list(smap._segments)


def compose(outer: Sequence[Segment], inner: Sequence[Segment], source: str) -> SourceMap:
    """Chain two maps: ``outer`` maps view -> middle text, ``inner`` maps middle -> ``source``."""
    if not inner:
        return SourceMap(source, list(outer))
    imap = SourceMap(source, inner)
    starts = [s.view_start for s in inner]
    out: list[Segment] = []
    for seg in outer:
        if seg.view_len != seg.src_len:
            a = imap.to_source(seg.src_start)
            b = max(a, imap.to_source_end(seg.src_start + seg.src_len)) if seg.src_len else a
            out.extend(_inexact(seg.view_start, seg.view_len, a, b - a))
            continue
        lo, hi = seg.src_start, seg.src_start + seg.src_len
        i = max(0, bisect.bisect_right(starts, lo) - 1)
        while i < len(inner) and inner[i].view_start < hi:
            part = inner[i]
            x, y = max(lo, part.view_start), min(hi, part.view_start + part.view_len)
            if y > x:
                v = seg.view_start + (x - lo)
                if part.view_len == part.src_len:
                    out.append(Segment(v, y - x, part.src_start + (x - part.view_start), y - x))
                else:
                    out.extend(_inexact(v, y - x, part.src_start, part.src_len))
            i += 1
    return SourceMap(source, out)


def _inexact(view_start: int, view_len: int, src_start: int, src_len: int) -> list[Segment]:
    """Segments mapping a whole view run to a whole source run, even when lengths agree."""
    if view_len != src_len:
        return [Segment(view_start, view_len, src_start, src_len)]
    return [Segment(view_start + k, 1, src_start, src_len) for k in range(view_len)]


def shift(email: EmailSource, source: str, offset: int) -> EmailSource:
    """An email read from ``source[offset:...]`` re-expressed against the whole ``source``."""
    segs = [
        Segment(s.view_start, s.view_len, s.src_start + offset, s.src_len) for s in segments_of(email.map)
    ]
    subject_start = email.subject_start + offset if email.subject_start is not None else None
    return EmailSource(
        source=source,
        view=email.view,
        map=SourceMap(source, segs),
        path=email.path,
        format=email.format,
        subject=email.subject,
        subject_start=checked_subject_start(source, email.subject, subject_start),
        preheader=email.preheader,
        headers=email.headers,
        step=email.step,
    )


def checked_subject_start(source: str, subject: str | None, start: int | None) -> int | None:
    """``start`` when the subject is written verbatim there in ``source``, else ``None``."""
    if subject is None or start is None or source[start : start + len(subject)] != subject:
        return None
    return start
