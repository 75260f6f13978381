"""Output formatters: the base class every ``--format`` implementation derives from.

A formatter is fed reports one at a time (so output streams) and closes the output at
the end. Most formatters only override :meth:`Formatter.format_finding`, flake8 style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, TextIO

if TYPE_CHECKING:
    from ._models import FileReport, Finding, RuleInfo


class Formatter:
    """Writes findings to a stream. Subclasses set ``name`` and override hooks below."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, stream: TextIO, *, rules: Sequence[RuleInfo] = (), show_source: bool = False) -> None:
        self.stream = stream
        self.rules = {r.code: r for r in rules}
        self.show_source = show_source

    def start(self) -> None:
        """Called once before any report."""

    def handle(self, report: FileReport, source: str | None = None) -> None:
        """Called once per linted file, in path order."""
        for finding in report.findings:
            line = self.format_finding(finding)
            if line is not None:
                self.stream.write(line + "\n")
                if self.show_source and source is not None:
                    self.stream.write(show_source(source, finding))

    def format_finding(self, finding: Finding) -> str | None:
        """One line for a finding; ``None`` to write nothing."""
        return None

    def finish(self) -> None:
        """Called once after the last report."""


def show_source(source: str, finding: Finding) -> str:
    """The finding's first source line and a caret line under its span."""
    lines = source.splitlines()
    if not 1 <= finding.line <= len(lines):
        return ""
    text = lines[finding.line - 1].expandtabs(1)
    same_line = finding.end_line == finding.line
    width = finding.end_column - finding.column if same_line else len(text) - finding.column + 1
    return f"{text}\n{' ' * (finding.column - 1)}{'^' * max(1, width)}\n"
