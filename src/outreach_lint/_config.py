"""Configuration: one validated model shared by the library, the command and config files.

Keys are kebab-case in files (``fail-on``) and snake_case in Python (``fail_on``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ._models import Severity

OptionValue = int | float | bool | str

DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt",
    "*.md",
    "*.markdown",
    "*.html",
    "*.htm",
    "*.eml",
    "*.j2",
    "*.jinja",
    "*.jinja2",
    "*.liquid",
    "*.hbs",
    "*.handlebars",
    "*.mustache",
)
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".env",
    "env",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
    "site-packages",
    "*.egg-info",
)


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Settings for a :class:`~outreach_lint.Linter`; every field is optional."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", alias_generator=_kebab, populate_by_name=True, validate_default=True
    )

    select: list[str] | None = Field(
        default=None,
        description="Codes or prefixes to run (ALL for every rule); default: rules on by default."
    )
    ignore: list[str] = Field(default_factory=list, description="Codes or prefixes not to run.")
    extend_select: list[str] = Field(default_factory=list, description="Codes or prefixes added to select.")
    extend_ignore: list[str] = Field(default_factory=list, description="Codes or prefixes added to ignore.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, description="Glob pattern of paths -> codes or prefixes ignored in those files."
    )
    fail_on: Severity = Field(
        default=Severity.WARNING, description="Lowest severity that makes the command exit 1."
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Per code or prefix: the severity to report instead of the default."
    )
    options: dict[str, OptionValue] = Field(
        default_factory=dict, description="Rule thresholds by option name, e.g. max-words = 150."
    )
    rule_packs: list[str] = Field(default_factory=list, description="Extra TOML rule packs to load.")
    disable_plugins: list[str] = Field(
        default_factory=list, description="Plugins (built-in or not) to block."
    )
    include: list[str] = Field(
        default_factory=lambda: list(DEFAULT_INCLUDE), description="File globs to lint."
    )
    exclude: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDE), description="Names/globs to skip."
    )
    extend_exclude: list[str] = Field(
        default_factory=list, description="Names/globs to skip, added to exclude."
    )
    lint_quoted: bool = Field(default=False, description="Also lint quoted reply text (off by default).")
    report_unused_suppressions: bool = Field(
        default=False, description="Report suppression comments that suppress nothing."
    )
