"""HTML reader: visible text only, preheader, quotes, and positions in the HTML source."""

from __future__ import annotations

from pathlib import Path

import pytest
from format_helpers import assert_points_at, lint_file

from outreach_lint import Linter

HTML = """<!DOCTYPE html>
<html><head><title>Let's circle back</title><style>p { content: "circle back"; }</style></head>
<body>
<div class="preheader" style="display:none;max-height:0">Quick circle back &zwnj;&nbsp;</div>
<table role="presentation"><tr><td>
<p>Hi {{ first_name }},</p>
<p>Your team&rsquo;s post about the Reno depot &amp; its night shift made me want to
   circle   back with one question.<br>Does <b>circle back</b> work?</p>
<!-- circle back in a comment -->
<script>var s = "circle back";</script>
</td></tr></table></td>
<blockquote class="gmail_quote">On Mon, Sam wrote:<br>circle back quoted</blockquote>
</body></html>
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_findings_point_at_html_source(tmp_path: Path, newline: str) -> None:
    report, source = lint_file(tmp_path, "intro.html", HTML, newline=newline)
    assert report.ok and report.format == "html"
    body = [f for f in report.findings if f.part == "source" and f.line > 2]
    assert [(f.line, f.column) for f in body] == [(8, 4), (8, 48)]  # not comment, script, preheader, quote
    for f in body:
        assert_points_at(f, source, "circle back")
    assert "circle   back" in body[0].excerpt


def test_preheader_title_and_entities() -> None:
    email = Linter(entry_points=False).read(HTML, path="x.html")
    assert email.preheader == "Quick circle back"
    assert email.subject == "Let's circle back"
    assert HTML[email.subject_start : email.subject_start + len(email.subject)] == email.subject
    assert "Your team’s post about the Reno depot & its night shift" in email.view
    assert "> On Mon, Sam wrote:" in email.view
    i = email.view.index("’")
    assert HTML[email.map.to_source(i) : email.map.to_source_end(i + 1)] == "&rsquo;"


def test_subject_header_wins_over_title() -> None:
    text = "Subject: Night shifts\n\n<title>Other</title><p>Hi</p>"
    email = Linter(entry_points=False).read(text, path="a.html")
    assert email.subject == "Night shifts" and email.view.strip() == "Hi"


def test_broken_html_is_tolerated_but_unterminated_tag_is_an_error(tmp_path: Path) -> None:
    report, source = lint_file(tmp_path, "a.html", "<td><p>We should circle back</td></div><li>ok")
    assert report.ok and report.findings
    assert_points_at(report.findings[0], source, "circle back")
    report, _ = lint_file(tmp_path, "b.html", "<p>Hi</p>\n<p class='x")
    assert not report.ok and "unterminated HTML tag at line 2" in report.errors[0].message
