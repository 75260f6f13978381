"""Fast phrase patterns: the built-in rules' big alternations, run only where they can match.

The rules' vocabulary lives in large case-insensitive alternations, and most texts match
none of their branches. Four things keep them cheap, each giving exactly the matches of
the pattern as written (tests compare them on the corpora and on generated texts):

- **Word boundary hoisted**: ``\\bfoo|\\bbar`` becomes ``\\b(?:foo|bar)``, so the engine
  rejects non-boundary positions once instead of once per branch.
- **Required-literal prefilter**: from the standard library's parse tree, the strings one
  of which every match contains; a trie-shaped ``re`` scan of the folded text rules most
  texts out before the ``regex`` engine runs (:class:`PhrasePattern`).
- **Branch by branch**: a long alternation without groups runs only the branches whose
  strings are present, its matches merged as the whole alternation gives them.
- **Shared scans**: :class:`PatternSet` checks many patterns' strings in one scan: each
  text (an email's prose, each sentence) is scanned once for the sentence analysis and
  all the rules that search it (:class:`_SharedScan`).

Patterns compile on first use; the derived strings of the built-in patterns ship in the
generated ``_prefilter_table.py`` so that a one-file run does not derive them.
"""

from __future__ import annotations

import functools
import importlib
import re
import threading
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import regex

# The standard library's regular-expression parser (private, stable since 3.11; no stubs).
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` of each ``(``, ``)`` and ``|`` outside escapes and classes (depth before it)."""
    depth = 0
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if i + 1 < n and pattern[i + 1] == "]":
                i += 1
        elif c in "()|":
            yield i, c, depth
            depth += 1 if c == "(" else -1 if c == ")" else 0
        i += 1


def split_top_level(pattern: str) -> list[str]:
    """The top-level ``|`` branches of a pattern (groups, classes and escapes respected)."""
    branches: list[str] = []
    start = 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
    branches.append(pattern[start:])
    return branches


def _group_end(pattern: str, open_at: int) -> int:
    """Index of the ``)`` closing the group opened at ``open_at`` (-1 if it is never closed)."""
    for i, c, depth in _structure(pattern):
        if i > open_at and c == ")" and depth == 1:
            return i
    return -1


def factor_word_boundary(pattern: str) -> str:
    """Rewrite ``\\ba|\\bb|c`` as ``\\b(?:a|b)|c`` (same matches, fewer attempts)."""
    branches = split_top_level(pattern)
    bounded = [b[2:] for b in branches if b.startswith("\\b")]
    if len(bounded) < 2:
        return pattern
    rest = [b for b in branches if not b.startswith("\\b")]
    head = "\\b(?:" + "|".join(bounded) + ")"
    return "|".join([head, *rest])


def compile_phrases(pattern: str, flags: int = 0, *, prefilter: bool = True) -> PhrasePattern:
    """A built-in phrase pattern: word boundary hoisted, compiled on first use, prefiltered.

    ``prefilter=False`` keeps the literal check off (for patterns whose syntax the
    standard parser would read differently, which built-in patterns never use).
    """
    return PhrasePattern(factor_word_boundary(pattern), flags, prefilter=prefilter)


# -- required-literal prefilter ----------------------------------------------------------
#
# Most sentences match none of a big alternation's branches, yet the engine must try the
# branches at every word start to find that out (15-25 us a sentence for the largest
# ones). Every match of ``\b(?:quick|brief) (?:call|chat)\b|touch base`` contains one of
# "quick call", "quick chat", "brief call", "brief chat" or "touch base"; checking the
# lowercased text for those strings with ``str.__contains__`` is far cheaper and, when
# none is there, proves there is no match. The strings are derived from the pattern's
# parse tree (the standard library parser), never written by hand, so they cannot drift
# from the pattern. This is the "required factor" prefilter of RE2, Hyperscan and ripgrep.

_MAX_SET = 64  # most strings a literal set may expand to
_MIN_LEN = 2  # single characters (" ", ",") filter nothing useful
_SCAN_AT = 12  # more required strings than this are looked for with one trie-shaped scan
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k", "\u212b": "\u00e5"})
_SPECIAL = tuple(chr(c) for c in _FOLD)
# ``regex``'s \\s matches a subset of what ``str.split()`` splits on (checked over all of Unicode).
_SPACE = (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE)


def _char(code: int) -> str | None:
    """The lowercase form of a literal, or None when case folding could make it differ."""
    c = chr(code)
    if c.isascii() or c.lower() == c.upper():
        return c.lower()
    return None


def _exact(item: tuple[Any, Any]) -> set[str] | None:
    """The finite set of (lowercased) strings one parse item matches, or None."""
    op, av = item
    if op is _c.LITERAL:
        c = _char(av)
        return {c} if c is not None else None
    if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
        return {""}
    if op is _c.CATEGORY and av in _SPACE:
        return {" "}  # every whitespace run is one space in the folded text
    if op is _c.IN:
        out: set[str] = set()
        for kind, value in av:
            if kind is _c.CATEGORY and value in _SPACE:
                out.add(" ")
                continue
            if kind is _c.LITERAL:
                c = _char(value)
            elif kind is _c.RANGE and value[1] - value[0] < 10:
                chars = [_char(x) for x in range(value[0], value[1] + 1)]
                if any(ch is None for ch in chars):
                    return None
                out.update(ch for ch in chars if ch is not None)
                continue
            else:
                return None
            if c is None:
                return None
            out.add(c)
        return out if len(out) <= 10 else None
    if op is _c.SUBPATTERN:
        return _exact_seq(av[-1])
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            e = _exact_seq(branch)
            if e is None:
                return None
            union |= e
        return union if len(union) <= _MAX_SET else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        lo, hi, sub = av
        e = _exact_seq(sub)
        if e is None:
            return None
        if e <= {" "} and lo <= 1:  # \s+ or \s*: one space (or none) once runs are folded
            return {" "} if lo == 1 else {"", " "}
        if hi > 2:
            return None
        result: set[str] = set()
        for n in range(lo, hi + 1):
            words = {""}
            for _ in range(n):
                words = {a + b for a in words for b in e}
            result |= words
        return result if len(result) <= _MAX_SET else None
    return None


def _exact_seq(items: Any) -> set[str] | None:
    words = {""}
    for item in items:
        e = _exact(item)
        if e is None or len(words) * len(e) > _MAX_SET:
            return None
        words = {a + b for a in words for b in e}
    return words


def _required(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the sequence contains, or None when unknown."""
    candidates: list[frozenset[str]] = []
    run = {""}

    def close() -> None:
        if "" not in run:
            candidates.append(frozenset(run))

    for item in items:
        e = _exact(item)
        if e is not None and len(run) * len(e) <= _MAX_SET:
            run = {a + b for a in run for b in e}
            continue
        close()
        run = e if e is not None else {""}
        if e is None:
            found = _required_item(item)
            if found is not None:
                candidates.append(found)
    close()
    return _best(candidates)


def _required_item(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, av = item
    if op is _c.SUBPATTERN:
        return _required(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _required(av)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            r = _required(branch)
            if r is None:
                return None
            union |= r
        return _minimal(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2])
    return None


def _minimal(strings: set[str]) -> frozenset[str]:
    """Fold the strings like texts, then drop those that contain another (the shorter is required already)."""
    kept: list[str] = []
    for s in sorted({" ".join(x.split()) for x in strings}, key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: longest shortest string, then fewest strings."""
    usable = [_minimal(set(c)) for c in candidates if c and min(map(len, c)) >= _MIN_LEN]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)))


def _std_parse(pattern: str, flags: int) -> Any:
    """The standard library's parse tree of the pattern, or None when it cannot read it."""
    try:
        return _parser.parse(pattern, flags & (regex.I | regex.M | regex.S | regex.X))
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def required_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lowercase strings one of which is in every text the pattern can match, or None.

    None means "no useful filter": the standard parser cannot read the pattern (syntax
    only the ``regex`` package has) or some branch has no literal of three characters.
    """
    tree = _std_parse(pattern, flags)
    if tree is None:
        return None
    found = _required(tree.data)
    if found is None:
        return None
    return _minimal(set(found))


def trie_pattern(strings: frozenset[str], *, longest: bool = False) -> str:
    """A standard-library regex matching any of ``strings``, shaped as a trie (one branch per next character).

    ``re`` tries the branches of a flat alternation one after another at every position;
    as a trie it compares one character per level, so scanning for 100+ strings costs
    about as much as scanning for a handful. By default it stops at the shortest string
    that matches (enough to know one is there); ``longest`` makes it match the longest
    string at the position instead (the shorter ones found there are its prefixes).
    """
    trie: dict[str, Any] = {}
    for word in strings:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        if ends and not longest:  # a string ends here: reaching it is enough
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_NEVER = re.compile(r"(?!)")


def with_prefixes(owners: dict[str, set[int]]) -> dict[str, set[int]]:
    """For a longest-match trie scan: a string found at a position means its prefixes in the set are there too."""
    out: dict[str, set[int]] = {}
    for s in owners:
        merged: set[int] = set()
        for k in range(1, len(s) + 1):
            ix = owners.get(s[:k])
            if ix is not None:
                merged |= ix
        out[s] = merged
    return out


@functools.lru_cache(maxsize=256)  # rules search the same sentence with many patterns
def fold(text: str) -> str:
    """The form of ``text`` the required strings are looked for in.

    Lowercase, each run of whitespace one space (so ``\\s+`` in a pattern is a plain space
    in its required strings), and the few non-ASCII letters that ignore-case matching
    equates with ASCII ones replaced by them. A string found in a text is found in the
    folded text after the same folding, which is what keeps the prefilter exact.
    """
    if not text.isascii():
        for ch in _SPECIAL:
            if ch in text:
                text = text.translate(_FOLD)
                break
    return " ".join(text.lower().split())


_CAPTURE = re.compile(r"(?<!\\)\((?!\?)|\(\?P?<(?![=!])|\\[1-9]|\(\?P=")
# Extensions that keep their effect inside one branch: non-capturing, lookaround, atomic, scoped flags.
_LOCAL_EXT = re.compile(r"[:=!>]|<[=!]|[a-zA-Z]*(?:-[a-zA-Z]+)?:")
_TRIE_AFTER = 64  # searches with the plain loop before the trie scan is compiled (~1 ms each)
_SPLIT_AT = 4  # alternations with at least this many branches are run branch by branch
_DISTRIBUTE_AT = 16  # a leading group with at least this many alternatives is split into branches


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def _branches(pattern: str) -> list[str]:
    """The top-level branches; a leading group's alternatives distributed as branches of their own.

    ``\\b(?:a|b|...)c|d`` gives ``\\bac``, ``\\bbc``, ..., ``d``. This is exact for a backtracking
    engine: at each position ``(?:a|b)c`` tries ``a`` then ``c``, and only then ``b`` then
    ``c``, which is the order of ``ac|bc``. The part before the group must match in one way
    only (nothing, ``\\b`` or ``^``), and the group must not be repeated. A head that is
    only ``\\b`` and the group (what :func:`factor_word_boundary` writes) is always undone;
    any other group only from :data:`_DISTRIBUTE_AT` alternatives on, since fewer branches
    cost more calls than they save.
    """
    head, *rest = split_top_level(pattern)
    for lead in ("", "\\b", "^"):
        if head.startswith(lead + "(?:"):
            end = _group_end(head, len(lead))
            tail = head[end + 1 :]
            if end < 0 or tail[:1] in ("*", "+", "?", "{"):
                break
            inner = split_top_level(head[len(lead) + 3 : end])
            if all(inner) and len(inner) >= (2 if lead == "\\b" and not tail else _DISTRIBUTE_AT):
                return [lead + b + tail for b in inner] + rest
            break
    return [head, *rest]


def _splittable(pattern: str, flags: int) -> list[str] | None:
    """Branches to run one by one, or None when that could change a match object or the matches.

    Not split: capturing groups or backreferences (group numbers would change), inline
    flags (they apply to the whole pattern), and branches that can match the empty
    string (``finditer`` steps differently after an empty match).
    """
    if _CAPTURE.search(pattern) or any(not _LOCAL_EXT.match(pattern, i + 2) for i in _find_all(pattern, "(?")):
        return None
    branches = _branches(pattern)
    if len(branches) < _SPLIT_AT:
        return None
    for b in branches:
        tree = _std_parse(b, flags)
        if tree is None or tree.getwidth()[0] == 0:
            return None
    return branches


_TABLE: dict[tuple[str, int], tuple[tuple[str, ...] | None, tuple[str, ...] | None]] | None = None


def _table() -> dict[tuple[str, int], tuple[tuple[str, ...] | None, tuple[str, ...] | None]]:
    global _TABLE
    if _TABLE is None:
        try:
            from ._prefilter_table import TABLE
        except ImportError:  # pragma: no cover - a checkout before the table was generated
            TABLE = {}
        _TABLE = TABLE
    return _TABLE


def analysis(pattern: str, flags: int) -> tuple[frozenset[str] | None, list[str] | None]:
    """The required strings of a pattern and its branches to run one by one (None: whole).

    Deriving them parses the pattern (~2 ms for a long one), which a one-file run pays for
    every built-in pattern; so the answers for the built-in patterns are generated ahead
    into ``_prefilter_table.py`` (``python -m outreach_lint._docgen``), keyed by the full
    pattern text. A pattern that is not in the table (changed, or a plugin's) is derived
    here; a test checks that the table equals the derivation and covers every built-in.
    """
    hit = _table().get((pattern, int(flags)))
    if hit is not None:
        req, split = hit
        return (frozenset(req) if req is not None else None), (list(split) if split is not None else None)
    return required_strings(pattern, flags), _splittable(pattern, flags)


def builtin_patterns(*, branches: bool = True) -> list[PhrasePattern]:
    """Every prefiltered phrase pattern of the built-in rules and packs (and their branches)."""
    import sys

    from ._linter import Linter

    linter = Linter(entry_points=False)  # imports the built-in plugin modules, compiles the built-in packs
    todo = [p for rule, plugin in linter.all_rules if plugin.startswith("outreach_lint.")
            for p in vars(rule).values() if isinstance(p, PhrasePattern)]
    for name, module in list(sys.modules.items()):
        if name == "outreach_lint" or name.startswith("outreach_lint."):
            todo.extend(p for p in vars(module).values() if isinstance(p, PhrasePattern))
    found: dict[tuple[str, int], PhrasePattern] = {}
    while todo:
        p = todo.pop()
        if p._prefilter and (p.pattern, p._flags) not in found:
            found[(p.pattern, p._flags)] = p
            if branches:
                p.required  # noqa: B018 - derives the branches
                todo.extend(p._branches)
    return sorted(found.values(), key=lambda p: (p.pattern, p._flags))


def write_table(path: str | None = None, *, check: bool = False) -> bool:
    """Write (or with ``check``, compare) ``_prefilter_table.py``; True when it was up to date."""
    import os

    rows = {}
    for p in builtin_patterns():
        req = required_strings(p.pattern, p._flags)
        split = _splittable(p.pattern, p._flags)
        rows[(p.pattern, int(p._flags))] = (
            tuple(sorted(req)) if req is not None else None,
            tuple(split) if split is not None else None,
        )
    body = (
        '"""Required strings and branches of the built-in phrase patterns (generated; do not edit).\n\n'
        "Regenerate with ``python -m outreach_lint._docgen``; see ``_fastre.analysis``.\n"
        '"""\n\n'
        "TABLE: dict[tuple[str, int], tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {\n"
        + "".join(f"    {key!r}: {rows[key]!r},\n" for key in sorted(rows))
        + "}\n"
    )
    target = path or os.path.join(os.path.dirname(__file__), "_prefilter_table.py")
    try:
        with open(target, encoding="utf-8") as fh:
            current = fh.read()
    except FileNotFoundError:
        current = ""
    if current == body:
        return True
    if not check:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(body)
    return False


class PhrasePattern:
    """A ``regex`` pattern compiled on first use and skipped when its required strings are absent.

    It offers the ``regex.Pattern`` methods the rules use; a search whose text lacks every
    required string returns "no match" without running the engine. A long alternation
    (``a|b|c|...``) is also run branch by branch, each branch only when its own required
    strings are present, and the matches are merged exactly as the whole alternation
    would give them (leftmost first, the earlier branch on a tie, no overlaps): the
    ``regex`` engine otherwise tries every branch at every position. Searches limited by
    ``pos``/``endpos`` always run the whole pattern (no slicing of large texts).
    """

    __slots__ = (
        "_branch_set",
        "_branches",
        "_compiled",
        "_countdown",
        "_filter",
        "_flags",
        "_prefilter",
        "_required",
        "pattern",
    )

    def __init__(self, pattern: str, flags: int = 0, *, prefilter: bool = True) -> None:
        self.pattern = pattern
        self._flags = flags
        self._prefilter = prefilter
        self._compiled: regex.Pattern[str] | None = None
        self._filter: re.Pattern[str] | None = None
        self._countdown = 0  # uses left before the trie scan is compiled (0: none pending)
        self._branches: tuple[PhrasePattern, ...] = ()
        self._branch_set: PatternSet | None = None  # all branches' required strings, one scan
        self._required: frozenset[str] | bool | None = False  # False: not computed yet

    @property
    def compiled(self) -> regex.Pattern[str]:
        """The compiled ``regex`` pattern (compiled now if not yet)."""
        c = self._compiled
        if c is None:
            c = self._compiled = regex.compile(self.pattern, self._flags)
        return c

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def required(self) -> frozenset[str] | None:
        """The strings of which a match contains one (None: no filter)."""
        r = self._required
        if r is False:
            split: list[str] | None = None
            if self._prefilter:
                r, split = analysis(self.pattern, self._flags)
            else:
                r = None
            if r is not None and len(r) > _SCAN_AT:
                self._countdown = _TRIE_AFTER
            if split is not None:
                self._branches = tuple(PhrasePattern(b, self._flags) for b in split)
            self._required = r  # set last: other threads read the fields above once this is set
        return r  # type: ignore[return-value]

    def may_match(self, text: str, folded: str | None = None) -> bool:
        """False only when no match is possible in ``text`` (``folded`` is ``fold(text)``, if known)."""
        req = self.required
        if req is None:
            return True
        low = folded if folded is not None else fold(text)
        hits = _SHARED.hits(self, low)
        if hits is not None:
            return id(self) in hits
        f = self._filter
        if f is not None:
            return f.search(low) is not None
        if self._countdown:  # a pattern in steady use gets the trie scan; a one-off run skips compiling it
            self._countdown -= 1
            if not self._countdown:
                self._filter = re.compile(trie_pattern(req))
        for s in req:  # noqa: SIM110 - a plain loop is measurably faster than any() here
            if s in low:
                return True
        return False

    def found_in(
        self, text: str, folded: str | None = None, *, filtered: bool = False, hits: Collection[int] | None = None
    ) -> bool:
        """``search(text) is not None``, with ``fold(text)`` passed in when the caller has it.

        ``filtered``: the caller has already checked :meth:`may_match` (a :class:`PatternSet` scan).
        ``hits``: that scan's answer, from a set that has this pattern's branches as members too.
        """
        if folded is None:
            folded = fold(text)
        if not filtered and not self.may_match(text, folded):
            return False
        if not self._branches:
            return self.compiled.search(text) is not None
        if hits is None:
            return any(b.compiled.search(text) is not None for b in self._branch_candidates(folded))
        return any(b.compiled.search(text) is not None for b in self._branches if id(b) in hits)

    def _candidates(self, string: str) -> list[PhrasePattern] | None:
        """Branches that may match (None: run the whole pattern); empty when nothing can match."""
        folded = fold(string)
        if not self.may_match(string, folded):
            return []
        if not self._branches:
            return None
        return self._branch_candidates(folded)

    def _branch_candidates(self, folded: str) -> list[PhrasePattern]:
        """The branches (in order) whose required strings are in the folded text (one scan for all)."""
        maybe = _SHARED.hits(self, folded)
        if maybe is not None:  # a member's branches are members too: all in the one scan
            return [b for b in self._branches if id(b) in maybe]
        group = self._branch_set
        if group is None:
            group = self._branch_set = PatternSet(list(self._branches))
        maybe = group.candidates(folded)
        if maybe is None:  # the scan is not built yet: each branch checks its own strings
            return [b for b in self._branches if b.may_match(folded, folded)]
        return [b for b in self._branches if id(b) in maybe]

    def _merged(self, string: str, branches: list[PhrasePattern]) -> Iterator[regex.Match[str]]:
        """The matches of the whole alternation, from its branches' own searches (branches never match empty)."""
        compiled = [b.compiled for b in branches]
        upcoming = [c.search(string) for c in compiled]
        pos = 0
        while True:
            best: regex.Match[str] | None = None
            for i, m in enumerate(upcoming):
                if m is not None and m.start() < pos:  # overlaps the last match: look again after it
                    m = upcoming[i] = compiled[i].search(string, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()

    def search(
        self, string: str, pos: int | None = None, endpos: int | None = None, **kw: Any
    ) -> regex.Match[str] | None:
        if pos is not None or endpos is not None or kw:
            return self.compiled.search(string, pos, endpos, **kw)
        branches = self._candidates(string)
        if branches is None:
            return self.compiled.search(string)
        return next(self._merged(string, branches), None)

    def match(
        self, string: str, pos: int | None = None, endpos: int | None = None, **kw: Any
    ) -> regex.Match[str] | None:
        if pos is None and endpos is None and not self.may_match(string):
            return None
        return self.compiled.match(string, pos, endpos, **kw)

    def fullmatch(
        self, string: str, pos: int | None = None, endpos: int | None = None, **kw: Any
    ) -> regex.Match[str] | None:
        if pos is None and endpos is None and not self.may_match(string):
            return None
        return self.compiled.fullmatch(string, pos, endpos, **kw)

    def finditer(
        self, string: str, pos: int | None = None, endpos: int | None = None, **kw: Any
    ) -> Iterator[regex.Match[str]]:
        if pos is not None or endpos is not None or kw.keys() - {"timeout"}:
            return self.compiled.finditer(string, pos, endpos, **kw)
        if kw.get("timeout") is not None:  # a user's pattern: no filter, the time limit applies
            return self.compiled.finditer(string, **kw)
        branches = self._candidates(string)
        if branches is None:
            return self.compiled.finditer(string)
        return self._merged(string, branches)

    def findall(self, string: str, pos: int | None = None, endpos: int | None = None, **kw: Any) -> list[Any]:
        if pos is not None or endpos is not None or kw:
            return self.compiled.findall(string, pos, endpos, **kw)
        branches = self._candidates(string)
        if branches is None:
            return self.compiled.findall(string)
        return [m.group(0) for m in self._merged(string, branches)]  # split patterns have no groups

    def sub(self, repl: Any, string: str, count: int = 0, **kw: Any) -> str:
        branches = None if kw else self._candidates(string)
        if branches is None:
            return self.compiled.sub(repl, string, count, **kw)
        if not branches:
            return string
        out: list[str] = []
        last = 0
        for n, m in enumerate(self._merged(string, branches)):
            if count and n >= count:
                break
            out.append(string[last : m.start()])
            out.append(repl(m) if callable(repl) else m.expand(repl))
            last = m.end()
        out.append(string[last:])
        return "".join(out)

    def split(self, string: str, maxsplit: int = 0, **kw: Any) -> list[str | Any]:
        if not kw and not self.may_match(string):
            return [string]
        return self.compiled.split(string, maxsplit, **kw)

    def __repr__(self) -> str:
        return f"PhrasePattern({self.pattern!r}, {self._flags})"



class PatternSet:
    """The prefilters of several phrase patterns, run as one scan of a text.

    A sentence checked against thirty patterns (or a text against an alternation's
    branches) would run thirty filter scans; the set runs one trie scan for all their
    required strings and answers which patterns may match: at each position the trie
    gives the longest string there, and each string knows the patterns that require it
    or one of its prefixes (the shorter strings found at the same position). It is built
    only once the set is in steady use. With ``with_branches``, the branches of the split
    patterns become members when it is built, so that one scan answers for them as well.
    """

    def __init__(self, patterns: list[PhrasePattern], *, build: bool = False, with_branches: bool = False) -> None:
        self._patterns = list(patterns)
        self.with_branches = with_branches
        self.members = frozenset(id(p) for p in self._patterns)
        self._countdown = _TRIE_AFTER
        self._scan: re.Pattern[str] | None = None
        self._owners: dict[str, frozenset[int]] = {}
        self._always: frozenset[int] = frozenset()
        if build:
            self._build()

    def candidates(self, folded: str) -> frozenset[int] | set[int] | None:
        """``id()`` of the member patterns that may match the folded text (None: not built yet, ask each)."""
        scan = self._scan
        if scan is None:
            self._countdown -= 1
            if self._countdown > 0:
                return None
            self._build()
            scan = self._scan
            assert scan is not None
        owners = self._owners
        hits = set(self._always)
        for found in scan.findall(folded):
            hits |= owners[found]
        return hits

    def _build(self) -> None:
        owners: dict[str, set[int]] = {}
        always: set[int] = set()
        patterns = self._patterns
        if self.with_branches:  # the branches, and theirs (a split branch has branches too), once each
            found: dict[int, PhrasePattern] = {}
            todo = list(patterns)
            while todo:
                q = todo.pop()
                if id(q) not in found:
                    found[id(q)] = q
                    q.required  # noqa: B018 - computes the branches
                    todo.extend(q._branches)
            patterns = list(found.values())
            self.members = frozenset(found)
        for p in patterns:
            req = p.required
            if req is None:
                always.add(id(p))
                continue
            for s in req:
                owners.setdefault(s, set()).add(id(p))
        self._owners = {s: frozenset(ix) for s, ix in with_prefixes(owners).items()}
        self._always = frozenset(always)
        self._scan = re.compile("(?=(" + trie_pattern(frozenset(owners), longest=True) + "))") if owners else _NEVER


_SHARED_MIN = 24  # folded texts shorter than this (a name, a short subject) keep each pattern's own filter
_SHARED_AFTER = 64  # distinct texts whose patterns join the shared scan (about 8 emails' prose and sentences)
_ANSWERS_KEPT = 64  # texts whose scan answers are remembered (an email's prose, sentences and their variants)


class _SharedScan:
    """One prefilter scan of a text for all the patterns the rules run over it.

    Most rules search an email's prose, or each of its sentences, with their own phrase
    pattern, and the sentence analysis asks thirty patterns about every sentence; each
    search began with its own filter scan of that text (and a second for its branches):
    dozens of scans of the same characters. The patterns (and their branches) run over
    the first :data:`_SHARED_AFTER` distinct texts, and those registered ahead (the
    sentence analysis's), join one :class:`PatternSet`. Texts are counted, not calls, so
    that every rule of the first emails is in, however many calls the rules before it
    make. After that, the first member to ask about a text runs the set's single scan,
    and the others read the answer, remembered for the last :data:`_ANSWERS_KEPT` texts
    (:func:`fold` returns the same string for the same text, so a lookup is an identity
    check). A pattern that first shows up later keeps its own filter. The answers are
    exactly each pattern's :meth:`PhrasePattern.may_match`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[int, PhrasePattern] = {}
        self._seen: set[str] = set()  # distinct texts seen while noting
        self._set: PatternSet | None = None
        self._answers: dict[str, frozenset[int] | set[int]] = {}

    def register(self, patterns: Iterable[PhrasePattern]) -> None:
        """Make ``patterns`` members when the set is built, whichever texts they first run on."""
        with self._lock:
            if self._set is None:
                for p in patterns:
                    self._pending.setdefault(id(p), p)

    @property
    def members(self) -> frozenset[int]:
        """``id()`` of the member patterns and branches (none before the set is built)."""
        shared = self._set
        return shared.members if shared is not None else frozenset()

    def answer(self, folded: str) -> frozenset[int] | set[int] | None:
        """``id()`` of the members that may match ``folded``; None before the set is built or for a short text."""
        shared = self._set
        if shared is None or len(folded) < _SHARED_MIN:
            return None
        answers = self._answers
        found = answers.get(folded)
        if found is None:
            found = shared.candidates(folded)
            assert found is not None  # built eagerly
            if len(answers) >= _ANSWERS_KEPT:
                answers = self._answers = {}
            answers[folded] = found
        return found

    def hits(self, pattern: PhrasePattern, folded: str) -> frozenset[int] | set[int] | None:
        """``id()`` of the members that may match ``folded``; None for a pattern not a member or a short text."""
        shared = self._set
        if shared is None:
            if len(folded) >= _SHARED_MIN:
                self._note(pattern, folded)
            return None
        if id(pattern) not in shared.members:
            return None
        return self.answer(folded)

    def _note(self, pattern: PhrasePattern, folded: str) -> None:
        with self._lock:
            if self._set is not None:
                return
            self._pending.setdefault(id(pattern), pattern)
            if folded not in self._seen:
                self._seen.add(folded)
                if len(self._seen) >= _SHARED_AFTER:
                    self._build()

    def _build(self) -> None:
        """Build the set from the patterns noted so far (the caller holds the lock); each joins with its branches."""
        self._set = PatternSet(list(self._pending.values()), build=True, with_branches=True)
        self._pending = {}
        self._seen = set()


_SHARED = _SharedScan()


def shared_scan() -> _SharedScan:
    """The process's shared scan (looked up on each call, so that tests can swap it)."""
    return _SHARED
