"""Declarative TOML rule packs: loading, validation errors that name the file and the rule or key,
phrase matching, scopes, user packs relative to the config folder, and pattern time limits."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from core_helpers import assert_positions

from outreach_lint import Config, Linter, RulePackError, Severity, _packs
from outreach_lint._packs import load_pack, phrase_pattern

RULE = """
[[rule]]
code = "ZZ201"
name = "discount-first"
category = "scripted-pitch"
severity = "error"
summary = "Flags discount language."
message = "The email leads with a discount."
hint = "Lead with the reader's problem."
phrases = ["limited time offer", "don't miss out"]
patterns = ['\\b\\d{1,2}% off\\b']
what = "Checks for discount language."
why = "Discounts before interest read as a mass mailing."
examples = ["Hi Dana,\\n\\nA limited time offer for you."]
passing = ["Hi Dana,\\n\\nHow is the rollout going?"]
"""


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pack_linter(tmp_path: Path, text: str, select: list[str] | None = None) -> Linter:
    path = write(tmp_path, text)
    return Linter(Config(select=select or ["ZZ2"], rule_packs=[str(path)]), entry_points=False)


def test_load_pack(tmp_path: Path) -> None:
    (rule,) = load_pack(write(tmp_path, RULE))
    assert (rule.code, rule.name, rule.category, rule.severity) == (
        "ZZ201",
        "discount-first",
        "scripted-pitch",
        Severity.ERROR,
    )
    info = rule.info("config:pack.toml")
    assert info.what_it_does == "Checks for discount language."
    assert info.why_bad.startswith("Discounts before interest")
    assert [e.text for e in info.example] == ["Hi Dana,\n\nA limited time offer for you."]
    assert [e.text for e in info.use_instead] == ["Hi Dana,\n\nHow is the rollout going?"]


def test_pack_examples_hold(tmp_path: Path) -> None:
    linter = pack_linter(tmp_path, RULE)
    (info,) = linter.rule_infos(all_rules=False)
    for example in info.example:
        assert [f.code for f in linter.lint_text(example.text).findings] == ["ZZ201"]
    for example in info.use_instead:
        assert linter.lint_text(example.text).findings == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Hi Dana,\n\nThis is a limited   time\noffer.\n", "limited   time\noffer"),
        ("Hi Dana,\n\nDon’t miss out, friend.\n", "Don’t miss out"),
        ("Hi Dana,\n\nDON'T MISS OUT.\n", "DON'T MISS OUT"),
        ("Hi Dana,\n\nGet 20% off today.\n", "20% off"),
    ],
)
def test_phrases_match_flexibly(tmp_path: Path, text: str, excerpt: str) -> None:
    (f,) = pack_linter(tmp_path, RULE).lint_text(text).findings
    assert f.excerpt == excerpt
    assert f.severity is Severity.ERROR
    assert_positions(text, f)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana,\n\nOur limited time offering is new.\n",  # whole words only
        "Hi Dana,\n\nWe won't miss out on it.\n",  # another word before the apostrophe
        "Hi Dana,\n\nHow is it going?\n\nBest,\nSam\n\n> A limited time offer.\n",  # quoted text
    ],
)
def test_phrases_do_not_match(tmp_path: Path, text: str) -> None:
    assert pack_linter(tmp_path, RULE).lint_text(text).findings == []


def test_phrase_pattern() -> None:
    source = phrase_pattern("don't  miss")
    assert regex.fullmatch(source, "don’t \n miss")
    assert regex.fullmatch(source, "don't miss")
    assert not regex.search(source, "dont miss")
    assert phrase_pattern("20% off").startswith(r"\b20")


SCOPED = """
[[rule]]
code = "ZZ202"
name = "test-scope"
category = "testing"
summary = "s"
message = "m"
phrases = ["quick question"]
scope = "{scope}"
"""
EMAIL = "Subject: Quick question\n\nHi Dana,\n\nQuick question about hiring.\n\nAnd a quick question later.\n"


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("body", [(5, 1), (7, 7)]),
        ("opening", [(5, 1)]),
        ("subject", [(1, 10)]),
    ],
)
def test_scope(tmp_path: Path, scope: str, expected: list[tuple[int, int]]) -> None:
    findings = pack_linter(tmp_path, SCOPED.format(scope=scope)).lint_text(EMAIL).findings
    assert [(f.line, f.column) for f in findings] == expected
    for f in findings:
        assert f.excerpt.lower() == "quick question"
        assert_positions(EMAIL, f)


def test_user_pack_is_relative_to_the_config_dir(tmp_path: Path) -> None:
    write(tmp_path / "packs", RULE, "team.toml")
    config = Config(select=["ZZ2"], rule_packs=["packs/team.toml"])
    linter = Linter(config, entry_points=False, config_dir=tmp_path)
    assert [(r.code, p) for r, p in linter.rules] == [("ZZ201", "config:team.toml")]
    with pytest.raises(RulePackError, match="file not found"):
        Linter(config, entry_points=False, config_dir=tmp_path / "elsewhere")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RULE.replace('message = "The email leads with a discount."\n', ""),
            "rule ZZ201: message: Field required",
        ),
        (RULE.replace('code = "ZZ201"', 'code = "zz-201"'), "rule zz-201: code: String should match pattern"),
        (RULE.replace("phrases =", "phrasez ="), "rule ZZ201: phrasez: Extra inputs are not permitted"),
        (RULE.replace('severity = "error"', 'severity = "fatal"'), "rule ZZ201: severity: Input should be"),
        (RULE.replace('name = "discount-first"', 'name = "Discount First"'), "rule ZZ201: name:"),
        (RULE + "\n[extra]\nx = 1\n", "extra: Extra inputs are not permitted"),
        (
            RULE.replace("patterns = ['\\b\\d{1,2}% off\\b']", "patterns = ['(unclosed']"),
            "rule ZZ201: invalid pattern",
        ),
        (
            SCOPED.format(scope="body").replace('phrases = ["quick question"]', ""),
            "rule ZZ202 has neither phrases nor patterns",
        ),
        (RULE.replace("[[rule]]", "[[rule]"), "invalid TOML"),
    ],
)
def test_validation_errors_name_the_file_and_the_rule(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text, "broken.toml")
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"rule pack {path}: ")
    assert expected in message
    assert info.value.pack == str(path)


def test_validation_error_says_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, RULE.replace('severity = "error"', 'severity = "fatal"'))
    with pytest.raises(RulePackError, match="got 'fatal'"):
        load_pack(path)


def test_a_runaway_pattern_in_a_user_pack_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_packs, "PATTERN_TIMEOUT", 0.05)
    text = SCOPED.format(scope="body").replace('phrases = ["quick question"]', "patterns = ['(a|aa)+$']")
    report = pack_linter(tmp_path, text).lint_text("Hi,\n\n" + "a" * 60 + "b\n", path="slow.txt")
    assert report.findings == []
    (err,) = report.errors
    assert (err.kind, err.code) == ("timeout", "ZZ202")
    assert "slow.txt" in err.message and "ran out of time" in err.message


def test_linters_share_the_plugin_packs_patterns_but_not_a_users(tmp_path: Path) -> None:
    # One pattern object per plugin pack pattern, whatever the linter's configuration: a second
    # linter runs the objects the shared prefilter scan already knows. A user's pack is its own.
    first, second = Linter(), Linter(Config(), reading_grade=False)
    packs = lambda linter: {r.code: r.pattern for r, plugin in linter.rules if plugin.endswith(".packs")}  # noqa: E731
    assert packs(first) and packs(first).keys() == packs(second).keys()
    assert all(packs(first)[code] is p for code, p in packs(second).items())
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\ncode = "XP101"\nname = "mine"\ncategory = "custom"\n'
        'summary = "s"\nmessage = "m"\nphrases = ["synergy"]\n',
        encoding="utf-8",
    )
    assert load_pack(pack)[0].pattern is not load_pack(pack)[0].pattern
