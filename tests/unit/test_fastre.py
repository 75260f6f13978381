"""Hoisting the shared word boundary out of an alternation never changes what matches."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_lint._fastre import factor_word_boundary, split_top_level
from outreach_lint.rules import _signals


def test_split_respects_groups_classes_and_escapes() -> None:
    assert split_top_level(r"a(b|c)|[|x]|\|d") == ["a(b|c)", "[|x]", r"\|d"]


def test_factoring_hoists_only_bounded_branches() -> None:
    assert factor_word_boundary(r"\bfoo\b|\bbar|^baz") == r"\b(?:foo\b|bar)|^baz"
    assert factor_word_boundary(r"\bonly") == r"\bonly"


PATTERNS = [p for p in vars(_signals).values() if isinstance(p, regex.Pattern)]
WORDS = st.sampled_from(
    ["we", "our", "your", "you", "just", "following", "up", "quick", "call", "15", "minutes", "industry-leading",
     "the", "leading", "platform", "Tuesday", "or", "Thursday", "?", ".", ",", "imagine", "trusted", "by", "3,000"]
)


def _unfactor(pattern: str) -> str:
    """Undo the hoisting: ``\\b(?:a|b)|c`` back to ``\\ba|\\bb|c``, the form the rules are written in."""
    head, *rest = split_top_level(pattern)
    if not head.startswith("\\b(?:") or not head.endswith(")"):
        return pattern
    inner = split_top_level(head[len("\\b(?:") : -1])
    return "|".join(["\\b" + b for b in inner] + rest)


def test_unfactor_inverts_factoring() -> None:
    source = r"\bfoo\b|\bbar (?:x|y)|^baz"
    assert _unfactor(factor_word_boundary(source)) == source


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25))
def test_signal_patterns_match_the_same_after_factoring(words: list[str]) -> None:
    text = " ".join(words)
    for pattern in PATTERNS:
        written = regex.compile(_unfactor(pattern.pattern), pattern.flags)
        original = [m.span() for m in written.finditer(text)]
        factored = [m.span() for m in pattern.finditer(text)]
        assert original == factored, pattern.pattern[:60]
