"""Malformed input in any format: a clear error for that file, and the other files still linted."""

from __future__ import annotations

from pathlib import Path

from format_helpers import phrase_linter

BAD = {
    "bad.md": "---\nsubject: never closed\n",
    "bad.html": "<p>Hi</p>\n<p class='open",
    "bad.eml": "no headers here\n",
    "bad.j2": "+++\nsubject = \n+++\nHi\n",
    "bad.sequence.toml": "[[step]]\nsubject = 'x'\n",
}


def test_each_bad_file_gets_one_error_and_good_files_are_linted(tmp_path: Path) -> None:
    for name, text in BAD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Subject: hi\n\nCan we circle back?\n", encoding="utf-8")
    (tmp_path / "good.html").write_text("<p>Let us circle back</p>", encoding="utf-8")
    reports = {Path(r.path).name: r for r in phrase_linter().lint_paths([tmp_path])}
    for name in BAD:
        assert len(reports[name].errors) == 1, name
        message = reports[name].errors[0].message
        assert "\n" not in message and name in message
    assert [f.code for f in reports["good.txt"].findings] == ["ZF101"]
    assert [f.code for f in reports["good.html"].findings] == ["ZF101"]
