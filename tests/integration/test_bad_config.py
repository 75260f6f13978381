"""Bad configuration: one message naming the file, the key and what is allowed; exit 2; no traceback.

Each bad configuration is tried through the command (``python -m outreach_lint --config
bad.toml``, and discovered as ``.outreach-lint.toml`` or ``pyproject.toml``) and, where the
library has the same knob, through ``Linter(Config(...))`` and ``load_pack``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from outreach_lint import Config, Linter, OutreachLintError, RulePackError
from outreach_lint._packs import load_pack

EMAIL = "Hi Dana,\n\nHow is the Leeds rollout going?\n"

GOOD_PACK = """
[[rule]]
code = "ACM101"
name = "discount-talk"
category = "scripted-pitch"
summary = "Flags discount language."
message = "The email leads with a discount."
phrases = ["limited time offer"]
"""

# name -> (config text, words the message must contain besides the file name)
BAD_CONFIGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "unknown-key": ('slect = ["OL1"]\n', ("slect", "select")),
    "unknown-key-typo-kebab": ("fail_on = 'error'\n", ("fail_on", "fail-on")),
    "wrong-type-list": ("exclude = 5\n", ("exclude", "list")),
    "wrong-type-bool": ("lint-quoted = 'sometimes'\n", ("lint-quoted", "bool")),
    "bad-enum": ("fail-on = 'critical'\n", ("fail-on", "critical", "warning")),
    "bad-severity-value": ("[severity]\nOL1 = 'fatal'\n", ("severity", "fatal", "warning")),
    "bad-code-in-select": ('select = ["XX1234"]\n', ("select", "XX1234", "OL101")),
    "unknown-code-in-select": ('select = ["ZZZ999"]\n', ("select", "ZZZ999")),
    "bad-code-in-ignore": ('ignore = ["not a code"]\n', ("ignore", "not a code")),
    "bad-code-in-per-file-ignores": ('[per-file-ignores]\n"*.txt" = ["X_1"]\n', ("per-file-ignores", "X_1")),
    "unknown-rule-option": ("[options]\nno-such-option = 3\n", ("no-such-option",)),
    "missing-rule-pack": ('rule-packs = ["packs/missing.toml"]\n', ("missing.toml", "not found")),
    "invalid-toml": ('select = ["OL1"\n', ("invalid TOML",)),
    "not-utf8": ("select = ['OL1'] # caf\xe9\n", ("UTF-8",)),
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if "\xe9" in text:
        path.write_bytes(text.encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_one_clear_message(proc, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    err = proc.stderr.strip()
    assert err, "exit 2 without a message"
    assert len(err.splitlines()) <= 3, f"expected a short message, got:\n{err}"
    for needle in needles:
        assert needle.lower() in err.lower(), f"{needle!r} missing from: {err}"
    return err


@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_bad_config_file_given_with_dash_dash_config(cli, tmp_path: Path, name: str) -> None:
    text, needles = BAD_CONFIGS[name]
    write(tmp_path / "bad.toml", text)
    write(tmp_path / "email.txt", EMAIL)
    proc = cli("--config", "bad.toml", "email.txt", cwd=tmp_path)
    assert_one_clear_message(proc, "bad.toml", *needles)


@pytest.mark.parametrize("name", ["unknown-key", "bad-enum", "bad-code-in-select", "missing-rule-pack"])
def test_bad_config_file_found_by_discovery(cli, tmp_path: Path, name: str) -> None:
    text, needles = BAD_CONFIGS[name]
    write(tmp_path / ".outreach-lint.toml", text)
    write(tmp_path / "emails" / "email.txt", EMAIL)
    proc = cli("emails", cwd=tmp_path)
    assert_one_clear_message(proc, ".outreach-lint.toml", *needles)


@pytest.mark.parametrize("name", ["unknown-key", "wrong-type-list", "bad-code-in-select"])
def test_bad_pyproject_table_names_the_table(cli, tmp_path: Path, name: str) -> None:
    text, needles = BAD_CONFIGS[name]
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.outreach-lint]\n" + text)
    write(tmp_path / "email.txt", EMAIL)
    proc = cli("email.txt", cwd=tmp_path)
    assert_one_clear_message(proc, "pyproject.toml", "tool.outreach-lint", *needles)


def test_a_missing_config_file(cli, tmp_path: Path) -> None:
    write(tmp_path / "email.txt", EMAIL)
    assert_one_clear_message(cli("--config", "nope.toml", "email.txt", cwd=tmp_path), "nope.toml")


@pytest.mark.parametrize(
    "args",
    [("--select", "XX1234"), ("--ignore", "ZZZ999"), ("--fail-on", "critical"), ("--no-such-flag",)],
    ids=["select", "ignore", "fail-on", "unknown-flag"],
)
def test_bad_command_line_options(cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    write(tmp_path / "email.txt", EMAIL)
    assert_one_clear_message(cli(*args, "email.txt", cwd=tmp_path), args[-1].lstrip("-"))


# -- rule packs ----------------------------------------------------------------------------

BAD_PACKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "invalid-toml": ("[[rule]\ncode = 1\n", ("invalid TOML",)),
    "bad-code": (GOOD_PACK.replace("ACM101", "acm-1"), ("code", "acm-1")),
    "unknown-key": (GOOD_PACK + 'colour = "red"\n', ("ACM101", "colour")),
    "bad-category": (GOOD_PACK.replace("scripted-pitch", "Scripted Pitch"), ("ACM101", "category")),
    "bad-scope": (GOOD_PACK + 'scope = "footer"\n', ("ACM101", "scope", "body")),
    "no-phrases-or-patterns": (GOOD_PACK.replace('phrases = ["limited time offer"]', ""), ("ACM101", "phrases")),
    "invalid-regex": (GOOD_PACK + "patterns = ['(unclosed']\n", ("ACM101", "pattern")),
    "duplicate-builtin-prefix": (GOOD_PACK.replace("ACM101", "OL101"), ("OL101",)),
}


@pytest.mark.parametrize("name", sorted(BAD_PACKS))
def test_bad_rule_pack_through_the_command(cli, tmp_path: Path, name: str) -> None:
    text, needles = BAD_PACKS[name]
    write(tmp_path / "packs" / "acme.toml", text)
    write(tmp_path / "cfg.toml", 'rule-packs = ["packs/acme.toml"]\n')
    write(tmp_path / "email.txt", EMAIL)
    proc = cli("--config", "cfg.toml", "email.txt", cwd=tmp_path)
    assert_one_clear_message(proc, "acme.toml", *needles)


@pytest.mark.parametrize("name", sorted(set(BAD_PACKS) - {"duplicate-builtin-prefix"}))
def test_bad_rule_pack_through_load_pack(tmp_path: Path, name: str) -> None:
    text, needles = BAD_PACKS[name]
    path = write(tmp_path / "acme.toml", text)
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    message = str(info.value)
    assert "acme.toml" in message and "\n" not in message.strip()
    for needle in needles:
        assert needle.lower() in message.lower(), message


def test_missing_rule_pack_through_the_library(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match=r"missing\.toml.*not found"):
        Linter(Config(rule_packs=["missing.toml"]), config_dir=tmp_path)


def test_a_good_pack_works_so_the_bad_ones_fail_for_their_reason(cli, tmp_path: Path) -> None:
    write(tmp_path / "packs" / "acme.toml", GOOD_PACK)
    write(tmp_path / "cfg.toml", 'rule-packs = ["packs/acme.toml"]\nselect = ["ACM"]\n')
    write(tmp_path / "email.txt", "Hi Dana,\n\nHere is a limited time offer.\n")
    proc = cli("--config", "cfg.toml", "email.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "ACM101" in proc.stdout


# -- the library ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "needles"),
    [
        ({"slect": ["OL1"]}, ("slect",)),
        ({"fail_on": "critical"}, ("fail_on", "warning")),
        ({"exclude": 5}, ("exclude", "list")),
        ({"severity": {"OL1": "fatal"}}, ("severity", "fatal")),
    ],
)
def test_config_model_rejects_bad_values_naming_the_field(kwargs: dict[str, object], needles: tuple[str, ...]):
    with pytest.raises(ValidationError) as info:
        Config(**kwargs)  # type: ignore[arg-type]
    for needle in needles:
        assert needle in str(info.value)


@pytest.mark.parametrize(
    ("config", "needles"),
    [
        (Config(select=["XX1234"]), ("XX1234", "select")),
        (Config(ignore=["ZZZ999"]), ("ZZZ999",)),
        (Config(per_file_ignores={"*.txt": ["X_1"]}), ("X_1", "per-file-ignores")),
        (Config(severity={"QQQ1": "error"}), ("QQQ1", "severity")),  # type: ignore[dict-item]
        (Config(options={"no-such-option": 3}), ("no-such-option", "allowed")),
    ],
)
def test_linter_rejects_unknown_codes_and_options(config: Config, needles: tuple[str, ...]) -> None:
    with pytest.raises(OutreachLintError) as info:
        Linter(config)
    for needle in needles:
        assert needle in str(info.value)
