"""Markdown emails: front matter for the subject, and only the prose a reader sees in the body.

Not prose, so left out of the view: front matter, fenced code blocks, code spans, images,
link targets (``[text](url)`` keeps ``text``), reference definitions, HTML comments and
tags, emphasis markers (``*``, ``_``, ``~~``) and heading markers. Headings, list items
and ``>`` quotes stay as text. Merge fields (``*|FNAME|*``, ``{{first_name}}``, ...) are
protected before any Markdown syntax is looked at, so they reach the document intact.
Indented code blocks are not recognized: emails indent prose far more often than code.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from .._mergefields import MERGE_FIELD_RE
from .._source import EmailSource
from ..hookspecs import hookimpl
from ._build import ViewBuilder
from ._frontmatter import email_from, read_meta

_MASK = "\ue000"
_FENCE = regex.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_ATX = regex.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|(?=[ \t]*\r?$))")
_ATX_CLOSE = regex.compile(r"[ \t]+#+[ \t]*\r?$")
_RULE_LINE = regex.compile(r"[ ]{0,3}(?:=+|-{3,}|\*{3,}|_{3,}|(?:[-*_][ \t]*){3,})[ \t]*\r?$")
_REF_DEF = regex.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*?\r?$")
_BARE_URL = regex.compile(r"(?<![(<\w])(?:https?://|www\.)[^\s<>()]+", regex.I)
_INLINE = regex.compile(
    r"""
      (?P<comment><!--[\s\S]*?-->)
    | (?P<code>(?P<ticks>`+)(?!`)(?:[^\n]|\n(?![ \t]*\r?\n))+?(?<!`)(?P=ticks)(?!`))
    | (?P<image>!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\]))
    | (?P<lopen>\[(?=[^\[\]\n]*\](?:\(|\[)))
    | (?P<lclose>\](?:\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\)|\[[^\]\n]*\]))
    | (?P<autolink><(?:https?://|mailto:)[^<>\s]+>)
    | (?P<br><br[ \t]*/?>)
    | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)
    | (?P<escape>\\[!-/:-@\[-`{-~])
    | (?P<emph>(?<![\w*_~\\])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])
             |(?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~]))
    """,
    regex.VERBOSE,
)

Edit = tuple[int, int, str]


def _line_edits(source: str, start: int, end: int) -> tuple[list[Edit], list[tuple[int, int]]]:
    """Edits decided line by line (headings, rules, fences), and the fenced ranges."""
    edits: list[Edit] = []
    fenced: list[tuple[int, int]] = []
    fence: tuple[str, int] | None = None
    pos = start
    while pos < end:
        nl = source.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        content_end = line_end - 1 if line_end > pos and source[line_end - 1] == "\r" else line_end
        if fence is not None:
            m = _FENCE.match(source, pos, content_end)
            if m and m.group(1)[0] == fence[0][0] and len(m.group(1)) >= len(fence[0]):
                fenced.append((fence[1], content_end))
                fence = None
        elif (m := _FENCE.match(source, pos, content_end)) is not None:
            fence = (m.group(1), pos)
        elif (m := _ATX.match(source, pos, line_end)) is not None:
            edits.append((pos, m.end(), ""))
            close = _ATX_CLOSE.search(source, m.end(), line_end)
            if close:
                edits.append((close.start(), content_end, ""))
        elif _RULE_LINE.match(source, pos, line_end) or _REF_DEF.match(source, pos, line_end):
            edits.append((pos, content_end, ""))
        pos = line_end + 1
    if fence is not None:
        fenced.append((fence[1], end))
    edits.extend((a, b, "") for a, b in fenced)
    return edits, fenced


def _masked(source: str, start: int, end: int, fenced: list[tuple[int, int]]) -> str:
    """``source`` with merge fields, bare URLs and fenced code hidden from the inline scan."""
    chars = list(source)
    for pattern in (MERGE_FIELD_RE, _BARE_URL):
        for m in pattern.finditer(source, start, end):
            chars[m.start() : m.end()] = _MASK * (m.end() - m.start())
    for a, b in fenced:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _inline_edits(masked: str, start: int, end: int) -> list[Edit]:
    edits: list[Edit] = []
    for m in _INLINE.finditer(masked, start, end):
        kind = m.lastgroup if m.lastgroup != "ticks" else "code"
        s, e = m.span()
        if kind == "br":
            edits.append((s, e, "\n"))
        elif kind == "escape":
            edits.append((s, e, masked[e - 1]))
        elif kind == "autolink":
            edits.extend(((s, s + 1, ""), (e - 1, e, "")))
        elif m.group("code") is not None:
            edits.append((s, e, ""))
        else:
            edits.append((s, e, ""))
    return edits


def markdown_view(builder: ViewBuilder, start: int, end: int) -> None:
    """Append the prose of the Markdown in ``builder.source[start:end]`` to ``builder``."""
    source = builder.source
    line_edits, fenced = _line_edits(source, start, end)
    edits = sorted(line_edits + _inline_edits(_masked(source, start, end, fenced), start, end))
    pos = start
    for s, e, repl in edits:
        if s < pos:  # overlaps an edit already applied (e.g. a tag inside a fence)
            continue
        builder.copy(pos, s)
        builder.emit(repl, s, e)
        pos = e
    builder.copy(pos, end)


class MarkdownReader:
    """Markdown with optional ``---`` (simple YAML) or ``+++`` (TOML) front matter."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def read(self, text: str, path: str) -> EmailSource:
        meta = read_meta(text, path)
        builder = ViewBuilder(text)
        markdown_view(builder, meta.body_start, len(text))
        view, smap = builder.build()
        return email_from(meta, text, view, smap, path=path, format=self.name)


@hookimpl
def outreach_lint_register_readers() -> list[MarkdownReader]:
    return [MarkdownReader()]
