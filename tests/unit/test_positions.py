"""Every position a rule reports maps back to the characters of the original file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from core_helpers import assert_positions, make_linter, pattern_rule

from outreach_lint import Document, EmailSource, Hit, Rule, SourceMap
from outreach_lint._io import read_text
from outreach_lint._source import Segment, normalized_view


class MergeFieldRule(Rule):
    """Flags every merge field (the way the template rules report them)."""

    code = "ZZ150"
    name = "test-merge-field"
    category = "testing"
    message = "Merge field."

    def check(self, doc: Document) -> Iterator[Hit]:
        for f in doc.merge_fields:
            yield Hit(f.start, f.end)


def lint(source: str, *rules: Rule, **kwargs: object) -> list:  # type: ignore[type-arg]
    linter = make_linter(*(rules or (pattern_rule("ZZ101", "FLAG"),)))
    report = linter.lint_text(source, **kwargs)  # type: ignore[arg-type]
    assert report.errors == []
    for f in report.findings:
        if f.part == "source":
            assert_positions(source, f)
    return report.findings


def test_plain_body() -> None:
    (f,) = lint("Hi Dana,\n\nThe FLAG is here.\n")
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 5, 3, 9)
    assert (f.start, f.end, f.excerpt) == (14, 18, "FLAG")


def test_after_headers() -> None:
    source = "Subject: Hello\nFrom: sam@acme.example\n\nHi Dana,\n\nThe FLAG is here.\n"
    (f,) = lint(source)
    assert f.part == "source"
    assert (f.line, f.column) == (6, 5)


def test_crlf_and_lone_cr() -> None:
    source = "Subject: Hello\r\n\r\nHi Dana,\r\n\r\nOne FLAG.\rTwo FLAG.\r\n"
    findings = lint(source)
    assert [(f.line, f.column) for f in findings] == [(5, 5), (6, 5)]


def test_span_across_a_crlf_line_break() -> None:
    source = "Hi Dana,\r\n\r\nA FLAG\r\nTWO here.\r\n"
    (f,) = lint(source, pattern_rule("ZZ102", r"FLAG\nTWO"))
    assert f.excerpt == "FLAG\r\nTWO"
    assert (f.line, f.end_line) == (3, 4)


def test_bom_in_a_file_is_decoded_away(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffSubject: FLAG day\r\n\r\nHi Dana,\r\n\r\nThe FLAG.\r\n".encode())
    source = read_text(path)
    assert not source.startswith("\ufeff")
    linter = make_linter(pattern_rule("ZZ101", "FLAG"), pattern_rule("ZZ102", "FLAG", part="subject"))
    report = linter.lint_file(path)
    assert report.subject == "FLAG day"
    assert sorted((f.code, f.line, f.column) for f in report.findings) == [("ZZ101", 5, 5), ("ZZ102", 1, 10)]
    for f in report.findings:
        assert_positions(source, f)


def test_bom_left_in_text_is_skipped() -> None:
    source = "\ufeffSubject: Hello\n\nHi Dana,\n\nThe FLAG.\n"
    (f,) = lint(source)
    assert (f.line, f.column) == (5, 5)


def test_merge_fields_map_back_and_do_not_shift_prose() -> None:
    source = "Subject: Hi\n\nHi {{ contact.firstname }},\n\nSaw *|COMPANY|* and the FLAG.\n"
    findings = lint(source, MergeFieldRule(), pattern_rule("ZZ101", "FLAG"))
    assert [(f.code, f.excerpt) for f in findings] == [
        ("ZZ150", "{{ contact.firstname }}"),
        ("ZZ150", "*|COMPANY|*"),
        ("ZZ101", "FLAG"),
    ]


def test_subject_in_a_header_points_into_the_source() -> None:
    source = "From: sam@acme.example\nSubject: Quick FLAG question\n\nHi Dana,\n\nBody.\n"
    (f,) = lint(source, pattern_rule("ZZ102", "FLAG", part="subject"))
    assert f.part == "source"
    assert (f.line, f.column, f.end_column) == (2, 16, 20)


def test_folded_subject_header_maps_across_the_fold() -> None:
    source = "Subject: Quick\r\n  FLAG question\r\n\r\nHi Dana,\r\n\r\nBody.\r\n"
    (f,) = lint(source, pattern_rule("ZZ102", r"Quick FLAG", part="subject"))
    assert f.part == "source"
    assert f.excerpt == "Quick\r\n  FLAG"
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 10, 2, 7)


def test_subject_passed_separately_is_its_own_part() -> None:
    (f,) = lint("Hi Dana,\n\nBody.\n", pattern_rule("ZZ102", "FLAG", part="subject"), subject="A FLAG here")
    assert f.part == "subject"
    assert (f.line, f.column, f.end_line, f.end_column, f.start, f.end) == (1, 3, 1, 7, 2, 6)
    assert f.excerpt == "FLAG"


def test_subject_argument_overrides_a_subject_header() -> None:
    findings = lint(
        "Subject: FLAG\n\nHi Dana,\n\nBody.\n",
        pattern_rule("ZZ102", "FLAG", part="subject"),
        subject="No match",
    )
    assert findings == []


# -- SourceMap with non-identity segments ---------------------------------------------------------

HTML = "<p>Hi Dana,</p><p>Tom &amp; Jerry FLAG</p>"
VIEW = "Hi Dana,\n\nTom & Jerry FLAG"
SEGMENTS = [
    Segment(0, 8, 3, 8),  # "Hi Dana,"
    Segment(8, 2, 11, 7),  # "\n\n" synthesized from "</p><p>"
    Segment(10, 4, 18, 4),  # "Tom "
    Segment(14, 1, 22, 5),  # "&" decoded from "&amp;"
    Segment(15, 11, 27, 11),  # " Jerry FLAG"
]


def html_email() -> EmailSource:
    return EmailSource(source=HTML, view=VIEW, map=SourceMap(HTML, SEGMENTS), path="x.html", format="html")


def test_segments_are_consistent() -> None:
    for seg in SEGMENTS:
        if seg.view_len == seg.src_len:
            assert (
                VIEW[seg.view_start : seg.view_start + seg.view_len]
                == HTML[seg.src_start : seg.src_start + seg.src_len]
            )


@pytest.mark.parametrize(
    ("pattern", "excerpt"),
    [
        ("&", "&amp;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("FLAG", "FLAG"),
        (r"Dana,\n\nTom", "Dana,</p><p>Tom"),
        (r"\n\n", "</p><p>"),
    ],
)
def test_non_identity_segments(pattern: str, excerpt: str) -> None:
    rule = pattern_rule("ZZ103", pattern)
    type(rule).check = lambda self, doc: (Hit(m.start(), m.end()) for m in self.pattern.finditer(doc.view))  # type: ignore[method-assign]
    report = make_linter(rule).lint_email(html_email())
    (f,) = report.findings
    assert f.excerpt == excerpt
    assert_positions(HTML, f)


def test_source_map_offsets() -> None:
    smap = SourceMap(HTML, SEGMENTS)
    assert smap.to_source(14) == 22 and smap.to_source_end(15) == 27  # the whole entity
    assert smap.to_source(0) == 3 and smap.to_source_end(26) == len(HTML) - 4
    assert smap.line_col(0) == (1, 1)


def test_normalized_view_maps_crlf() -> None:
    source = "ab\r\ncd\re"
    view, smap = normalized_view(source)
    assert view == "ab\ncd\ne"
    assert [smap.to_source(i) for i in range(len(view))] == [0, 1, 2, 4, 5, 6, 7]
    assert smap.to_source_end(3) == 4  # just past the "\r\n"
    assert smap.line_col(4) == (2, 1) and smap.line_col(7) == (3, 1)  # a lone CR ends a line too


def test_invalid_span_is_reported_not_raised() -> None:
    class Broken(Rule):
        code = "ZZ160"
        name = "test-broken-span"
        category = "testing"

        def check(self, doc: Document) -> Iterator[Hit]:
            yield Hit(0, len(doc.view) + 5)

    report = make_linter(Broken(), pattern_rule("ZZ101", "FLAG")).lint_text("Hi,\n\nFLAG.\n")
    assert [f.code for f in report.findings] == ["ZZ101"]
    assert [(e.kind, e.code) for e in report.errors] == [("rule", "ZZ160")]
    assert "outside the text" in report.errors[0].message
