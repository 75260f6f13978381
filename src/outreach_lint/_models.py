"""The data that crosses the library boundary: findings, rule metadata, metrics and reports.

Every model is frozen, forbids unknown fields and describes each field, so that the
JSON Schema generated from them (``docs/schema/report.schema.json``) documents the
wire format other tools embed. Bump :data:`SCHEMA_VERSION` on any incompatible change.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
"""Version of the JSON output; tools should check the major number."""

CODE_PATTERN = r"^[A-Z]{1,4}[0-9]{3}$"
"""Every rule code, built-in or plugin: one to four capitals and three digits."""

BUILTIN_CODE_PATTERN = r"^OL[0-9]{3}$"
"""Built-in rules use the ``OL`` prefix."""

CATEGORY_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class Category(enum.StrEnum):
    """Stable category identifiers of the built-in rules; plugins may add kebab-case ones."""

    SELLER_CENTRIC = "seller-centric"
    SCRIPTED_PITCH = "scripted-pitch"
    CUSTOMER_GOAL = "customer-goal"
    VOLUME_OVER_VALUE = "volume-over-value"
    READABILITY = "readability"
    SUBJECT = "subject"
    TEMPLATE = "template"
    SEQUENCE = "sequence"
    INTERNAL = "internal"


class Severity(enum.StrEnum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class _Frozen(BaseModel):
    # defer_build: a model's validator and serializer are built when first needed. The linter
    # builds reports with ``prevalidated`` (no validation), so a plain run never pays for the
    # report models' schemas at import (~10 ms of a one-file run); JSON output builds them then.
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


Code = Annotated[str, Field(pattern=CODE_PATTERN, description="Rule code, e.g. OL101.")]
CategoryId = Annotated[
    str, Field(pattern=CATEGORY_PATTERN, description="Stable kebab-case category id, e.g. seller-centric.")
]


class Finding(_Frozen):
    """One problem found in one email, with its exact position in the original source."""

    code: Code
    name: str = Field(description="Kebab-case rule name that names the pattern flagged.")
    category: CategoryId
    severity: Severity = Field(description="Severity after configuration.")
    message: str = Field(description="What is wrong, in one sentence.")
    hint: str = Field(default="", description="What to do instead, in one sentence.")
    path: str = Field(default="<text>", description="File the finding is in, as given to the linter.")
    part: Literal["source", "subject"] = Field(
        default="source",
        description="What the positions index: 'source' (the file or text linted, headers included) or "
        "'subject' (a subject passed separately to lint_text, on line 1).",
    )
    line: int = Field(ge=1, description="1-based line of the first character in the source.")
    column: int = Field(ge=1, description="1-based column (in characters) of the first character.")
    end_line: int = Field(ge=1, description="1-based line of the character after the span.")
    end_column: int = Field(ge=1, description="1-based column of the character after the span.")
    start: int = Field(ge=0, description="0-based character offset of the span start in the source.")
    end: int = Field(ge=0, description="0-based character offset just past the span in the source.")
    excerpt: str = Field(description="The source text of the span: source[start:end].")
    step: int | None = Field(
        default=None, ge=1, description="Sequence step (1-based) when linting a sequence."
    )


class RuleOption(_Frozen):
    """A tunable threshold of a rule, settable on the command line and in configuration."""

    name: str = Field(description="Option name in kebab-case, e.g. max-words.")
    default: int | float | bool | str = Field(description="Default value.")
    help: str = Field(description="What the option controls and where the default comes from.")


class RuleExample(_Frozen):
    """An example email for a rule's documentation, run as a test."""

    text: str = Field(description="Body of the example email (may start with a Subject: header).")
    subject: str | None = Field(default=None, description="Subject line, when the rule reads it.")


class RuleInfo(_Frozen):
    """Everything a tool needs to show or document a rule."""

    code: Code
    name: str = Field(description="Kebab-case name of the pattern flagged.")
    category: CategoryId
    summary: str = Field(description="One-line summary of what the rule flags.")
    default_severity: Severity = Field(description="Severity unless configured otherwise.")
    enabled_by_default: bool = Field(description="Whether the rule runs without being selected.")
    plugin: str = Field(description="Name of the plugin that registered the rule.")
    what_it_does: str = Field(description="Documentation: 'What it does' (starts with 'Checks for').")
    why_bad: str = Field(description="Documentation: 'Why is this bad?', the reader's side and evidence.")
    example: list[RuleExample] = Field(description="Emails the rule flags.")
    use_instead: list[RuleExample] = Field(description="Emails the rule passes.")
    references: list[str] = Field(default_factory=list, description="Sources for the rationale.")
    options: list[RuleOption] = Field(default_factory=list, description="Configurable thresholds.")


class Metrics(_Frozen):
    """Numbers about one email, for dashboards and audits."""

    words: int = Field(
        ge=0, description="Words in the body's prose (merge fields, quotes and signature excluded)."
    )
    sentences: int = Field(ge=0, description="Sentences in the body's prose.")
    paragraphs: int = Field(ge=0, description="Paragraphs in the body's prose.")
    questions: int = Field(ge=0, description="Sentences that end with a question mark.")
    reading_grade: float | None = Field(
        default=None, description="Flesch-Kincaid grade of the prose (textstat); null when not computed."
    )
    reader_references: int = Field(ge=0, description="Mentions of the reader: you, your, yours, yourself.")
    seller_references: int = Field(ge=0, description="Mentions of the sender: I, me, my, we, us, our, ours.")
    links: int = Field(ge=0, description="URLs in the body.")
    calls_to_action: int = Field(
        ge=0, description="Sentences that ask the reader to act (reply, book, call)."
    )
    merge_fields: int = Field(ge=0, description="Merge fields in subject and body.")
    customer_centricity: int = Field(
        ge=0, le=100, description="0-100 score; see docs/metrics.md for the formula."
    )


class FileError(_Frozen):
    """A problem that kept part or all of a file from being linted."""

    kind: Literal["read", "parse", "rule", "plugin", "timeout", "config"] = Field(
        description="What failed: reading the file, parsing it, a rule, a plugin, a time limit or config."
    )
    message: str = Field(description="One line naming the culprit, what was expected and what was found.")
    code: str | None = Field(default=None, description="Rule code involved, if any.")
    plugin: str | None = Field(default=None, description="Plugin involved, if any.")


class FileReport(_Frozen):
    """The result of linting one email (one file, one text, or one sequence step)."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this JSON format.")
    path: str = Field(description="File linted, as given to the linter, or '<text>'.")
    format: str = Field(default="text", description="Reader that parsed the file, e.g. text, html, eml.")
    subject: str | None = Field(default=None, description="Subject line found, if any.")
    step: int | None = Field(default=None, ge=1, description="Position in a sequence, 1-based.")
    findings: list[Finding] = Field(
        default_factory=list, description="Findings sorted by position then code."
    )
    metrics: Metrics | None = Field(default=None, description="Email metrics; null when the file failed.")
    errors: list[FileError] = Field(
        default_factory=list, description="Problems that kept rules from running."
    )

    @property
    def ok(self) -> bool:
        """True when nothing failed while linting this file."""
        return not self.errors


class SequenceReport(_Frozen):
    """The result of linting a multi-step sequence (cadence) as a whole."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this JSON format.")
    path: str = Field(description="Sequence file or folder.")
    steps: list[FileReport] = Field(description="One report per step, in order.")
    findings: list[Finding] = Field(
        default_factory=list, description="Findings about the sequence as a whole."
    )
    errors: list[FileError] = Field(default_factory=list, description="Problems reading the sequence.")


class RunReport(_Frozen):
    """Everything one run of the linter produced: the top-level JSON document."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this JSON format.")
    tool: Literal["outreach-lint"] = Field(default="outreach-lint", description="Producer of the report.")
    version: str = Field(description="outreach-lint version that produced the report.")
    files: list[FileReport] = Field(description="One entry per email linted.")


_M = TypeVar("_M", bound=BaseModel)
_PLAIN: dict[type[BaseModel], tuple[str, ...] | None] = {}
_set = object.__setattr__


def _plain_fields(cls: type[BaseModel]) -> tuple[str, ...] | None:
    """The field names, in order, when ``model_construct`` of ``cls`` only stores what it is given."""
    fields = cls.__pydantic_fields__
    plain = (
        not cls.__pydantic_post_init__
        and not cls.__pydantic_root_model__
        and cls.model_config.get("extra") != "allow"
        and all(f.alias is None and f.validation_alias is None for f in fields.values())
    )
    return tuple(fields) if plain else None


def prevalidated(cls: type[_M], **values: Any) -> _M:
    """``cls.model_construct(**values)`` for values already valid, every field given in order.

    The linter builds a report, its metrics and a few findings per email from values it
    computed; ``model_construct`` spends most of its time on aliases and defaults these
    models do not use (~7 us a finding, ~1.3 us here). The instance is the same: its
    ``__dict__`` (in field order), fields-set, extra and private slots are what
    ``model_construct`` sets (the tests compare them). Anything else, a missing field or
    a model with aliases or a post-init hook, goes through ``model_construct``.
    """
    try:
        names = _PLAIN[cls]
    except KeyError:
        names = _PLAIN[cls] = _plain_fields(cls)
    if names is None or tuple(values) != names:
        return cls.model_construct(**values)
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(names))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
