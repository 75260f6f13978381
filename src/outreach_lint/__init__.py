"""outreach-lint: lint sales outreach emails for seller-centric, scripted, generic and chasing copy.

>>> import outreach_lint
>>> report = outreach_lint.lint_text("Hi Sam,\n\nJust circling back on my last note.\n")
>>> [f.code for f in report.findings if f.category == "volume-over-value"][:1]
['OL401']
"""

from __future__ import annotations

from importlib import metadata as _metadata

from ._batch import AuditResult, audit_rows, read_rows
from ._config import Config
from ._document import Document
from ._errors import (
    ConfigError,
    DuplicateCodeError,
    InputError,
    OutreachLintError,
    PluginError,
    RuleError,
    RulePackError,
    UnknownRuleError,
)
from ._formatter import Formatter
from ._linter import Linter, lint_file, lint_text
from ._models import (
    SCHEMA_VERSION,
    Category,
    FileError,
    FileReport,
    Finding,
    Metrics,
    RuleExample,
    RuleInfo,
    RuleOption,
    RunReport,
    SequenceReport,
    Severity,
)
from ._rule import Hit, Rule
from ._sequence import Step, lint_sequence
from ._sequence_rule import SequenceRule
from ._source import EmailSource, SourceMap
from .hookspecs import hookimpl

try:
    __version__ = _metadata.version("outreach-lint")
except _metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "SCHEMA_VERSION",
    "AuditResult",
    "Category",
    "Config",
    "ConfigError",
    "Document",
    "DuplicateCodeError",
    "EmailSource",
    "FileError",
    "FileReport",
    "Finding",
    "Formatter",
    "Hit",
    "InputError",
    "Linter",
    "Metrics",
    "OutreachLintError",
    "PluginError",
    "Rule",
    "RuleError",
    "RuleExample",
    "RuleInfo",
    "RuleOption",
    "RulePackError",
    "RunReport",
    "SequenceReport",
    "SequenceRule",
    "Severity",
    "SourceMap",
    "Step",
    "UnknownRuleError",
    "__version__",
    "audit_rows",
    "hookimpl",
    "lint_file",
    "lint_sequence",
    "lint_text",
    "read_rows",
]
