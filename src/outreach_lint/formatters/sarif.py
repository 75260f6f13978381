"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards.

One run, with every known rule in ``tool.driver.rules`` (documentation rendered by
:func:`~outreach_lint._docgen.rule_markdown`) and one result per finding. Files that
could not be read or linted become ``toolExecutionNotifications``.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

from .._formatter import Formatter
from .._models import FileReport, Finding, RuleInfo, Severity
from ..hookspecs import hookimpl

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
RULES_URL = "https://github.com/outreach-lint/outreach-lint/blob/main/docs/rules/{code}.md"
INFORMATION_URI = "https://github.com/outreach-lint/outreach-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _version() -> str:
    try:
        return metadata.version("outreach-lint")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def sarif_rule(info: RuleInfo) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one rule."""
    from .._docgen import rule_markdown  # only SARIF output needs it: not imported when formatters load

    rule: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary or info.name},
        "fullDescription": {"text": info.what_it_does or info.summary or info.name},
        "help": {"text": rule_markdown(info), "markdown": rule_markdown(info)},
        "defaultConfiguration": {"level": LEVELS[info.default_severity], "enabled": info.enabled_by_default},
        "properties": {"category": info.category, "plugin": info.plugin, "tags": [info.category]},
    }
    if info.plugin.startswith("outreach_lint."):
        rule["helpUri"] = RULES_URL.format(code=info.code)
    return rule


def artifact_uri(path: str) -> tuple[str, bool]:
    """A path as a URI reference, and whether it is relative to ``%SRCROOT%`` (the working folder).

    Absolute paths under the working folder are made relative, so GitHub code scanning
    can place them in the repository; others become ``file:`` URIs.
    """
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.as_uri(), False
    return quote(p.as_posix()), True


def _artifact(path: str) -> dict[str, str]:
    uri, relative = artifact_uri(path)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}


class SarifFormatter(Formatter):
    """A SARIF 2.1.0 log with one run."""

    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning)"
    structured: ClassVar[bool] = True

    def start(self) -> None:
        self._infos = sorted(self.rules.values(), key=lambda i: i.code)
        self._index = {info.code: i for i, info in enumerate(self._infos)}
        self._results: list[dict[str, Any]] = []
        self._notifications: list[dict[str, Any]] = []

    def handle(self, report: FileReport, source: str | None = None) -> None:
        self._results.extend(self.result(f) for f in report.findings)
        for err in report.errors:
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": err.message},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(report.path)}}],
                "properties": {"kind": err.kind},
            }
            if err.code:
                note["associatedRule"] = {"id": err.code}
            self._notifications.append(note)

    def result(self, finding: Finding) -> dict[str, Any]:
        """A SARIF ``result`` for one finding."""
        text = finding.message + (f" {finding.hint}" if finding.hint else "")
        res: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity],
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(finding.path),
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                            "snippet": {"text": finding.excerpt},
                        },
                    }
                }
            ],
            "properties": {"category": finding.category, "name": finding.name},
        }
        if finding.code in self._index:
            res["ruleIndex"] = self._index[finding.code]
        return res

    def finish(self) -> None:
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "outreach-lint",
                    "version": _version(),
                    "semanticVersion": _version(),
                    "informationUri": INFORMATION_URI,
                    "rules": [sarif_rule(info) for info in self._infos],
                }
            },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "invocations": [
                {
                    "executionSuccessful": not self._notifications,
                    "toolExecutionNotifications": self._notifications,
                }
            ],
            "results": self._results,
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(log, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


@hookimpl
def outreach_lint_register_formatters() -> list[type[Formatter]]:
    return [SarifFormatter]
