"""A phrase rule and position checks for the reader and sequence tests.

The built-in rules change while the readers are developed, so these tests register
their own rule (code ``ZF101``) that flags a known phrase, and select only it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import regex

from outreach_lint import Config, Document, FileReport, Finding, Hit, Linter, Rule, hookimpl

PHRASE = "circle back"


class PhraseRule(Rule):
    """## What it does
    Checks for the test phrase "circle back".

    ## Why is this bad?
    Tests need a rule they control.

    ## Example
    ```text
    Hi Dana, let me circle back on this.
    ```

    ## Use instead
    ```text
    Hi Dana, all clear.
    ```
    """

    code = "ZF101"
    name = "test-phrase"
    category = "testing"
    summary = "Flags the test phrase."
    message = "Test phrase found."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in regex.finditer(r"circle\s+back", doc.prose, regex.I):
            yield Hit(m.start(), m.end())
        if doc.subject:
            for m in regex.finditer(r"circle back", doc.subject, regex.I):
                yield Hit(m.start(), m.end(), part="subject")


class _Plugin:
    @hookimpl
    def outreach_lint_register_rules(self) -> list[Rule]:
        return [PhraseRule()]


def phrase_linter(select: tuple[str, ...] = ("ZF101",)) -> Linter:
    """A linter running only the phrase rule (plus whatever ``select`` adds)."""
    return Linter(Config(select=list(select)), plugins=[("format-tests", _Plugin())], entry_points=False)


def line_col(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counting lines at ``\\n``."""
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def assert_points_at(finding: Finding, source: str, expected: str | None = None) -> None:
    """The finding's offsets, line/column and excerpt all name the same source text."""
    assert 0 <= finding.start <= finding.end <= len(source)
    assert source[finding.start : finding.end] == finding.excerpt
    assert (finding.line, finding.column) == line_col(source, finding.start)
    assert (finding.end_line, finding.end_column) == line_col(source, finding.end)
    lines = source.split("\n")
    assert lines[finding.line - 1][finding.column - 1 :].startswith(finding.excerpt.split("\n")[0])
    if expected is not None:
        assert regex.sub(r"\s+", " ", finding.excerpt) == expected


def lint_file(tmp_path: Path, name: str, text: str, *, newline: str = "\n") -> tuple[FileReport, str]:
    """Write ``text`` (with ``newline`` line ends) to ``tmp_path/name``, lint it, return report and source."""
    path = tmp_path / name
    data = text.replace("\n", newline)
    path.write_bytes(data.encode("utf-8"))
    report = phrase_linter().lint_file(path)
    return report, data
