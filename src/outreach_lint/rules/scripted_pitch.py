"""Built-in rules: scripted-pitch."""

from __future__ import annotations

from .._rule import Rule
from ..hookspecs import hookimpl


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return []
