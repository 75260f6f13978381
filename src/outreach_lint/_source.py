"""What a reader hands to the parser: the text a person reads, and how it maps to the file.

A reader (plain text, Markdown, HTML, .eml, templates) turns a file into an
:class:`EmailSource`: the original ``source`` string, the ``view`` (the visible body
text, in reading order) and a :class:`SourceMap` from view offsets back to source
offsets. Rules only ever see view offsets; the engine maps them back, so every finding
points at the characters the user edits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of view text that comes from one run of source text.

    When ``view_len == src_len`` the run maps character for character. Otherwise (a
    decoded entity, a synthesized paragraph break) the whole view run maps to the whole
    source run: its start to ``src_start`` and its end to ``src_start + src_len``.
    """

    view_start: int
    view_len: int
    src_start: int
    src_len: int


class SourceMap:
    """Maps view offsets to source offsets, and source offsets to 1-based line/column."""

    __slots__ = ("_line_starts", "_segments", "_starts", "source")

    def __init__(self, source: str, segments: Sequence[Segment]) -> None:
        self.source = source
        self._segments = list(segments)
        self._starts = [s.view_start for s in self._segments]
        self._line_starts: list[int] | None = None

    @classmethod
    def identity(cls, source: str, view_start_in_source: int = 0, length: int | None = None) -> SourceMap:
        """A map for a view that is a plain slice of the source."""
        n = len(source) - view_start_in_source if length is None else length
        return cls(source, [Segment(0, n, view_start_in_source, n)])

    def _segment(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self._segments[0] if self._segments else None
        return self._segments[i]

    def to_source(self, offset: int) -> int:
        """Source offset of the view character at ``offset`` (a span start)."""
        seg = self._segment(offset)
        if seg is None:
            return 0
        rel = offset - seg.view_start
        if seg.view_len == seg.src_len:
            return seg.src_start + min(max(rel, 0), seg.src_len)
        return seg.src_start if rel < seg.view_len else seg.src_start + seg.src_len

    def to_source_end(self, offset: int) -> int:
        """Source offset just past the view character before ``offset`` (a span end)."""
        if offset <= 0:
            return self.to_source(0)
        seg = self._segment(offset - 1)
        if seg is None:
            return 0
        rel = offset - seg.view_start
        if seg.view_len == seg.src_len:
            return seg.src_start + min(max(rel, 0), seg.src_len)
        return seg.src_start + seg.src_len

    def line_col(self, src_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters.

        Lines end at LF, CRLF or a lone CR, as in the view (and in editors).
        """
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source))]
        line = bisect.bisect_right(self._line_starts, src_offset) - 1
        return line + 1, src_offset - self._line_starts[line] + 1


@dataclass(frozen=True)
class EmailSource:
    """One email as a reader produced it, before parsing into a :class:`Document`.

    ``view`` is the body a person reads; ``subject`` and ``subject_start`` locate the
    subject line in ``source`` when the file holds one (``subject_start`` is ``None`` when
    the subject came from elsewhere, e.g. an argument to :func:`lint_text`). When the
    subject is not a plain slice of the source (a folded or encoded header), the reader
    sets ``subject_map`` from subject offsets to source offsets; it wins over
    ``subject_start``.
    """

    source: str
    view: str
    map: SourceMap
    path: str = "<text>"
    format: str = "text"
    subject: str | None = None
    subject_start: int | None = None
    preheader: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    step: int | None = None
    subject_map: SourceMap | None = None

    @classmethod
    def plain(cls, source: str, *, path: str = "<text>", subject: str | None = None) -> EmailSource:
        """A body with no headers: the view is the whole source."""
        return cls(source=source, view=source, map=SourceMap.identity(source), path=path, subject=subject)


def normalized_view(source: str, start: int = 0, end: int | None = None) -> tuple[str, SourceMap]:
    """The slice ``source[start:end]`` with CRLF and lone CR turned into LF, and its map."""
    end = len(source) if end is None else end
    chunk = source[start:end]
    if "\r" not in chunk:
        return chunk, SourceMap(source, [Segment(0, len(chunk), start, len(chunk))])
    segments: list[Segment] = []
    out: list[str] = []
    view_pos = 0
    pos = start
    while pos < end:
        cr = source.find("\r", pos, end)
        if cr == -1:
            cr = end
        if cr > pos:
            segments.append(Segment(view_pos, cr - pos, pos, cr - pos))
            out.append(source[pos:cr])
            view_pos += cr - pos
        if cr >= end:
            break
        width = 2 if source.startswith("\r\n", cr) and cr + 1 < end else 1
        segments.append(Segment(view_pos, 1, cr, width))
        out.append("\n")
        view_pos += 1
        pos = cr + width
    return "".join(out), SourceMap(source, segments)
