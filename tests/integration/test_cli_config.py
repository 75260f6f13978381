"""Configuration files through the real command: discovery, precedence, errors, rule packs."""

from __future__ import annotations

from pathlib import Path

PACK = """
[[rule]]
code = "PCK101"
name = "synergy-talk"
category = "testing"
summary = "Flags synergy."
message = "Synergy found."
phrases = ["synergy"]
examples = ["Hi, synergy."]
passing = ["Hi, plans."]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(stdout: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in stdout.splitlines() if ": " in line]


def test_pyproject_discovered_from_linted_path(lint, tmp_path: Path) -> None:
    write(tmp_path / "proj" / "pyproject.toml", '[tool.outreach-lint]\nextend-ignore = ["TST102"]\n')
    f = write(tmp_path / "proj" / "mail" / "deep" / "a.txt", "BADWORD meh\n")
    assert codes(lint(f, cwd=tmp_path).stdout) == ["TST101"]
    assert codes(lint(f, "--isolated", cwd=tmp_path).stdout) == ["TST101", "TST102"]


def test_closest_config_wins_and_dotfile(lint, tmp_path: Path) -> None:
    write(tmp_path / "outreach-lint.toml", 'extend-ignore = ["TST102"]\n')
    write(tmp_path / "sub" / ".outreach-lint.toml", 'extend-ignore = ["TST101"]\n')
    f = write(tmp_path / "sub" / "a.txt", "BADWORD meh\n")
    assert codes(lint(f).stdout) == ["TST102"]


def test_explicit_config(lint, tmp_path: Path) -> None:
    cfg = write(tmp_path / "elsewhere" / "lint.toml", 'fail-on = "error"\n')
    f = write(tmp_path / "a.txt", "BADWORD\n")
    assert lint(f).returncode == 1
    assert lint(f, "--config", cfg).returncode == 0
    missing = lint(f, "--config", tmp_path / "nope.toml")
    assert missing.returncode == 2 and "nope.toml" in missing.stderr


def test_command_line_overrides_file(lint, tmp_path: Path) -> None:
    write(tmp_path / "outreach-lint.toml", 'fail-on = "error"\nmax-bad-words = 5\n')
    f = write(tmp_path / "a.txt", "BADWORD BADWORD\n")
    assert lint(f).stdout == ""  # the file's threshold
    proc = lint(f, "--max-bad-words", "1", "--fail-on", "warning")
    assert proc.returncode == 1 and codes(proc.stdout) == ["TST101", "TST101"]


def test_rule_options_table_and_top_level(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "BADWORD BADWORD\n")
    write(tmp_path / "outreach-lint.toml", "[options]\nmax-bad-words = 2\n")
    assert lint(f).stdout == ""
    write(tmp_path / "outreach-lint.toml", "max-bad-words = 1\n")
    assert codes(lint(f).stdout) == ["TST101", "TST101"]


def test_config_errors_exit_2_naming_file_and_key(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "BADWORD\n")
    cfg = tmp_path / "outreach-lint.toml"
    for text, parts in [
        ("colour = 'red'\n", ["unknown key 'colour'", "fail-on", "max-bad-words"]),
        ("fail-on = 'loud'\n", ["'fail-on'", "loud"]),
        ("max-bad-words = 'x'\n", ["'max-bad-words'", "integer"]),
        ("select = ['NOPE1']\n", ["NOPE1"]),
        ("select = [\n\nfail-on = 1\n", ["invalid TOML", "line 3"]),
    ]:
        write(cfg, text)
        proc = lint(f, select=None)
        assert proc.returncode == 2, text
        assert proc.stderr.count("\n") == 1, proc.stderr
        for part in parts:
            assert part in proc.stderr, (text, proc.stderr)
        if "NOPE" not in text:
            assert str(cfg) in proc.stderr


def test_rule_pack_relative_to_config_file(lint, tmp_path: Path) -> None:
    write(tmp_path / "proj" / "packs" / "acme.toml", PACK)
    write(tmp_path / "proj" / "pyproject.toml", '[tool.outreach-lint]\nrule-packs = ["packs/acme.toml"]\n')
    f = write(tmp_path / "proj" / "mail" / "a.txt", "Hi,\n\nLet's find synergy.\n")
    other = tmp_path / "elsewhere"
    other.mkdir()
    proc = lint(f, select="PCK", cwd=other)
    assert proc.returncode == 1, proc.stderr
    assert codes(proc.stdout) == ["PCK101"]


def test_rule_pack_flag_relative_to_cwd(lint, tmp_path: Path) -> None:
    write(tmp_path / "acme.toml", PACK)
    f = write(tmp_path / "mail" / "a.txt", "Hi,\n\nLet's find synergy.\n")
    proc = lint(f, "--rule-pack", "acme.toml", select="PCK", cwd=tmp_path)
    assert codes(proc.stdout) == ["PCK101"]
    listed = lint("--list-rules", "--rule-pack", "acme.toml", select=None, cwd=tmp_path).stdout
    assert "PCK101" in listed and "synergy-talk" in listed


def test_disable_plugins_and_per_file_ignores_in_config(lint, tmp_path: Path) -> None:
    write(
        tmp_path / "outreach-lint.toml",
        '[per-file-ignores]\n"drafts/*" = ["TST1"]\n',
    )
    draft = write(tmp_path / "drafts" / "a.txt", "BADWORD\n")
    final = write(tmp_path / "final" / "a.txt", "BADWORD\n")
    proc = lint(tmp_path / "drafts", tmp_path / "final", cwd=tmp_path)
    assert str(draft) not in proc.stdout and str(final) in proc.stdout
    write(tmp_path / "outreach-lint.toml", 'disable-plugins = ["testplug"]\n')
    proc = lint(final, select=None, cwd=tmp_path)
    assert "TST" not in proc.stdout and proc.returncode == 0


def test_report_unused_suppressions_from_config(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "<!-- outreach-lint: disable=TST102 -->\nBADWORD\n")
    # built-in rule modules are blocked by the fixture: no select runs TST rules and meta only
    assert codes(lint(f, select=None).stdout) == ["TST101"]
    write(tmp_path / "outreach-lint.toml", "report-unused-suppressions = true\n")
    assert codes(lint(f, select=None).stdout) == ["OL901", "TST101"]
    assert codes(lint(f, "--no-report-unused-suppressions", select=None).stdout) == ["TST101"]
    assert codes(lint(f, "--extend-ignore", "OL901", select=None).stdout) == ["TST101"]
