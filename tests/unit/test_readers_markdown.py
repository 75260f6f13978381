"""Markdown reader: front matter, syntax that is not prose, and positions in the .md file."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_helpers import assert_points_at, lint_file

from outreach_lint import Linter

MD = """---
subject: "Shall we circle back on Reno?"
preheader: Two new planners
step: 2
---
# Hi *|FNAME|*,

I read **your post** about [the Reno depot](https://example.com/a_b) and `circle back` code.
Could we _circle back_ on night shifts, {{ first_name }}? ![chart](x.png) <!-- circle back -->

```
circle back inside a fence
```
- item one
- item *two*: circle back
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_findings_point_at_markdown_source(tmp_path: Path, newline: str) -> None:
    report, source = lint_file(tmp_path, "intro.md", MD, newline=newline)
    assert report.ok and report.format == "markdown"
    body = [f for f in report.findings if f.line > 5]
    assert [f.line for f in body] == [9, 15]  # not the code span, comment or fence
    for f in report.findings:
        assert_points_at(f, source, "circle back")
    assert report.subject == "Shall we circle back on Reno?" and report.step == 2
    subject = report.findings[0]
    assert (subject.line, subject.column) == (2, 20)


def test_view_keeps_prose_and_merge_fields() -> None:
    email = Linter(entry_points=False).read(MD, path="x.md")
    assert "Hi *|FNAME|*," in email.view
    assert "your post about the Reno depot and  code." in email.view
    assert "{{ first_name }}" in email.view and "example.com" not in email.view
    assert "fence" not in email.view and "chart" not in email.view
    assert email.preheader == "Two new planners"


def test_toml_front_matter() -> None:
    text = '+++\nsubject = "Night shifts"\nstep = 3\n+++\nHello there.\n'
    email = Linter(entry_points=False).read(text, path="x.md")
    assert email.subject == "Night shifts" and email.step == 3
    assert text[email.subject_start : email.subject_start + 12] == "Night shifts"
    assert email.view == "Hello there.\n"


def test_unclosed_front_matter_is_an_input_error(tmp_path: Path) -> None:
    report, _ = lint_file(tmp_path, "broken.md", "---\nsubject: hi\nno end\n")
    assert not report.ok and "never closed" in report.errors[0].message
