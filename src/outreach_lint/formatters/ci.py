"""Formatters for CI systems: GitHub Actions workflow commands and JUnit XML."""

from __future__ import annotations

from typing import ClassVar

from .._formatter import Formatter
from .._models import FileReport, Finding, Severity
from ..hookspecs import hookimpl

GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    """``::warning file=...,line=...::message`` lines that GitHub Actions shows as annotations."""

    name = "github"
    description = "GitHub Actions workflow annotations"

    def format_finding(self, finding: Finding) -> str:
        props = {
            "file": finding.path,
            "line": finding.line,
            "col": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
            "title": f"{finding.code} {finding.name}",
        }
        head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        message = f"{finding.code} {finding.message}" + (f" {finding.hint}" if finding.hint else "")
        return f"::{GITHUB_LEVELS[finding.severity]} {head}::{escape_data(message)}"


class JunitFormatter(Formatter):
    """JUnit XML: one testsuite, a testcase per file, a failure per finding."""

    name = "junit"
    description = "JUnit XML (one testcase per file)"
    structured: ClassVar[bool] = True

    def start(self) -> None:
        self._cases: list[str] = []
        self._tests = self._failures = self._errors = 0

    def handle(self, report: FileReport, source: str | None = None) -> None:
        from xml.sax.saxutils import escape, quoteattr  # only when JUnit is written (~12 ms import)

        self._tests += 1
        parts = []
        for f in report.findings:
            self._failures += 1
            body = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" + (f"\n{f.hint}" if f.hint else "")
            parts.append(
                f"    <failure message={quoteattr(f'{f.code} {f.message}')} type={quoteattr(f.code)}>"
                f"{escape(body)}</failure>"
            )
        for err in report.errors:
            self._errors += 1
            parts.append(f"    <error message={quoteattr(err.message)} type={quoteattr(err.kind)}/>")
        attrs = f'name={quoteattr(report.path)} classname="outreach-lint" file={quoteattr(report.path)}'
        if parts:
            self._cases.append(f"  <testcase {attrs}>\n" + "\n".join(parts) + "\n  </testcase>")
        else:
            self._cases.append(f"  <testcase {attrs}/>")

    def finish(self) -> None:
        counts = f'tests="{self._tests}" failures="{self._failures}" errors="{self._errors}"'
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="outreach-lint" {counts}>\n')
        self.stream.write(f'<testsuite name="outreach-lint" {counts}>\n')
        for case in self._cases:
            self.stream.write(case + "\n")
        self.stream.write("</testsuite>\n</testsuites>\n")


@hookimpl
def outreach_lint_register_formatters() -> list[type[Formatter]]:
    return [GithubFormatter, JunitFormatter]
