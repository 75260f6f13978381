"""Which rules run: longest prefix wins, ALL, extend-select of default-off rules, and unknown
codes rejected naming the setting they came from."""

from __future__ import annotations

import pytest
from core_helpers import RulesPlugin, pattern_rule

from outreach_lint import Config, Linter, UnknownRuleError
from outreach_lint._selection import Decision, Selector

CODES = {"ZZ101": True, "ZZ102": True, "ZZ110": False, "ZZ201": True, "ZZ202": False}


def selected(**kwargs: list[str] | None) -> list[str]:
    selector = Selector(**kwargs)  # type: ignore[arg-type]
    return sorted(code for code, on in CODES.items() if selector.is_selected(code, on))


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["ZZ101", "ZZ102", "ZZ201"]),  # the rules on by default
        ({"select": ["ALL"]}, ["ZZ101", "ZZ102", "ZZ110", "ZZ201", "ZZ202"]),
        ({"select": ["ZZ1"]}, ["ZZ101", "ZZ102", "ZZ110"]),
        ({"select": []}, []),
        ({"ignore": ["ZZ1"]}, ["ZZ201"]),
        ({"ignore": ["ALL"]}, []),
        ({"select": ["ZZ1"], "ignore": ["ZZ10"]}, ["ZZ110"]),
        ({"select": ["ZZ101"], "ignore": ["ZZ10"]}, ["ZZ101"]),  # the longer select wins
        ({"select": ["ZZ1"], "ignore": ["ZZ1"]}, []),  # equally long: ignore wins
        ({"select": ["ALL"], "ignore": ["ZZ2"]}, ["ZZ101", "ZZ102", "ZZ110"]),
        ({"extend_select": ["ZZ110"]}, ["ZZ101", "ZZ102", "ZZ110", "ZZ201"]),  # a default-off rule
        ({"extend_select": ["ZZ2"]}, ["ZZ101", "ZZ102", "ZZ201", "ZZ202"]),
        ({"ignore": ["ALL"], "extend_select": ["ZZ202"]}, ["ZZ202"]),
        ({"extend_ignore": ["ZZ102"]}, ["ZZ101", "ZZ201"]),
        ({"select": ["ZZ2"], "extend_select": ["ZZ101"]}, ["ZZ101", "ZZ201", "ZZ202"]),
    ],
)
def test_selection(kwargs: dict[str, list[str]], expected: list[str]) -> None:
    assert selected(**kwargs) == expected


def test_decision_enum() -> None:
    assert Selector(select=["ZZ1"]).decide("ZZ101") is Decision.SELECTED
    assert Selector(select=["ZZ1"]).decide("ZZ201") is Decision.IGNORED


def rules_linter(**config: object) -> Linter:
    rules = [pattern_rule(code, "FLAG", enabled_by_default=on) for code, on in CODES.items()]
    return Linter(Config(**config), plugins=[("sel", RulesPlugin(*rules))], entry_points=False)  # type: ignore[arg-type]


def test_linter_applies_selection() -> None:
    linter = rules_linter(select=["ZZ"], ignore=["ZZ10"], extend_select=["ZZ102"])
    assert sorted(r.code for r, _ in linter.rules) == ["ZZ102", "ZZ110", "ZZ201", "ZZ202"]
    assert sorted(f.code for f in linter.lint_text("Hi,\n\nFLAG\n").findings) == [
        "ZZ102",
        "ZZ110",
        "ZZ201",
        "ZZ202",
    ]


@pytest.mark.parametrize(
    ("config", "source", "item"),
    [
        ({"select": ["ZZ9"]}, "select", "ZZ9"),
        ({"ignore": ["ZZ301"]}, "ignore", "ZZ301"),
        ({"extend_select": ["QQ"]}, "extend-select", "QQ"),
        ({"extend_ignore": ["ZZ1", "ZZ7"]}, "extend-ignore", "ZZ7"),
        ({"per_file_ignores": {"*.txt": ["ZZ8"]}}, "per-file-ignores", "ZZ8"),
        ({"severity": {"ZZ5": "error"}}, "severity", "ZZ5"),
    ],
)
def test_unknown_codes_name_their_source(config: dict[str, object], source: str, item: str) -> None:
    with pytest.raises(UnknownRuleError) as info:
        rules_linter(**config)
    assert str(info.value) == (
        f"{source}: {item!r} matches no rule; expected the code or prefix of a registered rule"
    )


@pytest.mark.parametrize("item", ["zz101", "ZZ-101", "ZZ1010", "all", ""])
def test_malformed_codes_are_rejected(item: str) -> None:
    with pytest.raises(
        UnknownRuleError, match=r"select: .* is not a rule code or prefix \(expected e\.g\. OL101"
    ):
        rules_linter(select=[item])


def test_severity_override_by_longest_prefix() -> None:
    linter = rules_linter(select=["ZZ1"], severity={"ALL": "info", "ZZ1": "error", "ZZ102": "warning"})
    assert {f.code: f.severity.value for f in linter.lint_text("Hi,\n\nFLAG\n").findings} == {
        "ZZ101": "error",
        "ZZ102": "warning",
        "ZZ110": "error",
    }


def test_per_file_ignores() -> None:
    linter = rules_linter(select=["ZZ1"], per_file_ignores={"drafts/*.txt": ["ZZ10"]})
    assert [f.code for f in linter.lint_text("Hi,\n\nFLAG\n", path="drafts/a.txt").findings] == ["ZZ110"]
    assert len(linter.lint_text("Hi,\n\nFLAG\n", path="final/a.txt").findings) == 3
