"""Any size, bounded time: no rule backtracks catastrophically or grows faster than linearly.

- Patterns from user rule packs run with the ``regex`` module's time limit
  (:data:`outreach_lint._packs.PATTERN_TIMEOUT`); a pack rule that runs out of time is
  reported as a ``timeout`` error for that file and the other rules' findings are kept.
- Every built-in rule (``select=["ALL"]``), the document parser and the metrics are fed
  adversarial inputs (long runs of one character, of spaces, of newlines, of ``{{``,
  thousands of merge fields, 10,000 question marks, repeated list bullets, ...) at two
  sizes. Doubling the input may cost at most about 4x (a generous bound for linear code
  on a noisy machine; quadratic code costs 4x at best and cubic 8x), and the larger input
  must finish within an absolute ceiling. A failure names the rule codes that are slow.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import outreach_lint._packs as packs
from outreach_lint import Config, Document, Linter
from outreach_lint._metrics import compute as compute_metrics

# -- user packs: the regex time limit ------------------------------------------------------

CATASTROPHIC_PACK = """
[[rule]]
code = "USR101"
name = "overlapping-alternation"
category = "scripted-pitch"
summary = "A pattern that backtracks catastrophically, even in the regex module."
message = "Backtracks."
patterns = ['(a|aa)+$']

[[rule]]
code = "USR102"
name = "overlapping-alternation-subject"
category = "subject"
summary = "The same, in the subject."
message = "Backtracks."
patterns = ['(a|a)+$']
scope = "subject"

[[rule]]
code = "USR104"
name = "nested-quantifier"
category = "scripted-pitch"
summary = "The textbook catastrophic pattern; regex's optimizer defuses it, the limit would not be needed."
message = "Backtracks."
patterns = ['(a+)+$']

[[rule]]
code = "USR103"
name = "harmless-phrase"
category = "volume-over-value"
summary = "An ordinary phrase rule in the same pack."
message = "Chases."
phrases = ["following up"]
"""


@pytest.fixture
def catastrophic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Linter:
    monkeypatch.setattr(packs, "PATTERN_TIMEOUT", 0.25)  # keep the test quick; the mechanism is the same
    (tmp_path / "slow.toml").write_text(CATASTROPHIC_PACK, encoding="utf-8")
    return Linter(Config(select=["USR"], rule_packs=["slow.toml"]), config_dir=tmp_path, entry_points=False)


def test_a_catastrophic_user_pattern_is_stopped_and_reported(catastrophic: Linter) -> None:
    text = "Just following up. " + "a" * 40 + "!"
    subject = "a" * 40 + "!"
    started = time.perf_counter()
    report = catastrophic.lint_text(text, subject=subject)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"took {elapsed:.1f} s despite the time limit"  # unbounded, this takes hours
    timeouts = {e.code: e for e in report.errors if e.kind == "timeout"}
    assert {"USR101", "USR102"} <= set(timeouts), report.errors
    assert "USR101" in timeouts["USR101"].message and timeouts["USR101"].plugin
    assert "USR103" in [f.code for f in report.findings]  # the other rules still ran
    assert report.metrics is not None


def test_a_timeout_in_one_file_does_not_stop_the_next(catastrophic: Linter, tmp_path: Path) -> None:
    (tmp_path / "a-slow.txt").write_text("a" * 40 + "!", encoding="utf-8")
    (tmp_path / "b-fine.txt").write_text("Just following up.", encoding="utf-8")
    reports = list(catastrophic.lint_paths([tmp_path]))
    assert [Path(r.path).name for r in reports] == ["a-slow.txt", "b-fine.txt"]
    assert [e.kind for e in reports[0].errors] == ["timeout"]
    assert reports[1].errors == [] and [f.code for f in reports[1].findings] == ["USR103"]


def test_the_timeout_is_per_pattern_run_not_global(catastrophic: Linter) -> None:
    # A harmless input through the same rules takes far less than the limit and reports nothing.
    report = catastrophic.lint_text("aaaa aaaa", subject="aaa")
    assert report.errors == []


# -- built-in rules on adversarial input ---------------------------------------------------

Make = Callable[[int], tuple[str, str | None]]
"""Builds an (email body, subject) of about ``n`` characters."""


def body(unit: str) -> Make:
    return lambda n: (unit * max(1, n // len(unit)), None)


def subject(unit: str) -> Make:
    return lambda n: ("Hi Dana,\n\nHow is the rollout going?\n", unit * max(1, n // len(unit)))


ADVERSARIAL: dict[str, Make] = {
    "one-char": body("a"),
    "one-word-char-caps": body("A"),
    "spaces": body(" "),
    "newlines": body("\n"),
    "crlf": body("\r\n"),
    "tabs-and-blank-lines": body(" \t\n\n"),
    "open-braces": body("{{"),
    "single-braces": body("{"),
    "close-braces": body("}}"),
    "merge-fields": body("{{first_name}} "),
    "merge-fields-adjacent": body("{{first_name}}{!Contact.Name}*|FNAME|*%%x%%"),
    "broken-merge-fields": body("{{first_name} *|FNAME| [First Name "),
    "placeholders": body("[First Name] <insert company> XXX "),
    "percent": body("%"),
    "pipes-stars": body("*|"),
    "question-marks": body("?"),
    "questions": body("Are you free? "),
    "exclamations": body("!"),
    "dots": body("."),
    "ellipses": body("… "),
    "list-bullets": body("- item\n"),
    "nested-bullets": body("  - a\n    * b\n1. c\n"),
    "quoted-lines": body("> x\n"),
    "quote-attribution": body("On Monday Sam wrote something "),
    "sign-offs": body("Best,\n"),
    "ps-lines": body("P.S. x\n"),
    "long-sentence": body("word "),
    "no-spaces-word": body("supercalifragilistic"),
    "long-url": lambda n: ("See https://example.com/" + "a" * n, None),
    "chase-phrases": body("Just following up on my last email. "),
    "seller-claims": body("We are the leading award-winning provider of world-class solutions. "),
    "meeting-asks": body("Do you have 15 minutes on Tuesday or Thursday? "),
    "i-we-our": body("I we our my us "),
    "you-your": body("you your "),
    "html-tags": body("<div><p>"),
    "html-entities": body("&nbsp;&amp;"),
    "headers": body("X-Header: value\n"),
    "digits": body("1234567890"),
    "emoji": body("🚀🔥"),
    "rtl-and-combining": body("שלום e\u0301 "),
    "subject-caps": subject("FREE "),
    "subject-bangs": subject("!"),
    "subject-merge-fields": subject("{{first_name}} "),
    "subject-one-char": subject("a"),
}

SMALL, LARGE = 8_000, 16_000
CEILING = 8.0  # CPU seconds for any one rule on the larger input
SLACK = 0.05  # CPU seconds: absolute noise allowance for fast rules (GC pauses, cache misses)


@pytest.fixture(scope="module")
def everything() -> Linter:
    return Linter(Config(select=["ALL"]))


def _cpu(fn: Callable[[], object]) -> float:
    # CPU time of this process, not wall time: other jobs on a shared machine barely move it.
    started = time.process_time()
    fn()
    return time.process_time() - started


def _fresh(parsed: Document) -> Document:
    """A copy of a parsed document with nothing computed yet (cached views and memo empty)."""
    doc = copy.copy(parsed)
    for name in list(vars(parsed)):
        if name in _CACHED:
            delattr(doc, name)
        elif name == "_memo":
            setattr(doc, name, {})
    return doc


_CACHED = {n for n, v in vars(Document).items() if isinstance(v, functools.cached_property)}


def _timings(linter: Linter, make: Make, n: int, only: set[str] | None = None) -> dict[str, float]:
    text, subj = make(n)
    email = linter.read(text)
    if subj is not None:
        email = dataclasses.replace(email, subject=subj, subject_start=None)
    out = {}
    if only is None or "parse" in only:
        out["parse"] = _cpu(lambda: Document.parse(email))
    parsed = Document.parse(email)
    for rule, _plugin in linter.rules:
        if only is None or rule.code in only:
            # A fresh document per rule, so each rule pays for the analyses it asks for.
            doc = _fresh(parsed)
            out[rule.code] = _cpu(lambda rule=rule, doc=doc: list(rule.check(doc)))
    if only is None or "metrics" in only:
        out["metrics"] = _cpu(lambda: compute_metrics(_fresh(parsed), []))
    return out


def _slow(small: dict[str, float], large: dict[str, float]) -> set[str]:
    return {code for code in large if large[code] > 4 * small[code] + SLACK or large[code] > CEILING}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_rule_is_linear_on_adversarial_input(everything: Linter, name: str) -> None:
    make = ADVERSARIAL[name]
    small = _timings(everything, make, SMALL)
    large = _timings(everything, make, LARGE)
    suspects = _slow(small, large)
    for _ in range(3):  # measure suspects again, keeping each one's best time, before blaming them
        if not suspects:
            break
        again_small = _timings(everything, make, SMALL, suspects)
        again_large = _timings(everything, make, LARGE, suspects)
        small.update({c: min(small[c], t) for c, t in again_small.items()})
        large.update({c: min(large[c], t) for c, t in again_large.items()})
        suspects = _slow(small, large)
    slow = {c: f"{small[c] * 1000:.0f} ms -> {large[c] * 1000:.0f} ms" for c in sorted(suspects)}
    assert not slow, f"non-linear or slow on {name!r} ({SMALL} -> {LARGE} characters): {slow}"


def test_the_whole_run_stays_within_a_ceiling_on_the_worst_inputs(everything: Linter) -> None:
    for name in ("question-marks", "merge-fields", "list-bullets", "open-braces", "newlines", "long-sentence"):
        text, subj = ADVERSARIAL[name](LARGE * 2)
        started = time.process_time()
        report = everything.lint_text(text, subject=subj)
        elapsed = time.process_time() - started
        assert not [e for e in report.errors if e.kind in ("rule", "timeout")], (name, report.errors)
        assert elapsed < 2 * CEILING, f"{name}: {elapsed:.1f} s for {LARGE * 2} characters"
