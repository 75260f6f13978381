"""One exception tree rooted in OutreachLintError; each message names the culprit and says
what was expected and what was found."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import make_linter, pattern_rule

import outreach_lint
from outreach_lint import (
    ConfigError,
    DuplicateCodeError,
    InputError,
    OutreachLintError,
    PluginError,
    RuleError,
    RuleOption,
    RulePackError,
    UnknownRuleError,
)
from outreach_lint._io import decode, read_text

ERRORS = [
    ConfigError,
    DuplicateCodeError,
    InputError,
    PluginError,
    RuleError,
    RulePackError,
    UnknownRuleError,
]


@pytest.mark.parametrize("cls", ERRORS)
def test_every_error_derives_from_the_base(cls: type[Exception]) -> None:
    assert issubclass(cls, OutreachLintError)
    assert cls.__name__ in outreach_lint.__all__


def test_every_public_exception_is_in_the_tree() -> None:
    exported = [getattr(outreach_lint, n) for n in outreach_lint.__all__]
    errors = {e for e in exported if isinstance(e, type) and issubclass(e, BaseException)}
    assert errors == {OutreachLintError, *ERRORS}


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            ConfigError("unknown key 'fail_onn'; expected one of: fail-on", source="pyproject.toml"),
            "pyproject.toml: unknown key 'fail_onn'; expected one of: fail-on",
        ),
        (
            PluginError("failed to load: ImportError: x", plugin="acme"),
            "plugin 'acme': failed to load: ImportError: x",
        ),
        (
            DuplicateCodeError("ACME101", plugin="b", other="a"),
            "rule code ACME101 is registered by both 'b' and 'a'",
        ),
        (
            RulePackError("rule ZZ201: message: Field required", pack="team.toml"),
            "rule pack team.toml: rule ZZ201: message: Field required",
        ),
        (InputError("no such file or directory", path="mail.txt"), "mail.txt: no such file or directory"),
        (
            RuleError(
                "ValueError: x", code="OL101", plugin="outreach_lint.rules.seller_centric", path="a.txt"
            ),
            "rule OL101 (outreach_lint.rules.seller_centric) failed on a.txt: ValueError: x",
        ),
        (UnknownRuleError("select: 'OL999' matches no rule"), "select: 'OL999' matches no rule"),
    ],
)
def test_messages(error: OutreachLintError, message: str) -> None:
    assert str(error) == message
    assert error.message in message


def test_attributes_name_the_culprit() -> None:
    assert PluginError("m", plugin="acme").plugin == "acme"
    dup = DuplicateCodeError("ZZ101", plugin="b", other="a")
    assert (dup.code, dup.plugin, dup.other) == ("ZZ101", "b", "a")
    assert isinstance(dup, PluginError)
    assert RulePackError("m", pack="p.toml").pack == "p.toml"
    assert InputError("m", path="x").path == "x"
    err = RuleError("m", code="ZZ101", plugin="p", path="x")
    assert (err.code, err.plugin, err.path) == ("ZZ101", "p", "x")


def test_input_errors_from_reading(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file or directory"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match=r"is a directory"):
        read_text(tmp_path)
    with pytest.raises(InputError, match=r"bin\.dat: binary file \(contains NUL bytes\), not an email"):
        decode(b"\x00\x01\x02", "bin.dat")


def test_a_missing_file_is_a_report_not_an_exception(tmp_path: Path) -> None:
    report = make_linter(pattern_rule("ZZ101", "FLAG")).lint_file(tmp_path / "gone.txt")
    (err,) = report.errors
    assert err.kind == "read"
    assert err.message == f"{tmp_path / 'gone.txt'}: no such file or directory"


def test_unknown_rule_option_is_a_config_error() -> None:
    rule = pattern_rule("ZZ101", "FLAG", options=(RuleOption(name="max-flags", default=1, help="h"),))
    with pytest.raises(ConfigError) as info:
        make_linter(rule, options={"max-flagz": 5})
    message = str(info.value)
    assert message.startswith("options: unknown rule option 'max-flagz'; allowed: ")
    assert "max-flags" in message.split("allowed: ")[1].split(", ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("many", "expected int, got 'many'"), (True, "expected int, got True"), (2.5, "expected int, got 2.5")],
)
def test_wrong_option_value_is_a_config_error(value: object, expected: str) -> None:
    rule = pattern_rule("ZZ101", "FLAG", options=(RuleOption(name="max-words", default=150, help="h"),))
    with pytest.raises(ConfigError) as info:
        make_linter(rule, options={"max-words": value})
    assert str(info.value) == f"options: option 'max-words' of rule ZZ101: {expected}"


@pytest.mark.parametrize(("value", "result"), [("200", 200), (200.0, 200), (90, 90)])
def test_option_values_are_coerced(value: object, result: int) -> None:
    rule = pattern_rule("ZZ101", "FLAG", options=(RuleOption(name="max-words", default=150, help="h"),))
    ((configured, _),) = make_linter(rule, options={"max-words": value}).rules
    assert configured.opt("max-words") == result
    assert rule.opt("max-words") == 150  # the registered rule is not changed


def test_errors_keep_their_cause(tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        make_linter(pattern_rule("ZZ101", "FLAG"), rule_packs=[str(pack)])
    assert info.value.__cause__ is not None
    assert type(info.value.__cause__).__name__ == "TOMLDecodeError"
