"""Shared machinery of the template readers (Jinja, Liquid, Handlebars/Mustache).

Template logic is not prose. Control tags (``{% if %}``, ``{{#if}}``, ``{{/if}}``,
``{{else}}``, partials) and comments are removed from the view; output expressions
(``{{ first_name }}``) stay, and the document treats them as merge fields. The text of
every branch is kept, in source order, so an ``{% if %}`` and its ``{% else %}`` are both
linted (as if both were sent). A tag alone on its line is removed with its line, so
paragraphs stay paragraphs; a tag between two words becomes a space, so branches do not
glue together. ``raw`` blocks keep their content as text.

A template may start with front matter or a ``Subject:`` header block. A double
extension names the format under the template: ``intro.html.j2`` is stripped of its
Jinja syntax first and then read as HTML (``.md``/``.markdown`` as Markdown).
"""

from __future__ import annotations

import os
from typing import ClassVar

import regex

from .._source import EmailSource
from ._build import ViewBuilder, compose
from ._frontmatter import email_from, read_meta
from .html import html_view
from .markdown import markdown_view

JINJA_SYNTAX = regex.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\})(?P<raw_body>[\s\S]*?)(?P<raw_end>\{%-?\s*endraw\s*-?%\})"
    r"|(?P<drop>\{\#[\s\S]*?\#\}|\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}|\{%[\s\S]*?%\})"
)
"""Jinja and Liquid: ``{# #}``, ``{% comment %}...{% endcomment %}``, ``{% ... %}``, raw blocks."""

HANDLEBARS_SYNTAX = regex.compile(
    r"(?P<raw>\{\{\{\{\s*raw\s*\}\}\}\})(?P<raw_body>[\s\S]*?)(?P<raw_end>\{\{\{\{\s*/raw\s*\}\}\}\})"
    r"|(?P<drop>\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*(?:[#/^>]|else\b)[^{}]*\}\}"
    r"|\{\{=[^{}]*=\}\})"
)
"""Handlebars and Mustache: comments, block open/close, ``{{else}}``, partials, delimiters."""

_WORDISH = regex.compile(r"[\w\p{L}]")


def _alone_on_line(source: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole line (with its newline) when ``source[start:end]`` is all that is on it."""
    line_start = source.rfind("\n", 0, start) + 1
    nl = source.find("\n", end)
    line_end = len(source) if nl == -1 else nl + 1
    if source[line_start:start].strip() or source[end:line_end].strip():
        return None
    return line_start, line_end


def _glue(source: str, start: int, end: int) -> str:
    """A space when removing ``source[start:end]`` would join two words or sentences."""
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    if before.isspace() or after.isspace():
        return ""
    return " " if _WORDISH.match(after) and (_WORDISH.match(before) or before in ".!?:;,)") else ""


def template_edits(
    source: str, start: int, end: int, syntax: regex.Pattern[str]
) -> list[tuple[int, int, str]]:
    """Edits that remove template logic from ``source[start:end]``."""
    spans: list[tuple[int, int]] = []
    for m in syntax.finditer(source, start, end):
        if m.group("raw") is not None:
            spans.extend((m.span("raw"), m.span("raw_end")))
        else:
            spans.append(m.span())
    groups: list[list[int]] = []
    for a, b in spans:
        if groups and not source[groups[-1][1] : a].strip(" \t") and a >= groups[-1][1]:
            groups[-1][1] = b
        else:
            groups.append([a, b])
    edits = []
    for a, b in groups:
        line = _alone_on_line(source, a, b)
        if line is not None and start <= line[0] and line[1] <= end:
            edits.append((line[0], line[1], ""))
        else:
            edits.append((a, b, _glue(source, a, b)))
    return edits


def apply_edits(builder: ViewBuilder, start: int, end: int, edits: list[tuple[int, int, str]]) -> None:
    """Copy ``builder.source[start:end]`` into the view, replacing each edited run."""
    pos = start
    for s, e, repl in sorted(edits):
        if s < pos:
            continue
        builder.copy(pos, s)
        builder.emit(repl, s, e)
        pos = e
    builder.copy(pos, end)


class TemplateReader:
    """Base of the template readers; subclasses set ``name``, ``extensions`` and ``syntax``."""

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    syntax: ClassVar[regex.Pattern[str]] = JINJA_SYNTAX

    def read(self, text: str, path: str) -> EmailSource:
        meta = read_meta(text, path)
        stripped = ViewBuilder(text)
        apply_edits(
            stripped,
            meta.body_start,
            len(text),
            template_edits(text, meta.body_start, len(text), self.syntax),
        )
        inner = os.path.splitext(os.path.splitext(path)[0])[1].lower()
        if inner not in (".html", ".htm", ".md", ".markdown"):
            view, smap = stripped.build()
            return email_from(meta, text, view, smap, path=path, format=self.name)
        middle, middle_map = stripped.build()
        second = ViewBuilder(middle)
        title = None
        preheader = None
        if inner in (".html", ".htm"):
            parser = html_view(second, 0, path)
            preheader = parser.preheader_text()
            found = parser.title_subject()
            if found is not None:
                title = (found[0], middle_map.to_source(found[1]) if found[1] is not None else None)
        else:
            markdown_view(second, 0, len(middle))
        view = second.text
        smap = compose(second.segments, stripped.segments, text)
        fmt = f"{self.name}+{'html' if inner.startswith('.htm') else 'markdown'}"
        return email_from(
            meta, text, view, smap, path=path, format=fmt, preheader=preheader, fallback_subject=title
        )
