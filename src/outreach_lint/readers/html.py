"""HTML emails: the text a person sees, mapped back to the characters of the HTML source.

- Left out of the view: ``<head>``, ``<style>``, ``<script>``, ``<title>``, comments
  (MSO conditionals included), attributes, image ``alt`` text.
- Block elements (``p``, ``div``, ``table``, ``tr``, ``td``, ``h1``-``h6``, ...) become a
  paragraph break (``\\n\\n``) mapped to the tag; ``<br>`` becomes ``\\n``; each ``<li>``
  starts a ``- `` list line. Runs of whitespace collapse to one space, as browsers do.
- Entities are decoded; a decoded character maps to the whole entity (``&amp;``).
- Hidden elements (``display:none``, ``mso-hide:all``, ``max-height:0``, ``hidden``, or
  a class containing ``preheader``/``preview``) are the preheader, not the body.
- Quoted replies (``<blockquote>``, ``gmail_quote``/``yahoo_quote`` classes) stay in the
  view, each line prefixed ``> `` (mapped to no source text), so the document treats them
  as quoted text exactly as in a plain-text reply.
- Subject: a ``Subject:`` header block or front matter before the HTML wins; otherwise
  the ``<title>`` is the subject, unless it is only a merge field (``*|MC:SUBJECT|*``).

Broken HTML (unclosed or stray tags, no ``<html>``) is read the way browsers are
lenient; a tag or comment left open at the end of the file is an :class:`InputError`.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import ClassVar

import regex

from .._errors import InputError
from .._mergefields import MERGE_FIELD_RE
from .._source import EmailSource
from ..hookspecs import hookimpl
from ._build import ViewBuilder
from ._frontmatter import email_from, read_meta

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ]
)
SKIP_TAGS = frozenset({"head", "style", "script", "title", "template", "noscript", "xml"})
VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HIDDEN_STYLE = regex.compile(
    r"display\s*:\s*none|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px|em|%)?\s*(?:!important\s*)?(?:;|$)"
    r"|visibility\s*:\s*hidden",
    regex.I,
)
_PREHEADER_CLASS = regex.compile(r"preheader|preview-?text|\bpreview\b", regex.I)
_QUOTE_CLASS = regex.compile(r"gmail_quote|yahoo_quote|moz-cite-prefix", regex.I)
# What a reader sees as blank: whitespace, and the invisible characters email builders pad with
# (zero-width spaces and joiners, word joiner, BOM, combining grapheme joiner, soft hyphen).
_BLANK = r"\s\u200b-\u200d\u2060\ufeff\u034f\u00ad"
_SPACE = regex.compile(rf"[{_BLANK}]+")
_RUNS = regex.compile(rf"[{_BLANK}]+|[^{_BLANK}]+")
# Optional blanks, then words separated by single plain spaces, then optional blanks: the
# view keeps such a run as written, so it is copied whole instead of word by word.
_PLAIN_RUN = regex.compile(rf"[{_BLANK}]*([^{_BLANK}]+(?: [^{_BLANK}]+)*)[{_BLANK}]*")


_NEWLINE = regex.compile("\n")


def _attr(attrs: list[tuple[str, str | None]], name: str) -> str:
    return next((v or "" for k, v in attrs if k == name), "")


class _Parser(HTMLParser):
    def __init__(self, builder: ViewBuilder, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.b = builder
        self.base = base
        text = builder.source[base:]
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]  # one step a line, not a character
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, skip, hidden, quote
        self.skip = self.hidden = self.quote = 0
        self.pending: tuple[int, int] | None = None
        self.title: list[tuple[str, int, bool]] = []
        self.preheader: list[str] = []

    # -- positions ---------------------------------------------------------------------

    def _at(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    def _end_of_tag(self, start: int) -> int:
        gt = self.b.source.find(">", start)
        return len(self.b.source) if gt == -1 else gt + 1

    # -- tags --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, push=tag not in VOID_TAGS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, push=False)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, push: bool) -> None:
        start = self._at()
        end = start + len(self.get_starttag_text() or "")
        visible = not (self.skip or self.hidden)
        if visible and tag == "br":
            self._break("\n", start, end)
        elif visible and tag == "li":
            self._list_item(start, end)
        elif visible and tag in BLOCK_TAGS:
            self._break("\n\n", start, end)
        if not push:
            return
        cls = _attr(attrs, "class")
        hidden = bool(_HIDDEN_STYLE.search(_attr(attrs, "style")) or _PREHEADER_CLASS.search(cls)) or any(
            k == "hidden" for k, _ in attrs
        )
        quote = tag == "blockquote" or bool(_QUOTE_CLASS.search(cls))
        skip = tag in SKIP_TAGS
        self.stack.append((tag, skip, hidden, quote))
        self.skip += skip
        self.hidden += hidden
        self.quote += quote

    def handle_endtag(self, tag: str) -> None:
        start = self._at()
        if not any(t == tag for t, *_ in self.stack):
            return  # a stray end tag (</td> with no <td>) changes nothing
        visible = not (self.skip or self.hidden)
        while self.stack:
            t, skip, hidden, quote = self.stack.pop()
            self.skip -= skip
            self.hidden -= hidden
            self.quote -= quote
            if t == tag:
                break
        if visible and tag in BLOCK_TAGS:
            self._break("\n\n", start, self._end_of_tag(start))

    # -- text --------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        start = self._at()
        if self.skip:
            if self.stack and self.stack[-1][0] == "title":
                self.title.append((data, start, True))
            return
        if self.hidden:
            self.preheader.append(data)
            return
        core = _PLAIN_RUN.fullmatch(data)
        if core is not None:  # words with single spaces between them (most text): copy as one run
            a, b = start + core.start(1), start + core.end(1)
            if a > start:
                self._space(start, a)
            self._before_text(a)
            self.b.copy(a, b)
            if start + len(data) > b:
                self._space(b, start + len(data))
            return
        for m in _RUNS.finditer(data):
            a, b = start + m.start(), start + m.end()
            if _SPACE.fullmatch(m.group(0)):
                self._space(a, b)
            else:
                self._before_text(a)
                self.b.copy(a, b)

    def handle_entityref(self, name: str) -> None:
        self._entity("&" + name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#" + name)

    def _entity(self, raw: str) -> None:
        start = self._at()
        end = start + len(raw)
        if self.b.source.startswith(";", end):
            end += 1
        text = html.unescape(self.b.source[start:end])
        if self.skip:
            if self.stack and self.stack[-1][0] == "title":
                self.title.append((text, start, False))
        elif self.hidden:
            self.preheader.append(text)
        elif _SPACE.fullmatch(text):
            self._space(start, end)
        else:
            self._before_text(start)
            self.b.emit(text, start, end)

    # -- view building -------------------------------------------------------------------

    def _space(self, a: int, b: int) -> None:
        self.pending = (self.pending[0], b) if self.pending else (a, b)

    def _before_text(self, at: int) -> None:
        tail = self.b.tail(1)
        if self.pending and len(self.b) and tail not in ("\n", " "):
            self.b.emit(" ", *self.pending)
        self.pending = None
        if self.quote and (not len(self.b) or self.b.tail(1) == "\n"):
            self.b.emit("> ", at, at)

    def _break(self, text: str, start: int, end: int) -> None:
        self.pending = None
        if not len(self.b):
            return
        tail = self.b.tail(2)
        if text == "\n\n":
            text = "" if tail == "\n\n" else ("\n" if tail.endswith("\n") else "\n\n")
        self.b.emit(text, start, end)

    def _list_item(self, start: int, end: int) -> None:
        self.pending = None
        if len(self.b) and self.b.tail(1) != "\n":
            self.b.emit("\n", start, start)
        self.b.emit("- ", start, end)

    # -- results -----------------------------------------------------------------------

    def title_subject(self) -> tuple[str, int | None] | None:
        text = " ".join("".join(t for t, _, _ in self.title).split())
        if not text or MERGE_FIELD_RE.fullmatch(text):
            return None
        start = None
        if len(self.title) == 1 and self.title[0][2]:
            raw, at, _ = self.title[0]
            start = at + raw.find(text) if text in raw else None
        return text, start

    def preheader_text(self) -> str | None:
        text = _SPACE.sub(" ", "".join(self.preheader)).strip()
        return text or None


def html_view(builder: ViewBuilder, start: int, path: str) -> _Parser:
    """Parse the HTML in ``builder.source[start:]`` and append its visible text to ``builder``."""
    parser = _Parser(builder, start)
    try:
        parser.feed(builder.source[start:])
        _check_unterminated(parser, builder.source, path)
        parser.close()
    except InputError as exc:
        raise InputError(exc.message, path=path) from None
    except Exception as exc:  # html.parser is lenient, but do not crash the run if it is not
        raise InputError(f"cannot parse HTML: {type(exc).__name__}: {exc}", path=path) from exc
    return parser


_OPEN_AT_END = regex.compile(r"<(?:!--|/?[A-Za-z])")


def _check_unterminated(parser: _Parser, source: str, path: str) -> None:
    """html.parser keeps an unfinished tag or comment back until ``close()``; report it."""
    m = _OPEN_AT_END.search(parser.rawdata)
    if m is None:
        return
    at = parser._at() + m.start()
    line = source.count("\n", 0, at) + 1
    what = "comment" if m.group(0) == "<!--" else "tag"
    raise InputError(
        f"unterminated HTML {what} at line {line}: expected a closing '>' before the end", path=path
    )


class HtmlReader:
    """HTML email bodies (table layouts included), with an optional header block or front matter."""

    name: ClassVar[str] = "html"
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm")

    def read(self, text: str, path: str) -> EmailSource:
        meta = read_meta(text, path)
        builder = ViewBuilder(text)
        parser = html_view(builder, meta.body_start, path)
        view, smap = builder.build()
        return email_from(
            meta,
            text,
            view,
            smap,
            path=path,
            format=self.name,
            preheader=parser.preheader_text(),
            fallback_subject=parser.title_subject(),
        )


@hookimpl
def outreach_lint_register_readers() -> list[HtmlReader]:
    return [HtmlReader()]
