"""Every ``--format`` from the real command: structure, positions, escaping, schema validity."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
FIELDS = {
    "path",
    "code",
    "name",
    "category",
    "severity",
    "message",
    "hint",
    "line",
    "column",
    "end_line",
    "end_column",
}


@pytest.fixture
def emails(tmp_path: Path) -> Path:
    root = tmp_path / "emails"
    root.mkdir()
    (root / "a.txt").write_text("Hi,\n\nAWFUL and meh.\n", encoding="utf-8")
    (root / "b, c%.txt").write_text("Hi,\n\nsome BADWORD here\n", encoding="utf-8")
    (root / "clean.txt").write_text("Hi,\n\nall good\n", encoding="utf-8")
    return root


def test_json(lint, emails: Path) -> None:
    proc = lint(emails, "--format", "json", cwd=emails.parent)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [(Path(d["path"]).name, d["code"]) for d in data] == [
        ("a.txt", "TST103"),
        ("a.txt", "TST102"),
        ("b, c%.txt", "TST101"),
    ]
    for item in data:
        assert set(item) >= FIELDS
    bad = data[2]
    assert (bad["line"], bad["column"], bad["end_line"], bad["end_column"]) == (3, 6, 3, 13)
    assert (bad["severity"], bad["category"], bad["name"], bad["hint"]) == (
        "warning",
        "testing",
        "bad-word",
        "Remove it.",
    )


def test_json_empty_and_statistics_go_to_stderr(lint, emails: Path) -> None:
    proc = lint(emails / "clean.txt", "--format", "json", "--statistics", "--count")
    assert json.loads(proc.stdout) == []
    assert proc.stderr.strip() == "0"


def test_json_lines_matches_json(lint, emails: Path) -> None:
    lines = lint(emails, "--format", "json-lines").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(lint(emails, "--format", "json").stdout)


def test_sarif_is_valid_and_complete(lint, emails: Path) -> None:
    proc = lint("emails", "--format", "sarif", cwd=emails.parent)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"TST101", "TST102", "TST103", "OL901"} <= set(rules)
    tst = rules["TST101"]
    assert tst["shortDescription"]["text"] == "Flags BADWORD."
    assert tst["fullDescription"]["text"].startswith("Checks for the word BADWORD")
    assert tst["help"]["markdown"].startswith("# TST101 bad-word") and "## Use instead" in tst["help"]["text"]
    assert tst["defaultConfiguration"]["level"] == "warning" and tst["properties"]["category"] == "testing"
    assert rules["OL901"]["helpUri"].endswith("docs/rules/OL901.md")
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("TST103", "error"),
        ("TST102", "note"),
        ("TST101", "warning"),
    ]
    loc = results[2]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "emails/b%2C%20c%25.txt"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 6,
        "endLine": 3,
        "endColumn": 13,
        "snippet": {"text": "BADWORD"},
    }
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)


def test_sarif_records_unreadable_files(lint, emails: Path, tmp_path: Path) -> None:
    log = json.loads(lint(emails / "a.txt", tmp_path / "missing.txt", "--format", "sarif").stdout)
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "missing.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotations(lint, emails: Path) -> None:
    proc = lint("emails", "--format", "github", cwd=emails.parent)
    lines = proc.stdout.splitlines()
    assert lines[0] == (
        "::error file=emails/a.txt,line=3,col=1,endLine=3,endColumn=6,"
        "title=TST103 awful-word::TST103 AWFUL found."
    )
    assert lines[1].startswith("::notice file=emails/a.txt,line=3,col=11,")
    assert lines[2] == (
        "::warning file=emails/b%2C c%25.txt,line=3,col=6,endLine=3,endColumn=13,"
        "title=TST101 bad-word::TST101 BADWORD found. Remove it."
    )


def test_junit(lint, emails: Path) -> None:
    proc = lint(emails, "--format", "junit", cwd=emails.parent)
    root = ET.fromstring(proc.stdout)
    (suite,) = root.iter("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "3", "0")
    cases = {Path(c.get("name", "")).name: c for c in suite.iter("testcase")}
    assert set(cases) == {"a.txt", "b, c%.txt", "clean.txt"}
    assert [f.get("type") for f in cases["a.txt"].iter("failure")] == ["TST103", "TST102"]
    assert list(cases["clean.txt"]) == []
    assert "BADWORD found." in (cases["b, c%.txt"].find("failure").text or "")  # type: ignore[union-attr]


def test_plugin_formatter(lint, plugin_dir: Path, emails: Path) -> None:
    (plugin_dir / "fmtplug.py").write_text(
        "from outreach_lint import Formatter, hookimpl\n"
        "class Codes(Formatter):\n"
        "    name = 'codes'\n"
        "    def format_finding(self, f):\n"
        "        return f.code\n"
        "@hookimpl\n"
        "def outreach_lint_register_formatters():\n"
        "    return [Codes]\n",
        encoding="utf-8",
    )
    proc = lint(emails, "-p", "fmtplug", "--format", "codes")
    assert proc.stdout.split() == ["TST103", "TST102", "TST101"]


def test_sarif_absolute_paths_under_cwd_become_relative(lint, emails: Path) -> None:
    log = json.loads(lint(emails / "a.txt", "--format", "sarif", cwd=emails.parent).stdout)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "emails/a.txt", "uriBaseId": "%SRCROOT%"}
