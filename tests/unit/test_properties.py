"""Any text: properties that hold for every input, checked with hypothesis.

For arbitrary Unicode, for emails mixed from stock sales phrases and merge fields of every
syntax, for HTML and for CRLF text, with every rule selected:

- linting never raises, and no rule fails (a rule error in the report is a rule bug);
- every finding's span lies inside the text it indexes, and slicing that text at the
  finding's offsets, or at its line/column positions, gives the finding's excerpt;
- the same input gives the same findings in the same order, from the same linter and from
  a new one;
- a file gives the same findings linted alone, inside its folder, or as text.

Besides the built-in rules, a probe plugin (below) reports a finding for every word,
sentence, paragraph, merge field and the subject, plus empty spans at the edges, so the
position guarantees are exercised on every input even where no built-in rule fires.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from outreach_lint import Config, Document, FileReport, Finding, Hit, Linter, Rule, hookimpl

# -- a probe plugin that reports spans everywhere ------------------------------------------


class _Probe(Rule):
    category = "internal"
    summary = "Test probe."
    message = "probe"
    enabled_by_default = False

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.spans(doc):
            yield Hit(start, end)


class WordProbe(_Probe):
    code = "PRB001"
    name = "probe-word"

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        return ((w.start, w.end) for w in doc.words)


class SentenceProbe(_Probe):
    code = "PRB002"
    name = "probe-sentence"

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        return ((s.start, s.end) for s in doc.sentences)


class ParagraphProbe(_Probe):
    code = "PRB003"
    name = "probe-paragraph"

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        return ((p.start, p.end) for p in doc.paragraphs)


class MergeFieldProbe(_Probe):
    code = "PRB004"
    name = "probe-merge-field"

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        return ((f.start, f.end) for f in doc.merge_fields)


class EdgeProbe(_Probe):
    code = "PRB005"
    name = "probe-edges"

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        n = len(doc.view)
        yield 0, 0
        yield 0, n
        yield n, n
        if n:
            yield n - 1, n


class SubjectProbe(_Probe):
    code = "PRB006"
    name = "probe-subject"

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.subject is not None:
            yield Hit(0, len(doc.subject), part="subject")
            for f in doc.subject_merge_fields:
                yield Hit(f.start, f.end, part="subject")


class ProbePlugin:
    @hookimpl
    def outreach_lint_register_rules(self) -> list[Rule]:
        return [
            WordProbe(),
            SentenceProbe(),
            ParagraphProbe(),
            MergeFieldProbe(),
            EdgeProbe(),
            SubjectProbe(),
        ]


@functools.cache
def linter() -> Linter:
    return Linter(Config(select=["ALL"]), plugins=[("probe", ProbePlugin())], entry_points=False)


# -- strategies ------------------------------------------------------------------------------

OPENERS = [
    "I hope this email finds you well.",
    "My name is Sam and I'm with Acme.",
    "I wanted to reach out",
    "Quick question:",
    "Hope you're having a great week!",
    "I'm reaching out because",
    "Allow me to introduce myself.",
    "I came across your profile on LinkedIn",
]
CHASERS = [
    "Just following up on my last email.",
    "Just circling back.",
    "Bumping this to the top of your inbox.",
    "Did you get a chance to read my previous note?",
    "I haven't heard back from you.",
    "Should I close your file?",
    "Any update?",
    "Touching base again",
]
CLAIMS = [
    "We are the leading provider of AI-powered solutions.",
    "Our award-winning platform is trusted by Fortune 500 companies.",
    "We help companies like yours increase revenue by 300%.",
    "Our best-in-class, cutting-edge, world-class team",
    "We're excited to announce our new features: SSO, SCIM, audit logs, dashboards, and more!!!",
    "ACT NOW — LIMITED TIME OFFER!!!",
    "Do you have 15 minutes on Tuesday or Thursday?",
    "Are you free for a quick call tomorrow at 2pm or 4pm?",
]
QUESTIONS = [
    "How are you handling the new site's rosters?",
    "What's the hardest part of onboarding planners this quarter?",
    "Would it help to see how Leeds did it?",
    "Is reconciling invoices still a manual job for your team?",
    "Who owns vendor onboarding on your side?",
]
MERGE_FIELDS = [
    "{{first_name}}",
    "{{ contact.firstname }}",
    "{{lead.First Name:default=there}}",
    '{{ name | default: "there" }}',
    "{{{Recipient.FirstName}}}",
    "{!Contact.FirstName}",
    "*|FNAME|*",
    "%%first_name%%",
    "%FIRSTNAME%",
    "{contactfield=firstname|there}",
    "{firstName}",
    "[First Name]",
    "[[MISSING TOKEN]]",
    "<insert company>",
    "XXX",
    "{{first_name}",
    "{first_name}}",
    "*|FNAME|",
    "{% if company %}",
    "{% endif %}",
    "{# note #}",
    "{{#if company}}",
    "{{/if}}",
    "{Hi|Hello|Hey}",
    "{{",
    "}}",
    "{{{{",
]
GREETINGS = ["Hi Dana,", "Hello {{first_name}},", "Hey there!", "Dear Sir/Madam,", "", "Dana -"]
SIGNOFFS = [
    "Best,\nSam",
    "Thanks,\nSam Lee\nAcme Inc.\n+1 555 123 4567",
    "Cheers",
    "-- \nSam",
    "",
    "P.S. {{ps_line}}",
]
GLUE = [" ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\n- ", "\n1. ", " > ", "\n> ", "…", " — "]

phrase = st.sampled_from(OPENERS + CHASERS + CLAIMS + QUESTIONS) | st.sampled_from(MERGE_FIELDS)
sentence_text = st.lists(phrase, min_size=1, max_size=6).map(" ".join)


@st.composite
def sales_emails(draw: st.DrawFn) -> str:
    parts: list[str] = []
    if draw(st.booleans()):
        subject = draw(
            st.sampled_from(["", " ", "Quick question", "Re: {{company}}", "FREE!!! ACT NOW", "ok"])
        )
        parts.append(f"Subject: {subject}\n")
        if draw(st.booleans()):
            parts.append("From: sam@example.com\n")
        parts.append("\n")
    parts.append(draw(st.sampled_from(GREETINGS)) + "\n\n")
    for _ in range(draw(st.integers(0, 8))):
        parts.append(draw(sentence_text))
        parts.append(draw(st.sampled_from(GLUE)))
    parts.append("\n\n" + draw(st.sampled_from(SIGNOFFS)))
    if draw(st.booleans()):
        parts.append(
            "\n\nOn Mon, Jan 5, 2026 at 9:00 AM Sam <sam@example.com> wrote:\n> " + draw(sentence_text)
        )
    text = "".join(parts)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return text.replace("\n", ending)


@st.composite
def html_emails(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(sentence_text, min_size=0, max_size=5))
    tags = draw(
        st.lists(
            st.sampled_from(["p", "div", "span", "b", "a", "li", "td"]),
            min_size=len(blocks),
            max_size=len(blocks),
        )
    )
    body = "".join(f"<{t}>{b.replace('&', '&amp;')}</{t}>" for t, b in zip(tags, blocks, strict=True))
    extras = draw(
        st.sampled_from(["", "<br>", "&nbsp;", "<!-- note -->", "<style>p{color:red}</style>", "<p>"])
    )
    return f"<html><head><title>x</title></head><body>{extras}{body}</body></html>"


any_text = st.text(max_size=400)
crlf_text = st.lists(
    st.sampled_from([*"ab ?.!\r\n{}|%*[]<>:,", "\r\n", "Subject:", "Hi ", "{{x}}", "> ", "--", "P.S."]),
    max_size=80,
).map("".join)
inputs = st.one_of(any_text, sales_emails(), crlf_text)

# -- checks ----------------------------------------------------------------------------------


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where lines start; lines end at LF, CRLF or a lone CR, as in editors."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def expected_line_col(text: str, offset: int) -> tuple[int, int]:
    starts = line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def check_finding(f: Finding, source: str, subject: str | None) -> None:
    if f.part == "subject":
        assert subject is not None, f
        assert 0 <= f.start <= f.end <= len(subject), f
        assert subject[f.start : f.end] == f.excerpt, f
        assert (f.line, f.column, f.end_line, f.end_column) == (1, f.start + 1, 1, f.end + 1), f
        return
    assert 0 <= f.start <= f.end <= len(source), f
    assert source[f.start : f.end] == f.excerpt, f
    assert (f.line, f.column) == expected_line_col(source, f.start), f
    assert (f.end_line, f.end_column) == expected_line_col(source, f.end), f
    # Positions alone (what an editor gets) must find the excerpt too.
    starts = line_starts(source)
    by_position = source[starts[f.line - 1] + f.column - 1 : starts[f.end_line - 1] + f.end_column - 1]
    assert by_position == f.excerpt, f


def check_report(report: FileReport, source: str, subject: str | None = None, *, strict: bool = True) -> None:
    if not strict and report.errors:  # a format with a grammar (.eml) may refuse the text: one clear error
        assert [e.kind for e in report.errors] == ["parse"] and not report.findings, report.errors
        return
    # Text always parses (the plain-text reader accepts anything), and no built-in rule may fail.
    assert report.errors == [], report.errors
    assert report.metrics is not None
    subject = subject if subject is not None else report.subject
    for f in report.findings:
        check_finding(f, source, subject)
    keys = [(f.start, f.end, f.code) for f in report.findings]
    assert keys == sorted(keys), "findings are not sorted by position then code"


def lint(text: str, **kwargs: object) -> FileReport:
    return linter().lint_text(text, **kwargs)  # type: ignore[arg-type]


# -- properties ------------------------------------------------------------------------------


@given(inputs)
def test_any_text_lints_with_exact_positions(text: str) -> None:
    check_report(lint(text), text)


@given(inputs, st.text(max_size=80))
def test_a_separate_subject_is_indexed_on_its_own(text: str, subject: str) -> None:
    check_report(lint(text, subject=subject), text, subject)


@given(st.one_of(html_emails(), sales_emails()))
def test_html_lints_with_exact_positions(text: str) -> None:
    html = ".html" in linter().readers
    report = lint(text, path="email.html" if html else "email.txt")
    check_report(report, text, strict=False)


@given(
    st.lists(st.sampled_from(MERGE_FIELDS), min_size=1, max_size=30),
    st.sampled_from(["", " ", "\n", "x", "{", "}"]),
)
def test_merge_fields_of_every_syntax_keep_positions(fields: list[str], sep: str) -> None:
    text = "Hi " + sep.join(fields) + ",\n\nHow is " + sep.join(reversed(fields)) + " going?\n"
    check_report(lint(text, subject=" ".join(fields[:3])), text, " ".join(fields[:3]))


@given(inputs)
def test_same_input_same_findings_in_the_same_order(text: str) -> None:
    first = lint(text)
    again = lint(text)
    fresh = Linter(Config(select=["ALL"]), plugins=[("probe", ProbePlugin())], entry_points=False).lint_text(
        text
    )
    assert again == first
    assert fresh.findings == first.findings
    assert fresh.metrics == first.metrics


@given(
    st.one_of(sales_emails(), crlf_text, any_text),
    st.sampled_from(["email.txt", "email.md", "email.html", "e.eml"]),
)
def test_a_file_alone_in_a_folder_or_as_text_gives_the_same_findings(text: str, name: str) -> None:
    assume("\x00" not in text and not text.startswith("\ufeff"))  # binary / BOM: tested in test_any_file
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "emails")
        folder.mkdir()
        (folder / "other.txt").write_text("Hi Dana,\n\nJust following up.\n", encoding="utf-8")
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        alone = linter().lint_file(path)
        in_folder = {r.path: r for r in linter().lint_paths([folder])}
        assert set(in_folder) == {os.fspath(path), os.fspath(folder / "other.txt")}
        assert in_folder[os.fspath(path)] == alone
        as_text = linter().lint_text(text, path=os.fspath(path))
        assert as_text == alone
    check_report(alone, text, strict=name.endswith((".txt", ".md")))
