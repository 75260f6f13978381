"""Sequences: both on-disk shapes, lint_paths, lint_sequence and the OL8xx rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_helpers import assert_points_at, phrase_linter

import outreach_lint
from outreach_lint import Config, Linter
from outreach_lint._sequence import Step, is_sequence_folder, step_number
from outreach_lint._sequence_rule import SequenceRule, split_steps
from outreach_lint.rules.sequence import jaccard, shingles

SEQ = ("ZF101", "OL8")


def seq_linter() -> Linter:
    return phrase_linter(SEQ)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


CHASE = {
    "01-intro.md": "---\nsubject: Quick question\n---\nHi Ana, our platform helps teams plan night shifts.\n",
    "02-bump.md": "---\ndelay: 1\n---\nHi Ana, our platform helps teams plan night shifts. Let me circle back.\n",
    "03-breakup.md": "---\ndelay: 1 day\n---\nSince I haven't heard back, I'll assume you're not interested.\n",
}


def test_folder_sequence_with_numbered_files(tmp_path: Path) -> None:
    folder = write(tmp_path / "chase", CHASE)
    report = seq_linter().lint_sequence(folder)
    assert [s.step for s in report.steps] == [1, 2, 3]
    codes = {(f.step, f.code) for f in report.findings}
    assert {(2, "OL803"), (3, "OL803"), (2, "OL804"), (3, "OL806")} <= codes
    for f in report.findings:
        source = (folder / Path(f.path).name).read_text(encoding="utf-8")
        assert_points_at(f, source)
    guilt = next(f for f in report.findings if f.code == "OL806")
    assert guilt.path.endswith("03-breakup.md") and guilt.line == 4


def test_lint_paths_yields_steps_with_sequence_findings(tmp_path: Path) -> None:
    write(tmp_path / "chase", CHASE)
    write(tmp_path, {"single.txt": "Can we circle back?\n"})
    reports = list(seq_linter().lint_paths([tmp_path]))
    names = [(Path(r.path).name, r.step) for r in reports]
    assert names == [("01-intro.md", 1), ("02-bump.md", 2), ("03-breakup.md", 3), ("single.txt", None)]
    step2 = reports[1]
    assert {"ZF101", "OL803", "OL804"} <= {f.code for f in step2.findings}
    assert [f.start for f in step2.findings] == sorted(f.start for f in step2.findings)


def test_index_file_orders_steps_and_gives_delays(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "s",
        {
            "sequence.toml": '[[step]]\nfile = "intro.txt"\n\n[[step]]\nfile = "later.txt"\ndelay_days = 5\n',
            "later.txt": "Subject: Porto checklist\n\nThe Porto checklist: https://example.com/p\n",
            "intro.txt": "Subject: Night shifts\n\nHow are you staffing nights in Lisbon?\n",
        },
    )
    assert is_sequence_folder(folder, Config().include)
    report = seq_linter().lint_sequence(folder)
    assert [Path(s.path).name for s in report.steps] == ["intro.txt", "later.txt"]
    assert report.findings == []


TOML = '''name = "night shifts"

[[step]]
subject = "Night shifts in Lisbon"
body = """
Hi Ana,

How are you staffing the night shift at the new Lisbon depot?
"""

[[step]]
subject = "Lisbon nights"
delay_days = 1
body = """
Hi Ana,

How are you staffing the night shift at the new Lisbon depot? Let me circle back.
"""
'''


def test_toml_sequence_file_maps_into_the_toml(tmp_path: Path) -> None:
    path = tmp_path / "nights.sequence.toml"
    path.write_text(TOML, encoding="utf-8")
    reports = list(seq_linter().lint_paths([tmp_path]))
    name = "nights.sequence.toml"
    assert [(Path(r.path).name, r.step) for r in reports] == [(name, 1), (name, 2)]
    codes = {f.code for f in reports[1].findings}
    assert {"ZF101", "OL803", "OL805"} <= codes
    for f in reports[1].findings:
        assert_points_at(f, TOML)
    phrase = next(f for f in reports[1].findings if f.code == "ZF101")
    assert phrase.excerpt == "circle back" and phrase.line == 17


def test_markdown_sequence_file(tmp_path: Path) -> None:
    text = (
        "---\nsequence: true\n---\nSubject: Night shifts\n\nHow are you staffing nights in Lisbon?\n"
        "--- step 2 (delay 1 day) ---\nSubject: Re: Night shifts\n\nJust wanted to circle back.\n"
    )
    path = tmp_path / "cadence.md"
    path.write_text(text, encoding="utf-8")
    report = seq_linter().lint_sequence(path)
    assert [s.subject for s in report.steps] == ["Night shifts", "Re: Night shifts"]
    assert {"OL803", "OL805"} <= {f.code for f in report.findings}
    phrase = next(f for f in report.steps[1].findings if f.code == "ZF101")
    assert_points_at(phrase, text, "circle back")
    assert phrase.line == 10


def test_lint_sequence_from_text_steps() -> None:
    steps = [
        Step("Hi Ana, how are you staffing nights in Lisbon?", subject="Nights"),
        Step("Hi Ana, how are you staffing nights in Lisbon?", delay_days=3),
    ]
    report = outreach_lint.lint_sequence(steps)
    assert report.path == "<sequence>" and len(report.steps) == 2
    assert {"OL804", "OL805"} <= {f.code for f in report.findings}
    assert all(f.step == 2 for f in report.findings)


def test_broken_index_is_reported_once(tmp_path: Path) -> None:
    write(tmp_path / "s", {"sequence.toml": "[[step]\n", "01-a.txt": "Hi\n", "02-b.txt": "Hi\n"})
    reports = list(seq_linter().lint_paths([tmp_path]))
    assert len(reports) == 1 and "invalid TOML" in reports[0].errors[0].message


@pytest.mark.parametrize(
    ("name", "number"), [("01-intro.md", 1), ("step-2.txt", 2), ("step3.html", 3), ("intro.md", None)]
)
def test_step_number(name: str, number: int | None) -> None:
    assert step_number(name) == number


def test_step_encoding_and_similarity_helpers() -> None:
    text = "Intro.\n--- step 2 (delay 3 days) ---\nSecond.\n--- step 3 ---\nThird."
    assert [(text[s.start : s.end].strip(), s.delay_days) for s in split_steps(text)] == [
        ("Intro.", 0.0),
        ("Second.", 3.0),
        ("Third.", None),
    ]
    a, b = shingles(["a", "b", "c", "d"]), shingles(["a", "b", "c", "e"])
    assert jaccard(a, b) == pytest.approx(1 / 3)


def test_every_sequence_rule_runs_its_own_examples() -> None:
    rules = [r for r, _ in Linter(entry_points=False).all_rules if isinstance(r, SequenceRule)]
    assert [r.code for r in rules] == ["OL801", "OL802", "OL803", "OL804", "OL805", "OL806"]
    for rule in rules:
        info = rule.info("outreach_lint.rules.sequence")
        assert all(rule.run_example(ex.text) for ex in info.example), rule.code
        assert not any(rule.run_example(ex.text) for ex in info.use_instead), rule.code


def test_sequence_rule_options_are_configurable(tmp_path: Path) -> None:
    folder = write(tmp_path / "chase", CHASE)
    linter = Linter(Config(select=["OL803"], options={"min-gap-days": 1}), entry_points=False)
    assert linter.lint_sequence(folder).findings == []
