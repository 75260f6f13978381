"""The built-in text formatters: default (flake8 style), json and json-lines.

Formatters with ``structured = True`` write a document a program parses; the command
then prints ``--statistics`` and ``--count`` on stderr so the document stays valid.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any, ClassVar

from .._formatter import Formatter
from .._models import FileReport, Finding
from ..hookspecs import hookimpl

FINDING_FIELDS = (
    "path",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "hint",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "excerpt",
    "part",
    "step",
)


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as the JSON object the ``json`` formats write."""
    return finding.model_dump(mode="json", include=set(FINDING_FIELDS))


class DefaultFormatter(Formatter):
    """``path:line:col: CODE message``, one line a finding."""

    name = "default"
    description = "flake8-style lines: path:line:col: CODE message"
    error_format = "{path}:{line}:{column}: {code} {message}"

    def format_finding(self, finding: Finding) -> str:
        return self.error_format.format(**finding.model_dump())


class JsonFormatter(Formatter):
    """A JSON array of finding objects, written as the reports arrive."""

    name = "json"
    description = "a JSON array of finding objects"
    structured: ClassVar[bool] = True

    def start(self) -> None:
        self._first = True
        self.stream.write("[")

    def handle(self, report: FileReport, source: str | None = None) -> None:
        for finding in report.findings:
            text = json.dumps(finding_dict(finding), indent=2, ensure_ascii=False)
            self.stream.write(("\n" if self._first else ",\n") + textwrap.indent(text, "  "))
            self._first = False

    def finish(self) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")


class JsonLinesFormatter(Formatter):
    """One JSON finding object a line."""

    name = "json-lines"
    description = "one JSON finding object a line"
    structured: ClassVar[bool] = True

    def format_finding(self, finding: Finding) -> str:
        return json.dumps(finding_dict(finding), ensure_ascii=False)


@hookimpl
def outreach_lint_register_formatters() -> list[type[Formatter]]:
    return [DefaultFormatter, JsonFormatter, JsonLinesFormatter]
