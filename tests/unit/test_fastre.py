"""The phrase-pattern speed-ups never change what matches.

Hoisting the shared word boundary, the required-literal prefilter and running long
alternations branch by branch must all give exactly the matches of the pattern as written.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_lint._fastre import (
    _DISTRIBUTE_AT,
    PhrasePattern,
    builtin_patterns,
    factor_word_boundary,
    fold,
    required_strings,
    split_top_level,
    write_table,
)
from outreach_lint.rules import _signals


def test_split_respects_groups_classes_and_escapes() -> None:
    assert split_top_level(r"a(b|c)|[|x]|\|d") == ["a(b|c)", "[|x]", r"\|d"]


def test_factoring_hoists_only_bounded_branches() -> None:
    assert factor_word_boundary(r"\bfoo\b|\bbar|^baz") == r"\b(?:foo\b|bar)|^baz"
    assert factor_word_boundary(r"\bonly") == r"\bonly"


PATTERNS = [p for p in vars(_signals).values() if isinstance(p, regex.Pattern | PhrasePattern)]
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


# -- the required-literal prefilter and branch-by-branch runs -------------------------------


def test_required_strings_come_from_every_branch() -> None:
    found = required_strings(r"\b(?:quick|brief)\s+call\b|touch base", regex.I)
    assert found == {"quick call", "brief call", "touch base"}


def test_required_strings_drop_ones_containing_a_shorter_one() -> None:
    assert required_strings(r"\bcall\b|\bquick call\b", regex.I) == {"call"}


def test_no_filter_when_a_branch_has_no_literal() -> None:
    assert required_strings(r"\bfollowing up\b|\d+%", regex.I) is None


def test_no_filter_for_syntax_only_regex_reads() -> None:
    assert required_strings(r"\p{Lu}\w+ Corp", 0) is None


def test_fold_lowercases_collapses_space_and_maps_special_letters() -> None:
    assert fold("Quick\n\t CALL") == "quick call"
    assert fold("\u017fee") == "see"  # long s matches "s" when ignoring case
    assert fold("\u212aeep") == "keep"  # Kelvin sign


def test_a_text_without_the_required_strings_is_not_searched() -> None:
    p = PhrasePattern(r"\bquick call\b|\bshort chat\b", regex.I)
    assert p.search("Nothing here.") is None
    assert p._compiled is None  # never compiled: the filter ruled the text out
    assert p.search("A QUICK call?") is not None
    assert p.search("A quick\ncall?") is None  # the filter passes, the pattern (a literal space) does not


def test_capturing_groups_and_inline_flags_keep_the_pattern_whole() -> None:
    for source in [r"\ba(b)|\bc|\bd|\be", r"\b(?P<x>a)|\bc|\bd|\be", r"(?i)\ba|\bc|\bd|\be"]:
        p = PhrasePattern(source, 0)
        p.required  # noqa: B018
        assert p._branches == ()
    p = PhrasePattern(r"\bab|\bcd|\bef|\bgh(?-i:X)", regex.I)
    p.required  # noqa: B018
    assert len(p._branches) == 4


def test_split_alternation_merges_like_the_whole_one() -> None:
    # Overlaps, ties at one position (the earlier branch wins) and matches after an overlap.
    p = PhrasePattern(r"\bab\w*|\bb\w+|\babc d|\bcd|\bd e", regex.I)
    whole = regex.compile(p.pattern, regex.I)
    text = "abc d e, abc de; cd e; d e ABC D"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in whole.finditer(text)]
    assert p.sub("#", text) == whole.sub("#", text)
    assert p.findall(text) == whole.findall(text)


ALL_PATTERNS = builtin_patterns()  # rules, packs and the branches they run one by one
TOP_LEVEL = builtin_patterns(branches=False)
FILTERED = [p for p in ALL_PATTERNS if p.required is not None]


def _same(p: PhrasePattern, text: str) -> None:
    whole = p.compiled  # the pattern itself, run whole and unfiltered
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in whole.finditer(text)], p.pattern[:60]
    first = whole.search(text)
    got = p.search(text)
    assert (got and got.span()) == (first and first.span()), p.pattern[:60]
    assert p.found_in(text) is (first is not None)
    assert p.sub(" ", text) == whole.sub(" ", text)


def test_prefilter_table_is_up_to_date() -> None:
    assert write_table(check=True), "the built-in patterns changed: run python -m outreach_lint._docgen"


def test_most_builtin_phrase_patterns_have_a_filter() -> None:
    assert len(FILTERED) >= 0.8 * len(ALL_PATTERNS)
    assert sum(bool(p._branches) for p in ALL_PATTERNS) >= 10


def test_prefilter_is_exact_on_the_corpora() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = _corpus_texts()
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in (root / "examples").rglob("*") if p.is_file()]
    assert len(texts) > 100
    units = texts + [s for t in texts for s in regex.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    for p in TOP_LEVEL:  # their split runs cover the branches
        for text in units:
            _same(p, text)


def _corpus_texts() -> list[str]:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = []
    for path in (root.parent / "shared" / "corpus" / "dev.jsonl", root / "tests" / "data" / "validation.jsonl"):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                texts.append(f"{row.get('subject') or ''}\n\n{row.get('body', '')}")
    return texts


def test_the_shared_scan_gives_each_patterns_own_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from outreach_lint import _fastre

    shared = _fastre._SharedScan()
    for p in TOP_LEVEL:
        p.required  # noqa: B018 - derives the branches, which join with their pattern
        shared._note(p, "one long text")
    assert shared._set is None  # one text seen: still noting
    shared._build()
    assert shared._set is not None
    monkeypatch.setattr(_fastre, "_SHARED", shared)
    texts = _corpus_texts()
    texts += [s for t in texts for s in regex.split(r"(?<=[.!?])\s+|\n+", t)]  # sentences and lines too
    texts = [t for t in texts if len(fold(t)) >= _fastre._SHARED_MIN]
    assert len(texts) > 500
    for text in texts:
        folded = fold(text)
        for p in ALL_PATTERNS:
            own = p.required is None or any(r in folded for r in p.required)
            assert p.may_match(text) is own, (p.pattern[:60], text[:60])
        for p in TOP_LEVEL:
            _same(p, text)
    assert len(shared._answers) <= _fastre._ANSWERS_KEPT  # remembered answers stay bounded


def test_the_shared_scan_is_built_after_enough_distinct_texts() -> None:
    from outreach_lint import _fastre

    shared = _fastre._SharedScan()
    p = PhrasePattern(r"\bquick call\b", regex.I)
    for _ in range(3 * _fastre._SHARED_AFTER):  # the same text again and again counts once
        assert shared.hits(p, "a quick call, one text seen many times") is None
    assert shared._set is None
    for i in range(_fastre._SHARED_AFTER):
        shared.hits(p, f"text number {i}, all different")
    assert shared._set is not None and id(p) in shared.members
    assert shared.answer("short") is None  # short texts keep each pattern's own filter


def test_linting_builds_the_shared_scan_and_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from outreach_lint import Linter, _fastre

    texts = [t for t in _corpus_texts() if len(t) >= 400][:40]
    monkeypatch.setattr(_fastre, "_SHARED_AFTER", 10**9)  # never built: every pattern keeps its own filter
    monkeypatch.setattr(_fastre, "_SHARED", _fastre._SharedScan())
    linter = Linter()
    alone = [linter.lint_text(t).findings for t in texts]
    assert _fastre._SHARED._set is None
    monkeypatch.undo()
    shared = _fastre._SharedScan()
    shared.register(p for p in vars(_signals).values() if isinstance(p, PhrasePattern))  # as _signals does
    monkeypatch.setattr(_fastre, "_SHARED", shared)
    together = [linter.lint_text(t).findings for t in texts]
    assert shared._set is not None and len(shared._set.members) >= 10
    assert together == alone
    assert sum(map(len, alone)) > 20
    # Every rule of the first emails is in, the last ones to run (the rule packs) included.
    packs = [r.pattern for r, plugin in linter.rules if plugin.endswith(".packs") and r.spec.scope == "body"]
    assert packs and all(id(p) in shared._set.members for p in packs)
    assert all(id(p) in shared.members for p in vars(_signals).values() if isinstance(p, PhrasePattern))


def _pieces() -> st.SearchStrategy[str]:
    literals = sorted({s for p in FILTERED for s in (p.required or ())})
    return st.one_of(
        st.sampled_from(literals),
        st.sampled_from(literals).map(str.upper),
        st.sampled_from(literals).map(lambda s: s.replace(" ", "\n  ")),
        st.sampled_from([" ", "\n", ", ", ". ", "? ", "\u017f", "\u212a", "\u0130", "’", "'", "-", "15", "we", "your"]),
        st.text(max_size=4),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces(), min_size=1, max_size=12))
def test_prefilter_and_split_never_change_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    for p in ALL_PATTERNS:
        _same(p, text)


def test_the_signal_pattern_set_never_rules_out_a_match() -> None:
    from outreach_lint._fastre import PatternSet

    members = [p for p in vars(_signals).values() if isinstance(p, PhrasePattern)]
    scan = PatternSet(members)
    scan._build()
    texts = [
        "We help teams like yours cut onboarding time. Would you be open to a quick call next week?",
        "Just following up on my last email, did you get a chance to read it?",
        "I saw your Q3 plan mentions the new Denver clinic opening in March.",
        "Are you the right person for this, or could you point me in the right direction?",
        "Acme is the industry-leading platform trusted by 3,000+ companies. Imagine what we could do!",
    ]
    for text in texts + [s for t in texts for s in t.split(". ")]:
        maybe = scan.candidates(fold(text))
        assert maybe is not None
        for p in members:
            if p.compiled.search(text):
                assert id(p) in maybe, (p.pattern[:60], text)


def test_a_set_with_branches_answers_for_each_branch_and_found_in_agrees() -> None:
    from outreach_lint._fastre import PatternSet

    whole = PhrasePattern(r"\bquick call\b|\btouch base\b|\bcircle back\b|\bhop on\b", regex.I)
    plain = PhrasePattern(r"\bpricing\b", regex.I)
    scan = PatternSet([whole, plain], with_branches=True)
    scan._build()
    assert len(whole._branches) == 4
    assert {id(b) for b in whole._branches} <= scan.members
    texts = ["Can we touch base on pricing?", "A quick call, then I'll circle back.", "Nothing here.", "Touch Base"]
    for text in texts:
        hits = scan.candidates(fold(text))
        assert hits is not None
        found = [b for b in whole._branches if b.compiled.search(text)]
        assert all(id(b) in hits for b in found), text
        answer = id(whole) in hits and whole.found_in(text, fold(text), filtered=True, hits=hits)
        assert answer == (whole.compiled.search(text) is not None), text
    # Only the branches the scan found are searched: a branch left out of the hits is not run.
    assert not whole.found_in("touch base", "touch base", filtered=True, hits={id(whole)})


def test_sentence_analysis_is_the_same_with_and_without_the_shared_scan(monkeypatch) -> None:
    import json
    from pathlib import Path

    from outreach_lint import Linter, _fastre
    from outreach_lint._document import Document

    root = Path(__file__).resolve().parents[2]
    rows = [json.loads(line) for line in (root / "tests" / "data" / "validation.jsonl").read_text().splitlines()]
    linter = Linter()
    docs = [Document.parse(linter.read(f"Subject: {r.get('subject') or ''}\n\n{r['body']}")) for r in rows]
    built = _fastre._SharedScan()
    built.register(p for p in vars(_signals).values() if isinstance(p, PhrasePattern))
    built._build()  # the analysis's patterns and their branches, answered by one scan of each sentence
    monkeypatch.setattr(_fastre, "_SHARED", built)
    with_scan = [_signals._analyze(d) for d in docs]
    assert built._answers  # the scan was used
    monkeypatch.setattr(_fastre, "_SHARED_AFTER", 10**9)  # never built: every pattern checks its own filter
    monkeypatch.setattr(_fastre, "_SHARED", _fastre._SharedScan())
    without = [_signals._analyze(d) for d in docs]
    assert [[vars(s) for s in a.sentences] for a in with_scan] == [[vars(s) for s in a.sentences] for a in without]
    assert sum(s.reader_specific for a in with_scan for s in a.sentences) > 10


def test_a_leading_group_followed_by_more_is_not_taken_for_the_hoisted_boundary() -> None:
    # "\b(?:a|b)(?:c)" starts like a hoisted head but is not one group: it must stay whole.
    p = PhrasePattern(r"\b(?:ab|cd)(?:ef)|\bxyz|\bqrs|\btuv", regex.I)
    p.required  # noqa: B018
    assert [b.pattern for b in p._branches] == [r"\b(?:ab|cd)(?:ef)", r"\bxyz", r"\bqrs", r"\btuv"]
    text = "abef cdef xyz ab ef tuv"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.compiled.finditer(text)]


def test_a_big_leading_group_is_distributed_over_what_follows_it() -> None:
    # "\b(?:a|b|...)\b" runs as "\ba\b", "\bb\b", ...: at each position the group tries its
    # alternatives in order, each followed by the rest, which is the order of the branches.
    words = [f"w{i}x" for i in range(_DISTRIBUTE_AT - 3)]
    p = PhrasePattern(r"\b(?:build|build-out|launch\w*|" + "|".join(words) + r")\b(?:,? now)?|\bdone", regex.I)
    p.required  # noqa: B018
    assert p._branches[0].pattern == r"\bbuild\b(?:,? now)?"
    assert len(p._branches) == _DISTRIBUTE_AT + 1
    text = "A build-out now, the BUILD-OUT, launched, launch-ready, w3x now w3xy done; relaunch"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.compiled.finditer(text)]
    assert p.sub("#", text) == p.compiled.sub("#", text)
    # A repeated group, or a lead that can match in more than one way, keeps the pattern whole.
    for source in [r"\b(?:" + "|".join(words) + r")+\b", r"\W*(?:" + "|".join(words) + r")\b"]:
        q = PhrasePattern(source, regex.I)
        q.required  # noqa: B018
        assert q._branches == ()
    # A small group with a tail stays whole: its branches would cost more calls than they save.
    small = PhrasePattern(r"\b(?:ab|cd|ef|gh)\b", regex.I)
    small.required  # noqa: B018
    assert small._branches == ()


def test_a_set_with_branches_takes_in_the_branches_of_branches() -> None:
    from outreach_lint._fastre import PatternSet

    # SPECIFIC_WORDS runs branch by branch, and its number-word branch runs by its own branches.
    outer = _signals.SPECIFIC_WORDS
    outer.required  # noqa: B018
    inner = next(b for b in outer._branches if "eleven" in b.pattern)
    inner.required  # noqa: B018
    assert len(inner._branches) >= _DISTRIBUTE_AT
    scan = PatternSet([outer], with_branches=True, build=True)
    assert {id(b) for b in inner._branches} <= scan.members
    for text in ["Are you one of the three teams that asked?", "Nothing numeric in this sentence at all."]:
        hits = scan.candidates(fold(text))
        assert hits is not None
        for p in (outer, inner):
            expected = p.compiled.search(text) is not None
            assert (id(p) in hits and p.found_in(text, fold(text), filtered=True, hits=hits)) is expected, text
