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


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25))
def test_signal_patterns_match_the_same_after_factoring(words: list[str]) -> None:
    text = " ".join(words)
    for pattern in PATTERNS:
        plain = regex.compile(pattern.pattern, pattern.flags)  # already factored at import
        original = [m.span() for m in plain.finditer(text)]
        refactored = [m.span() for m in regex.compile(factor_word_boundary(pattern.pattern), pattern.flags).finditer(text)]
        assert original == refactored, pattern.pattern[:60]
