"""The built-in formatters: default (flake8 style) and json."""

from __future__ import annotations

import json
from typing import Any

from .._formatter import Formatter
from .._models import FileReport, Finding
from ..hookspecs import hookimpl

FINDING_FIELDS = (
    "path", "code", "name", "category", "severity", "message", "hint",
    "line", "column", "end_line", "end_column", "start", "end", "excerpt", "part", "step",
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
    """A JSON array of finding objects."""

    name = "json"
    description = "a JSON array of finding objects"

    def start(self) -> None:
        self._items: list[dict[str, Any]] = []

    def handle(self, report: FileReport, source: str | None = None) -> None:
        self._items.extend(finding_dict(f) for f in report.findings)

    def finish(self) -> None:
        json.dump(self._items, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


@hookimpl
def outreach_lint_register_formatters() -> list[type[Formatter]]:
    return [DefaultFormatter, JsonFormatter]
