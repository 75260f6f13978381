""".eml reader: MIME parts, transfer encodings, encoded subjects, and positions in the .eml file."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from format_helpers import assert_points_at, lint_file

from outreach_lint import Linter

MULTIPART = """From: Sam Ortiz <sam@example.com>
To: dana@example.org
Subject: Can we circle back on Reno?
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hi Dana,

Your team=E2=80=99s post about the Reno depot made me want to circle back. It men=
tions two new planners; shall we circle =
back?
--b1
Content-Type: text/html; charset=utf-8

<p>Hi Dana, html part: circle back</p>
--b1
Content-Type: application/pdf; name="deck.pdf"
Content-Disposition: attachment; filename="deck.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b1--
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quoted_printable_text_part_maps_into_the_file(tmp_path: Path, newline: str) -> None:
    report, source = lint_file(tmp_path, "intro.eml", MULTIPART, newline=newline)
    assert report.ok and report.format == "eml"
    subject, first, second = report.findings
    assert (subject.line, subject.column) == (3, 17)
    assert_points_at(subject, source, "circle back")
    assert_points_at(first, source, "circle back")
    assert first.line == 13
    assert_points_at(second, source)
    assert second.excerpt.startswith("circle =") and second.line == 14  # across the soft break


def test_encoded_subject_and_base64_body(tmp_path: Path) -> None:
    body = base64.encodebytes("Hi Dana,\n\nCaf\u00e9 hours: can we circle back?\n".encode()).decode()
    text = (
        "From: a@example.com\nSubject: =?utf-8?q?Caf=C3=A9_circle_back?=\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body
    )
    report, source = lint_file(tmp_path, "b64.eml", text)
    assert report.subject == "Café circle back"
    by_part = {f.part: f for f in report.findings}
    assert by_part["subject"].excerpt == "circle back"  # encoded: positions index the subject
    body_finding = by_part["source"]
    assert_points_at(body_finding, source)
    assert body_finding.line >= 6  # inside the base64 body


def test_html_only_message_uses_the_html_reader(tmp_path: Path) -> None:
    text = "From: a@example.com\nSubject: x\nContent-Type: text/html\n\n"
    text += "<p>Let&rsquo;s <b>circle back</b></p>\n"
    report, source = lint_file(tmp_path, "h.eml", text)
    (finding,) = report.findings
    assert_points_at(finding, source, "circle back")
    assert (finding.line, finding.column) == (5, 19)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just some text\n", "not an email message"),
        ("From: a\nContent-Type: multipart/mixed\n\nx\n", "without a boundary"),
        ("From: a\nContent-Type: multipart/mixed; boundary=q\n\nx\n", "never appears"),
        ("From: a\nContent-Type: image/png\n\nx\n", "no text/plain or text/html"),
        ("From: a\nContent-Type: text/plain; charset=nope-42\nContent-Transfer-Encoding: base64\n\naGk=\n",
         "charset"),
    ],
)
def test_malformed_eml_is_a_one_line_input_error(tmp_path: Path, text: str, message: str) -> None:
    report, _ = lint_file(tmp_path, "bad.eml", text)
    assert not report.ok and message in report.errors[0].message and "\n" not in report.errors[0].message


def test_plain_7bit_body_maps_exactly() -> None:
    text = "From: a@example.com\r\nSubject: hi\r\n\r\nHello,\r\nline two\r\n"
    email = Linter(entry_points=False).read(text, path="p.eml")
    assert email.view == "Hello,\nline two\n"
    i = email.view.index("two")
    assert text[email.map.to_source(i) : email.map.to_source_end(i + 3)] == "two"
