"""Every rule's documented examples run as tests (proselint's check-examples habit).

The "Example" blocks of a rule's documentation must be flagged by that rule, and the
"Use instead" blocks must not be. A rule with no examples of either kind fails.
"""

from __future__ import annotations

import pytest

from outreach_lint import Config, Linter, RuleExample

LINTER = Linter(Config(select=["ALL"]))
RULES = [(rule, plugin) for rule, plugin in LINTER.rules if not hasattr(rule, "check_sequence")]


def _codes(example: RuleExample, code: str) -> list[str]:
    report = LINTER.lint_text(example.text, subject=example.subject)
    assert not report.errors, report.errors
    return [f.code for f in report.findings if f.code == code]


@pytest.mark.parametrize(("rule", "plugin"), RULES, ids=[r.code for r, _ in RULES])
def test_rule_has_examples(rule: object, plugin: str) -> None:
    info = rule.info(plugin)  # type: ignore[attr-defined]
    assert info.example, f"{info.code} has no failing example"
    assert info.use_instead, f"{info.code} has no passing example"
    assert info.what_it_does.startswith("Checks for"), f"{info.code}: 'What it does' should start with 'Checks for'"
    assert info.why_bad, f"{info.code} has no 'Why is this bad?'"


@pytest.mark.parametrize(("rule", "plugin"), RULES, ids=[r.code for r, _ in RULES])
def test_examples_are_flagged(rule: object, plugin: str) -> None:
    info = rule.info(plugin)  # type: ignore[attr-defined]
    for example in info.example:
        assert _codes(example, info.code), f"False negative against {info.code}: {example.text!r}"


@pytest.mark.parametrize(("rule", "plugin"), RULES, ids=[r.code for r, _ in RULES])
def test_use_instead_passes(rule: object, plugin: str) -> None:
    info = rule.info(plugin)  # type: ignore[attr-defined]
    for example in info.use_instead:
        assert not _codes(example, info.code), f"False positive against {info.code}: {example.text!r}"


def test_rule_names_are_unique_kebab_case() -> None:
    import regex

    names = [rule.name for rule, _ in LINTER.rules]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for name in names:
        assert regex.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", name), name
