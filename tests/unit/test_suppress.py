"""Inline suppression comments: one table of forms, then unused-suppression (OL901)."""

from __future__ import annotations

import types

import pytest
import regex

from outreach_lint import Config, Hit, Linter, Rule, Severity, hookimpl
from outreach_lint._plugins import BUILTIN_PLUGINS
from outreach_lint._source import EmailSource
from outreach_lint._suppress import find_regions, hide_directives

DOC = (
    "## What it does\nChecks.\n\n## Why is this bad?\nTests.\n\n"
    "## Example\n```text\nBAD\n```\n\n## Use instead\n```text\nok\n```\n"
)


def _word_rule(code: str, word: str) -> Rule:
    class WordRule(Rule):
        __doc__ = DOC

        def check(self, doc):  # type: ignore[no-untyped-def]
            for m in regex.finditer(word, doc.view):
                yield Hit(m.start(), m.end())

    WordRule.code = code  # type: ignore[misc]
    WordRule.name = f"word-{word.lower()}"  # type: ignore[misc]
    WordRule.category = "testing"  # type: ignore[misc]
    WordRule.message = f"{word} found."  # type: ignore[misc]
    return WordRule()


@hookimpl
def _register() -> list[Rule]:
    return [_word_rule("TST101", "BAD"), _word_rule("TST102", "meh"), _word_rule("TST201", "LEAK")]


PLUGIN = types.SimpleNamespace(outreach_lint_register_rules=_register)


def linter(**config: object) -> Linter:
    config.setdefault("select", ["TST", "OL9"] if config.get("report_unused_suppressions") else ["TST"])
    return Linter(Config(**config), plugins=[("suppress-tests", PLUGIN)], entry_points=False)


def found(text: str, path: str = "mail.txt", **config: object) -> list[tuple[str, int]]:
    report = linter(**config).lint_text(text, path=path)
    assert not report.errors, report.errors
    return [(f.code, f.line) for f in report.findings]


CASES = [
    # (id, text, expected (code, line) findings)
    ("none", "BAD\n", [("TST101", 1)]),
    ("html-region", "<!-- outreach-lint: disable=TST101 -->\nBAD\n", []),
    ("region-other-code", "<!-- outreach-lint: disable=TST102 -->\nBAD\n", [("TST101", 2)]),
    ("region-prefix", "<!-- outreach-lint: disable=TST1 -->\nBAD meh\n", []),
    ("region-all", "<!-- outreach-lint: disable -->\nBAD meh\n", []),
    ("region-two-codes", "<!-- outreach-lint: disable=TST101, TST102 -->\nBAD meh LEAK\n", [("TST201", 2)]),
    ("case-insensitive", "<!-- Outreach-Lint: DISABLE=tst101 -->\nBAD\n", []),
    (
        "enable",
        "<!-- outreach-lint: disable=TST101 -->\nBAD\n<!-- outreach-lint: enable -->\nBAD\n",
        [("TST101", 4)],
    ),
    (
        "enable-one-code",
        "<!-- outreach-lint: disable=TST101 -->\n<!-- outreach-lint: disable=TST102 -->\n"
        "<!-- outreach-lint: enable=TST102 -->\nBAD meh\n",
        [("TST102", 4)],
    ),
    ("next-block", "<!-- outreach-lint: disable-next=TST101 -->\nBAD\nBAD\n\nBAD\n", [("TST101", 5)]),
    (
        "next-block-after-blank",
        "<!-- outreach-lint: disable-next=TST101 -->\n\nBAD\n\nBAD\n",
        [("TST101", 5)],
    ),
    ("file-at-end", "BAD\n\nBAD\n<!-- outreach-lint: disable-file=TST101 -->\n", []),
    ("file-other-code", "BAD\n<!-- outreach-lint: disable-file=TST2 -->\n", [("TST101", 1)]),
    ("jinja", "{# outreach-lint: disable=TST101 #}\nBAD\n", []),
    ("jinja-trim", "{#- outreach-lint: disable-next=TST101 -#}\nBAD\n\nBAD\n", [("TST101", 4)]),
    ("liquid", "{% comment %} outreach-lint: disable=TST101 {% endcomment %}\nBAD\n", []),
    ("liquid-trim", "{%- comment -%}outreach-lint: disable-file{%- endcomment -%}\nBAD\n", []),
    ("handlebars", "{{!-- outreach-lint: disable=TST101 --}}\nBAD\n", []),
    ("handlebars-short", "{{! outreach-lint: disable=TST101 }}\nBAD\n", []),
    ("header", "Subject: Hi\nX-Outreach-Lint: disable=TST101\n\nBAD meh\n", [("TST102", 4)]),
    ("header-all", "Subject: Hi\nX-Outreach-Lint: disable\n\nBAD meh\n", []),
    ("not-a-directive", "<!-- outreach lint disable -->\nBAD\n", [("TST101", 2)]),
    ("unknown-verb", "<!-- outreach-lint: silence=TST101 -->\nBAD\n", [("TST101", 2)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_suppression_forms(text: str, expected: list[tuple[str, int]]) -> None:
    assert found(text) == expected


def test_finding_positions_survive_hidden_directive() -> None:
    report = linter().lint_text("<!-- outreach-lint: disable=TST102 -->  BAD\n", path="m.txt")
    (f,) = report.findings
    assert (f.line, f.column, f.excerpt) == (1, 41, "BAD")


def test_directives_are_not_email_text() -> None:
    email = EmailSource.plain("<!-- outreach-lint: disable=BAD -->\nHello\n{# outreach-lint: enable #}\n")
    hidden = hide_directives(email)
    assert "outreach-lint" not in hidden.view and "BAD" not in hidden.view
    assert len(hidden.view) == len(email.view) and hidden.view.count("\n") == email.view.count("\n")
    assert hidden.source == email.source
    assert hide_directives(EmailSource.plain("plain text")).view == "plain text"


def test_directive_codes_are_not_flagged() -> None:
    # the directive names BAD / LEAK as "codes"; rules must not see them as words
    assert found("<!-- outreach-lint: disable=LEAK -->\nfine\n") == []


def test_regions_record_directive_span() -> None:
    src = "x\n<!-- outreach-lint: disable-next=OL1 -->\nBAD\n\ny"
    (region,) = find_regions(src)
    assert src[region.directive_start : region.directive_end] == "<!-- outreach-lint: disable-next=OL1 -->"
    assert src[region.start : region.end].strip() == "BAD"
    assert region.codes == ("OL1",)


def test_unused_suppression_reported() -> None:
    text = "<!-- outreach-lint: disable=TST101 -->\nBAD\n<!-- outreach-lint: disable-next=TST102 -->\nfine\n"
    report = linter(report_unused_suppressions=True).lint_text(text, path="m.txt")
    assert [(f.code, f.line, f.column, f.name, f.category) for f in report.findings] == [
        ("OL901", 3, 1, "unused-suppression", "internal")
    ]
    assert report.findings[0].excerpt == "<!-- outreach-lint: disable-next=TST102 -->"
    assert "TST102" in report.findings[0].message


def test_unused_suppression_off_by_default_and_selectable() -> None:
    text = "<!-- outreach-lint: disable=TST102 -->\nfine\n"
    assert found(text) == []
    assert found(text, select=["TST", "OL901"]) == [("OL901", 1)]
    # the setting makes OL901 behave as on by default (built-in rule modules blocked: only TST and meta)
    others = [m for m in BUILTIN_PLUGINS if m.startswith("outreach_lint.rules.") and not m.endswith(".meta")]
    assert found(text, report_unused_suppressions=True, select=None, disable_plugins=others) == [("OL901", 1)]
    assert (
        found(text, report_unused_suppressions=True, select=["TST"]) == []
    )  # an explicit select must name it
    assert found(text, report_unused_suppressions=True, select=["TST"], extend_ignore=["OL901"]) == []
    assert found(text, report_unused_suppressions=True, per_file_ignores={"*.txt": ["OL9"]}) == []


def test_unused_suppression_severity_is_configurable() -> None:
    report = linter(report_unused_suppressions=True, severity={"OL901": Severity.ERROR}).lint_text(
        "<!-- outreach-lint: disable -->\nfine\n", path="m.txt"
    )
    assert [f.severity for f in report.findings] == [Severity.ERROR]
