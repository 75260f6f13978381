"""The email document model: an email parsed once into the parts rules read.

:class:`Document` splits the view text of an :class:`~outreach_lint._source.EmailSource`
into greeting, paragraphs, sentences and words, sign-off and signature, P.S., quoted
reply text and merge fields. All offsets are view offsets. ``prose`` is the view with
everything that is not the sender's own prose blanked out (same length, newlines kept):
quoted text, greeting, sign-off and signature become spaces, and merge fields become
runs of :data:`MERGE_CHAR`, so rules can run patterns over ``prose`` and report offsets
that map straight back to the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, cast

import regex

from ._mergefields import MergeField, find_merge_fields
from ._source import EmailSource

_T = TypeVar("_T")

MERGE_CHAR = "\ue000"
"""Stands in for each character of a merge field in :attr:`Document.prose`."""

_QUOTE_ATTRIBUTION = regex.compile(
    r"^[ \t]*(?:On\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?\bwrote:[ \t]*$"
    r"|-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}"
    r"|From:[^\n]{1,200}\n[ \t]*(?:Sent|Date):[^\n]*$)",
    regex.M | regex.I,
)
_QUOTED_LINE = regex.compile(r"^[ \t]*>[^\n]*(?:\n|$)", regex.M)
_QUOTE_MARKER = regex.compile(r"^[ \t]*(?:>[ \t]?)+", regex.M)
# Possessive whitespace (``*+``): with two adjacent ``[ \t]*`` a line of spaces backtracks quadratically.
_SIGNOFF = regex.compile(
    r"^[ \t]*+(?:(?:best|warm|kind|warmest|all the best|many|with)?[ \t]*(?:regards|wishes|thanks)"
    r"|best|thanks(?: again| so much)?|thank you(?: again)?|cheers|sincerely|yours(?: truly| sincerely)?"
    r"|talk soon|speak soon|warmly|respectfully|appreciate it|take care|all the best|best,? thanks"
    r"|looking forward|thanks in advance|have a (?:great|good) (?:day|week|weekend))"
    r"[ \t]*+[,.!\-—]*+[ \t]*+$",
    regex.M | regex.I,
)
_SIG_DELIM = regex.compile(r"^-- ?$", regex.M)
_PS = regex.compile(
    r"^[ \t]*(?:P\.?[ \t]?P?\.?[ \t]?S\.?|p\.[ \t]?(?:p\.[ \t]?)?s\.)[ \t]*[:.\-—]?(?=\s)", regex.M
)
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)\."
# A greeting is a salutation, up to four words of names, and a terminator; it either
# ends its line ("Hi Dana,") or is followed by prose on the same line ("Hi Dana, I saw
# ..."), in which case only "Hi Dana," is the greeting. A capitalized name alone on the
# first line ("Dana," or "Team,") is a greeting too.
_GREETING = regex.compile(
    r"\A\s*(?:"
    r"(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|morning|hiya|howdy|yo)"
    rf"(?=[ \t,!.:—–]|[ \t]*$)(?:[ \t]+(?:{_TITLE}|(?!{_TITLE})[^\s,.!?:;—–]+)){{0,4}}?"
    r"(?:[ \t]*[,!:.—]+|[ \t]+[-–]+|[ \t]*(?=\n|\Z))(?=[ \t]*(?:\n|\Z)|[ \t]+\S)"
    r"|(?-i:\p{Lu})[\p{L}'’.\-]*(?:[ \t]+(?-i:\p{Lu})[\p{L}'’.\-]*){0,2},[ \t]*$"
    r")",
    regex.I | regex.M,
)
_PARA_SPLIT = regex.compile(r"\n[ \t]*\n\s*")
_BULLETS = "-*•·–—▪◦✅✔☑➤►→✓"
_LIST_ITEM = regex.compile(rf"^[ \t]*(?:[{_BULLETS}]|\d{{1,2}}[.)]|[a-z][.)])[ \t]+", regex.M)
_SENTENCE_END = regex.compile(
    r"""(?<!\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|vs|etc|e\.g|i\.e|Inc|Ltd|Co|No|approx|U\.S|a\.m|p\.m))(?<!^[ \t]*\d{1,3})"""
    r"""[.!?…]+["'”’)\]]*(?=\s|$)|(?<=[^\s])\n(?=\s*\n)|\n(?=[ \t]*(?:[-*•·–—▪◦✅✔☑➤►→✓]|\d{1,2}[.)])[ \t])"""
    r"""|(?<=[:;])\n|(?<=\w)\n(?=[A-Z][^\n]{0,80}$)""",
    regex.M,
)
# A word; "'s" right after a merge field ("{{company}}'s") is not a word of its own.
_WORD = regex.compile(r"(?<!\ue000['’])[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# A URL; punctuation that ends the sentence around it is not part of it.
_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]", regex.I)
# Contractions first, so "you'd" is one mention and not "you" followed by "'d".
_READER = regex.compile(r"\b(?:you(?:['’](?:re|ve|ll|d)|rselves|rself|rs|r)?|y['’]all)\b", regex.I)
_SELLER = regex.compile(
    r"\b(?:I(?:['’](?:m|ve|d|ll))?|me|my|mine|myself|(?:[Ww]e|WE)(?:['’](?:re|ve|d|ll))?|us"
    r"|[Oo]urselves|[Oo]urs|[Oo]ur)\b"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of view offsets."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of prose: its span, its paragraph, and its text (merge fields masked)."""

    start: int
    end: int
    paragraph: int
    text: str

    @property
    def is_question(self) -> bool:
        """True when the sentence ends with a question mark."""
        return self.text.rstrip(" \"'”’)").endswith("?")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (block separated by blank lines) of prose."""

    start: int
    end: int
    text: str
    is_list: bool


class Document:
    """An email parsed once; rules read it and never re-parse text.

    Build one with :meth:`Document.parse`. ``step`` is the email's position in a
    sequence when known (1 is the first touch); ``None`` means unknown. Quoted reply
    text is left out of :attr:`prose` unless ``lint_quoted`` is true; even then its
    ``>`` markers and the "On ... wrote:" line are not prose.
    """

    def __init__(self, email: EmailSource, *, lint_quoted: bool = False) -> None:
        self.email = email
        self.view = email.view
        self.subject = email.subject
        self.preheader = email.preheader
        self.step = email.step
        self.merge_fields: list[MergeField] = find_merge_fields(self.view)
        self.subject_merge_fields: list[MergeField] = find_merge_fields(self.subject) if self.subject else []
        self.lint_quoted = lint_quoted
        self.quoted: list[Span] = []
        self.attribution: Span | None = None
        self.greeting: Span | None = None
        self.signoff: Span | None = None
        self.signature: Span | None = None
        self.ps: Span | None = None
        self._ps_marker: Span | None = None
        self.body = Span(0, len(self.view))
        self._memo: dict[str, Any] = {}
        self._segment()
        self.prose = self._mask()

    @classmethod
    def parse(cls, email: EmailSource, *, lint_quoted: bool = False) -> Document:
        """Parse an email into a document."""
        return cls(email, lint_quoted=lint_quoted)

    # -- structure -------------------------------------------------------------------

    def _segment(self) -> None:
        text = self.view
        end = len(text)
        m = _QUOTE_ATTRIBUTION.search(text)
        if m:
            self.quoted.append(Span(m.start(), end))
            self.attribution = Span(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end())
            end = m.start()
        lines = [Span(q.start(), q.end()) for q in _QUOTED_LINE.finditer(text, 0, end)]
        self.quoted = sorted([*self.quoted, *lines], key=lambda s: s.start)
        for q in reversed(lines):  # a quote at the end (no attribution) ends the sender's text
            if text[q.end : end].strip():
                break
            end = q.start
        ps = _PS.search(text, 0, end)
        own_end = ps.start() if ps else end
        if ps:
            self.ps = Span(ps.start(), end)
            self._ps_marker = Span(ps.start(), ps.end())
        g = _GREETING.match(text, 0, own_end)
        if g and text[g.end() : own_end].strip():
            self.greeting = Span(g.start() + (len(g.group(0)) - len(g.group(0).lstrip())), g.end())
        body_start = self.greeting.end if self.greeting else 0
        self._find_signature(text, body_start, own_end)
        body_end = own_end
        if self.signoff is not None or self.signature is not None:
            body_end = min(s.start for s in (self.signoff, self.signature) if s is not None)
        if self.ps and self.signature is None:
            self._find_signature(text, self.ps.start, end, in_ps=True)
        self.body = Span(body_start, max(body_start, body_end))

    def _find_signature(self, text: str, lo: int, hi: int, in_ps: bool = False) -> None:
        delim = _SIG_DELIM.search(text, lo, hi)
        if delim:
            self.signature = Span(delim.start(), hi)
            hi = delim.start()
        last = None
        for m in _SIGNOFF.finditer(text, lo, hi):
            last = m
        if last is not None and last.start() > lo and not text[last.end() : hi].strip().count("\n\n"):
            self.signoff = Span(last.start() + (len(last.group(0)) - len(last.group(0).lstrip())), last.end())
            if self.signature is None:
                self.signature = Span(last.end(), hi)
            return
        if self.signature is not None or in_ps:
            return
        # No sign-off: a trailing block of short lines without sentence punctuation is a signature.
        block_start = text.rfind("\n\n", lo, hi)
        if block_start == -1:
            return
        if not text[lo:block_start].strip():
            return  # the only block of the body is the message, not a signature
        block = text[block_start:hi].strip()
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if (
            lines
            and len(lines) <= 6
            and _is_name_line(lines[0])
            and all(_is_signature_line(ln) for ln in lines)
        ):
            self.signature = Span(block_start + 2, hi)

    def _mask(self) -> str:
        view = self.view
        # Merge fields first, so that blanking below also clears fields in a greeting or signature.
        spans = [(f.start, f.end, " " if f.is_control else MERGE_CHAR) for f in self.merge_fields]
        parts = (self.greeting, self.signoff, self.signature, self._ps_marker)
        blank: list[Span] = [s for s in parts if s is not None]
        if not self.lint_quoted:
            blank.extend(self.quoted)
        else:
            blank.extend(s for s in (self.attribution,) if s is not None)
            for q in self.quoted:
                markers = _QUOTE_MARKER.finditer(view, q.start, q.end)
                blank.extend(Span(m.start(), m.end()) for m in markers)
        spans.extend((s.start, s.end, " ") for s in blank)
        if not spans:
            return view
        chars = list(view)
        for start, end, fill in spans:  # a later span wins; newlines are never replaced
            part = view[start:end]
            if part:
                chars[start : start + len(part)] = _filled(part, fill)
        return "".join(chars)

    def memo(self, key: str, compute: Callable[[Document], _T]) -> _T:
        """Compute a value once per document and share it between rules (e.g. a sentence analysis)."""
        try:
            return cast(_T, self._memo[key])
        except KeyError:
            value = self._memo[key] = compute(self)
            return value

    # -- derived views -----------------------------------------------------------------

    def in_prose(self, offset: int) -> bool:
        """True when ``offset`` lies in the sender's own prose (not quoted, signature, ...)."""
        return 0 <= offset < len(self.prose) and self.prose[offset] not in " \n" + MERGE_CHAR

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Blocks of prose separated by blank lines, skipping blank ones."""
        out: list[Paragraph] = []
        pos = 0
        text = self.prose
        for m in _PARA_SPLIT.finditer(text):
            self._add_paragraph(out, pos, m.start())
            pos = m.end()
        self._add_paragraph(out, pos, len(text))
        return out

    def _add_paragraph(self, out: list[Paragraph], start: int, end: int) -> None:
        chunk = self.prose[start:end]
        stripped = chunk.strip()
        if not stripped or not _WORD.search(chunk):
            return
        lead = len(chunk) - len(chunk.lstrip())
        s, e = start + lead, start + lead + len(stripped)
        items = len(_LIST_ITEM.findall(stripped))
        out.append(Paragraph(s, e, stripped, is_list=items >= 2))

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of the prose, in order; list items count as sentences."""
        out: list[Sentence] = []
        for index, para in enumerate(self.paragraphs):
            pos = para.start
            for m in _SENTENCE_END.finditer(self.prose, para.start, para.end):
                self._add_sentence(out, pos, m.end(), index)
                pos = m.end()
            self._add_sentence(out, pos, para.end, index)
        return out

    def _add_sentence(self, out: list[Sentence], start: int, end: int, paragraph: int) -> None:
        chunk = self.prose[start:end]
        stripped = chunk.strip()
        if not stripped or not _WORD.search(stripped):
            return
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        out.append(Sentence(s, s + len(stripped), paragraph, stripped))

    @cached_property
    def words(self) -> list[Span]:
        """Words of the prose (merge fields are not words)."""
        return [Span(start, end) for start, end in self.word_offsets]

    @cached_property
    def word_offsets(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each word of :attr:`words`: the same words, without building spans."""
        return [m.span() for m in _WORD.finditer(self.prose)]

    @cached_property
    def word_count(self) -> int:
        """Number of words in the prose."""
        return len(self.word_offsets)

    @cached_property
    def reader_refs(self) -> list[Span]:
        """Mentions of the reader (you, your, ...) in the prose."""
        return [Span(m.start(), m.end()) for m in _READER.finditer(self.prose)]

    @cached_property
    def seller_refs(self) -> list[Span]:
        """Mentions of the sender (I, we, our, ...) in the prose."""
        return [Span(m.start(), m.end()) for m in _SELLER.finditer(self.prose)]

    @cached_property
    def links(self) -> list[Span]:
        """URLs anywhere in the body, signature included."""
        return [Span(m.start(), m.end()) for m in _URL.finditer(self.view)]

    @cached_property
    def questions(self) -> list[Sentence]:
        """Sentences that end with a question mark."""
        return [s for s in self.sentences if s.is_question]

    @cached_property
    def reading_grade(self) -> float | None:
        """Flesch-Kincaid grade of the prose (textstat), ``None`` when there is no prose."""
        from ._readability import reading_grade

        return reading_grade([s.text.replace(MERGE_CHAR, "") for s in self.sentences])

    @property
    def is_follow_up(self) -> bool:
        """True when the email is known to follow an earlier touch (step > 1 or a quoted thread)."""
        return (self.step or 1) > 1 or bool(self.quoted)

    def text_of(self, span: Span | Sentence | Paragraph) -> str:
        """The view text of a span."""
        return self.view[span.start : span.end]

    def iter_prose(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """Matches of ``pattern`` in the prose."""
        return pattern.finditer(self.prose)


_SIG_LINE_WORD = regex.compile(r"[\w'’.&@+\-/|()]+")
_PHONE = regex.compile(r"\+?\d[\d ().\-]{6,}\d")


def _filled(part: str, fill: str) -> str:
    """``part`` with every character but newlines replaced by ``fill`` (one C-level pass a line)."""
    return "\n".join(fill * len(line) for line in part.split("\n"))


def _is_name_line(line: str) -> bool:
    """A signature starts with a name: one to five capitalized words ("Sam Lee", "— Sam | Acme")."""
    words = line.strip(" \t-–—~").split()
    return 0 < len(words) <= 5 and all(w[0].isupper() or not w[0].isalpha() for w in words)


def _is_signature_line(line: str) -> bool:
    if _URL.search(line) or "@" in line or _PHONE.search(line):
        return True
    if line.rstrip().endswith((".", "?", "!", ":", ";", ",")) and not line.rstrip().endswith(("Inc.", "Co.")):
        return False
    words = _SIG_LINE_WORD.findall(line)
    return 0 < len(words) <= 8 and not _READER.search(line)
