"""Small rules and a linter factory for the core tests, independent of the built-in rules.

The built-in rules change while the engine is developed, so core tests register their own
rules (codes ``ZZ1xx``) through a plugin object and select only those.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from outreach_lint import Config, Document, Finding, Hit, Linter, Rule, hookimpl

DOC = """## What it does
Checks for a test pattern.

## Why is this bad?
Tests need rules they control.

## Example
```text
Hi Dana, the word FLAG is here.
```

## Use instead
```text
Hi Dana, all clear.
```
"""


class PatternRule(Rule):
    """A rule that flags every match of ``pattern`` in the prose (or the subject)."""

    __doc__ = DOC
    code = "ZZ101"
    name = "test-pattern"
    category = "testing"
    summary = "Flags a test pattern."
    message = "Test pattern found."
    hint = "Remove it."
    pattern = regex.compile(r"FLAG")
    part = "body"

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.part == "subject":
            for m in self.pattern.finditer(doc.subject or ""):
                yield Hit(m.start(), m.end(), part="subject")
            return
        for m in self.pattern.finditer(doc.prose):
            yield Hit(m.start(), m.end())


def pattern_rule(code: str, pattern: str, *, part: str = "body", **attrs: Any) -> Rule:
    """An instance of a fresh :class:`PatternRule` subclass with its own code and pattern."""
    name = attrs.pop("name", f"test-{code.lower()}")
    cls = type(
        f"Rule{code}",
        (PatternRule,),
        {"code": code, "name": name, "part": part, "pattern": regex.compile(pattern), **attrs},
    )
    rule: Rule = cls()
    return rule


class RulesPlugin:
    """A plugin object that registers the given rules."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = list(rules)

    @hookimpl
    def outreach_lint_register_rules(self) -> list[Rule]:
        return self.rules


def make_linter(
    *rules: Rule, select: list[str] | None = None, name: str = "testplugin", **config: Any
) -> Linter:
    """A linter running only ``rules`` (entry points off, the built-in plugins still loaded)."""
    codes = select if select is not None else [r.code for r in rules]
    return Linter(Config(select=codes, **config), plugins=[(name, RulesPlugin(*rules))], entry_points=False)


def assert_positions(source: str, finding: Finding) -> None:
    """A finding's excerpt is its slice of the source, and line/column agree with the offsets."""
    assert source[finding.start : finding.end] == finding.excerpt
    assert (finding.line, finding.column) == line_col(source, finding.start)
    assert (finding.end_line, finding.end_column) == line_col(source, finding.end)


def line_col(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset (lines end at LF, CRLF or CR), computed independently."""
    line, line_start, i = 1, 0, 0
    while i < offset:
        width = 2 if source.startswith("\r\n", i) else 1
        if source[i] in "\r\n" and i + width <= offset:
            line, line_start = line + 1, i + width
        i += width
    return line, offset - line_start + 1
