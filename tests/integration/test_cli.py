"""The real ``outreach-lint`` command in a subprocess: paths, selection, exit codes, plugins."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<msg>.+)$")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(stdout: str) -> list[str]:
    return [m.group("code") for m in map(LINE.match, stdout.splitlines()) if m]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "emails"
    write(root / "b.txt", "Hi Dana,\n\nThis is BADWORD and meh.\n")
    write(root / "a.txt", "Hi Sam,\n\nAWFUL news first.\nThen BADWORD.\n")
    write(root / "clean.md", "Hi Lee,\n\nHow is the Leeds rollout going?\n")
    write(root / "notes.py", "BADWORD = 1\n")  # not an email file type
    write(root / "node_modules" / "x.txt", "BADWORD\n")  # excluded by default
    return root


def test_default_output_is_sorted_flake8_lines(lint, tree: Path) -> None:
    proc = lint(tree, cwd=tree.parent)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    keys = [(m.group("path"), int(m.group("line")), int(m.group("col"))) for m in parsed if m]
    assert keys == sorted(keys)
    assert {Path(k[0]).name for k in keys} == {"a.txt", "b.txt"}
    assert "emails/a.txt:3:1: TST103 AWFUL found." in proc.stdout.replace("\\", "/")
    assert "emails/b.txt:3:9: TST101 BADWORD found." in proc.stdout.replace("\\", "/")
    assert "node_modules" not in proc.stdout and "notes.py" not in proc.stdout


def test_clean_input_exits_zero(lint, tree: Path) -> None:
    proc = lint(tree / "clean.md")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_named_file_is_linted_even_if_not_included(lint, tree: Path) -> None:
    assert codes(lint(tree / "notes.py").stdout) == ["TST101"]


def test_extend_exclude_and_exclude(lint, tree: Path) -> None:
    out = lint(tree, "--extend-exclude", "a.txt").stdout
    assert "a.txt" not in out and "b.txt" in out
    out = lint(tree, "--exclude", "b.txt").stdout  # replaces the defaults: node_modules is linted now
    assert "b.txt" not in out and "node_modules" in out


def test_include_replaces_default_globs(lint, tree: Path) -> None:
    out = lint(tree, "--include", "*.py").stdout
    assert codes(out) == ["TST101"] and "notes.py" in out


def test_select_ignore_extend(lint, tree: Path) -> None:
    f = tree / "b.txt"
    assert sorted(codes(lint(f).stdout)) == ["TST101", "TST102"]
    assert codes(lint(f, "--ignore", "TST102").stdout) == ["TST101"]
    assert codes(lint(f, select="TST102").stdout) == ["TST102"]
    assert codes(lint(f, "--extend-ignore", "TST1").stdout) == []
    # longest prefix wins: ignore TST1 but select TST101 exactly
    assert codes(lint(f, "--ignore", "TST1", select="TST101").stdout) == ["TST101"]
    assert codes(lint(f, "--extend-select", "TST102", select="TST101").stdout) == ["TST101", "TST102"]


def test_select_all_includes_off_by_default_rule(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "c.txt", "Hi,\n\nCRASH now.\n")
    proc = lint(f, "--extend-ignore", "OL", select=None)
    assert "TST104" not in proc.stderr  # off by default
    proc = lint(f, select="ALL")
    assert proc.returncode == 2
    assert "TST104" in proc.stderr and "testplug" in proc.stderr and "c.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_code_is_usage_error(lint, tree: Path) -> None:
    proc = lint(tree, select="XYZ999")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "XYZ999" in proc.stderr


def test_per_file_ignores(lint, tree: Path) -> None:
    out = lint(tree, "--per-file-ignores", "b.txt:TST101 a.txt:TST103,TST101").stdout
    assert sorted(codes(out)) == ["TST102"]


@pytest.mark.parametrize(
    ("fail_on", "text", "expected"),
    [
        ("warning", "meh only\n", 0),
        ("info", "meh only\n", 1),
        ("warning", "BADWORD\n", 1),
        ("error", "BADWORD\n", 0),
        ("error", "AWFUL\n", 1),
    ],
)
def test_fail_on(lint, tmp_path: Path, fail_on: str, text: str, expected: int) -> None:
    f = write(tmp_path / "e.txt", text)
    proc = lint(f, "--fail-on", fail_on)
    assert proc.returncode == expected, proc.stderr
    assert proc.stdout  # findings are shown whatever the fail level


def test_exit_zero(lint, tree: Path) -> None:
    proc = lint(tree, "--exit-zero")
    assert proc.returncode == 0 and codes(proc.stdout)


def test_severity_override(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "e.txt", "meh\n")
    assert lint(f, "--severity", "TST102=error", "--fail-on", "error").returncode == 1


def test_output_file(lint, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.txt"
    out.parent.mkdir()
    proc = lint(tree, "--output-file", out)
    assert proc.returncode == 1 and proc.stdout == ""
    assert codes(out.read_text(encoding="utf-8"))


def test_show_source_statistics_count(lint, tree: Path) -> None:
    proc = lint(tree / "b.txt", "--show-source", "--statistics", "--count")
    lines = proc.stdout.splitlines()
    i = lines.index(next(x for x in lines if "TST101" in x))
    assert lines[i + 1] == "This is BADWORD and meh."
    assert lines[i + 2] == "        ^^^^^^^"
    assert "1     TST101 BADWORD found." in lines
    assert "1     TST102 meh found." in lines
    assert lines[-1] == "2"


def test_stdin(lint_stdin) -> None:
    proc = lint_stdin("Hi,\n\nBADWORD\n", "-")
    assert proc.returncode == 1
    assert proc.stdout.startswith("stdin:3:1: TST101")
    proc = lint_stdin(
        "Hi,\n\nBADWORD\n", "-", "--stdin-filename", "mail/x.txt", "--per-file-ignores", "*.txt:TST1"
    )
    assert proc.returncode == 0 and proc.stdout == ""
    proc = lint_stdin("Hi,\n\nBADWORD\n", "-", "--stdin-filename", "mail/x.txt")
    assert proc.stdout.startswith("mail/x.txt:3:1: TST101")


def test_unreadable_file_is_reported_and_others_linted(lint, tree: Path, tmp_path: Path) -> None:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01BADWORD")
    proc = lint(tree / "b.txt", tmp_path / "missing.txt", binary)
    assert proc.returncode == 2
    assert codes(proc.stdout) == ["TST101", "TST102"]
    errors = proc.stderr.splitlines()
    assert len(errors) == 2
    assert "missing.txt" in errors[0] and "bin.txt" in errors[1]
    assert "Traceback" not in proc.stderr


def test_rule_option_flag(lint, tmp_path: Path) -> None:
    f = write(tmp_path / "e.txt", "BADWORD BADWORD\n")
    assert codes(lint(f).stdout) == ["TST101", "TST101"]
    assert lint(f, "--max-bad-words", "2").returncode == 0
    proc = lint(f, "--max-bad-words", "lots")
    assert proc.returncode == 2 and "max-bad-words" in proc.stderr
    assert "--max-bad-words" in lint("--help").stdout


def test_rule_option_flag_needs_the_plugin(cli, tmp_path: Path) -> None:
    proc = cli("--isolated", "--max-bad-words", "2", tmp_path)
    assert proc.returncode == 2 and "--max-bad-words" in proc.stderr


def test_explain_and_rule_subcommand(lint) -> None:
    proc = lint("rule", "TST101", select=None)
    assert proc.returncode == 0
    assert proc.stdout.startswith("# TST101 bad-word")
    for section in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "max-bad-words",
    ):
        assert section in proc.stdout
    assert lint("--explain", "tst101", select=None).stdout == proc.stdout
    data = json.loads(lint("rule", "TST101", "--format", "json", select=None).stdout)
    assert data["code"] == "TST101" and data["options"][0]["name"] == "max-bad-words"
    bad = lint("rule", "TST999", select=None)
    assert bad.returncode == 2 and "TST999" in bad.stderr


def test_rule_ol901_documented(cli) -> None:
    proc = cli("rule", "OL901")
    assert proc.returncode == 0 and "unused-suppression" in proc.stdout


def test_list_rules(lint) -> None:
    proc = lint("--list-rules", select=None)
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()[1:]}
    assert rows["TST101"][:5] == ["TST101", "bad-word", "testing", "warning", "on"]
    assert rows["TST104"][:5] == ["TST104", "crash-word", "testing", "warning", "off"]
    assert rows["OL901"][:5] == ["OL901", "unused-suppression", "internal", "warning", "off"]
    data = json.loads(lint("--list-rules", "--format", "json", select=None).stdout)
    by_code = {r["code"]: r for r in data}
    assert by_code["TST103"]["default_severity"] == "error"
    assert by_code["TST101"]["plugin"] == "testplug"
    assert [r["code"] for r in data] == sorted(by_code)


def test_version_names_plugins(cli, fake_distribution, tmp_path: Path) -> None:
    site = fake_distribution(
        tmp_path / "site", "acme-outreach", {"acme_rules.py": ""}, {"acme": "acme_rules"}, "1.2.3"
    )
    proc = cli("--version", pythonpath=[site])
    assert proc.returncode == 0
    assert re.match(r"^outreach-lint \d+\.\d+\.\d+ \(acme-outreach: 1\.2\.3\) ", proc.stdout)


def test_broken_plugin(lint, cli, fake_distribution, tmp_path: Path) -> None:
    site = fake_distribution(
        tmp_path / "site",
        "broken-outreach",
        {"broken_rules.py": "raise ImportError('nope')\n"},
        {"broken": "broken_rules"},
    )
    assert cli("--version", pythonpath=[site]).returncode == 0
    f = write(tmp_path / "e.txt", "Hi,\n\nHow is it going?\n")
    proc = lint("--isolated", f, pythonpath=[site])
    assert proc.returncode == 2
    assert "broken" in proc.stderr and "nope" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    # blocking the plugin makes the run clean again
    for flags in (["-p", "no:broken"], ["--disable-plugin", "broken"]):
        proc = lint("--isolated", *flags, f, pythonpath=[site])
        assert (proc.returncode, proc.stderr) == (0, "")


def test_disable_builtin_plugin(lint, tmp_path: Path) -> None:
    listed = lint("--list-rules", "-p", "no:outreach_lint.rules.meta", select=None).stdout
    assert "OL901" not in listed and "TST101" in listed
    listed = lint("--list-rules", "--disable-plugin", "testplug", select=None).stdout
    assert "TST101" not in listed


def test_usage_errors_are_one_line(lint, tmp_path: Path) -> None:
    for args in (["--bogus"], ["--format", "nope", str(tmp_path)], ["--fail-on", "loud"], ["--jobs", "x"]):
        proc = lint(*args)
        assert proc.returncode == 2, args
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("outreach-lint: "), proc.stderr
        assert proc.stdout == ""


def test_jobs_gives_identical_output(lint, tmp_path: Path) -> None:
    root = tmp_path / "many"
    for i in range(30):
        write(
            root / f"d{i % 3}" / f"m{i:02d}.txt", "Hi,\n\n" + "BADWORD meh\n" * (i % 4) + "AWFUL\n" * (i % 2)
        )
    write(root / "bad.txt", "").write_bytes(b"\x00")
    serial = lint(root, "--format", "json")
    for jobs in ("3", "auto"):
        parallel = lint(root, "--format", "json", "--jobs", jobs)
        assert parallel.returncode == serial.returncode == 2
        assert parallel.stdout == serial.stdout
        assert parallel.stderr == serial.stderr
    assert len(json.loads(serial.stdout)) > 30


def test_python_dash_m_and_console_script_agree(lint, tree: Path) -> None:
    import shutil
    import subprocess
    import sys

    script = Path(sys.executable).parent / "outreach-lint"
    if not script.exists() and shutil.which("outreach-lint") is None:
        pytest.skip("console script not installed")
    exe = str(script) if script.exists() else "outreach-lint"
    proc = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=120)
    assert proc.stdout == lint("--version", select=None).stdout.replace("(testplug) ", "").replace(
        " (testplug)", ""
    )


def test_internal_error_is_one_line_and_traceback_only_verbose(lint, plugin_dir: Path, tree: Path) -> None:
    (plugin_dir / "crashfmt.py").write_text(
        "from outreach_lint import Formatter, hookimpl\n"
        "class Crash(Formatter):\n"
        "    name = 'crash'\n"
        "    def start(self):\n"
        "        raise ZeroDivisionError('formatter bug')\n"
        "@hookimpl\n"
        "def outreach_lint_register_formatters():\n"
        "    return [Crash]\n",
        encoding="utf-8",
    )
    proc = lint(tree, "-p", "crashfmt", "--format", "crash")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "ZeroDivisionError: formatter bug" in proc.stderr
    assert "Traceback" not in proc.stderr
    verbose = lint(tree, "-p", "crashfmt", "--format", "crash", "-v")
    assert verbose.returncode == 2 and "Traceback" in verbose.stderr


def test_missing_plugin_module_is_usage_error(lint, tree: Path) -> None:
    proc = lint(tree, "-p", "no_such_plugin_module")
    assert proc.returncode == 2 and "no_such_plugin_module" in proc.stderr and proc.stderr.count("\n") == 1
