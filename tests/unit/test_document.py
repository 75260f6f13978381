"""The document model: an email parsed once into greeting, body, sign-off, signature, P.S.,
quoted text and merge fields, with a ``prose`` view that keeps every offset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_lint import Document, EmailSource
from outreach_lint._document import MERGE_CHAR
from outreach_lint._mergefields import find_merge_fields
from outreach_lint.readers.text import TextReader


def parse(text: str, **kwargs: bool) -> Document:
    return Document.parse(EmailSource.plain(text), **kwargs)


def text_or_none(doc: Document, span: object) -> str | None:
    return None if span is None else doc.text_of(span)  # type: ignore[arg-type]


def words(doc: Document) -> list[str]:
    return [doc.view[w.start : w.end] for w in doc.words]


def sentences(doc: Document) -> list[str]:
    return [doc.text_of(s) for s in doc.sentences]


# -- greeting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "greeting"),
    [
        ("Hi Dana,\n\nSaw your post.\n", "Hi Dana,"),
        ("Hello Dana!\nSaw your post.\n", "Hello Dana!"),
        ("hey there -\n\nSaw your post.\n", "hey there -"),
        ("Dear Dr. Smith,\n\nI read your paper.\n", "Dear Dr. Smith,"),
        ("Good morning Dana and team,\n\nSaw your post.\n", "Good morning Dana and team,"),
        ("Dana,\n\nSaw your post.\n", "Dana,"),
        ("Hi {{first_name}},\n\nSaw your post.\n", "Hi {{first_name}},"),
        ("  \n\nHi Dana\n\nSaw your post.\n", "Hi Dana"),
        # An inline greeting: only the salutation is the greeting, the rest of the line is prose.
        ("Hi Dana, my name is Sam and I work at Acme.\n\nMore.\n", "Hi Dana,"),
        ("Hello there! Saw your post.\n", "Hello there!"),
        ("Hi Dana - quick question: are you hiring?\n", "Hi Dana -"),
    ],
)
def test_greeting_variants(text: str, greeting: str) -> None:
    doc = parse(text)
    assert text_or_none(doc, doc.greeting) == greeting
    assert greeting not in doc.prose
    assert all(ch in " \n" for ch in doc.prose[doc.greeting.start : doc.greeting.end])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Hiring managers tell us the same thing.\n\nMore text.\n",
        "I wanted to reach out because of your post.\n\nMore.\n",
        "we help teams like yours,\nand more.\n",  # lower-case first line ending in a comma
        "Hi Dana,",  # nothing after it: the text is not split into a greeting alone
    ],
)
def test_no_greeting(text: str) -> None:
    assert parse(text).greeting is None


def test_inline_greeting_keeps_the_first_sentence_as_prose() -> None:
    doc = parse("Hi Dana, my name is Sam and I work at Acme.\n\nWe help teams.\n")
    assert sentences(doc) == ["my name is Sam and I work at Acme.", "We help teams."]
    assert doc.body.start == doc.greeting.end  # type: ignore[union-attr]


# -- sign-off and signature ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "signoff",
    [
        "Best,",
        "Thanks,",
        "Thanks!",
        "Cheers",
        "Kind regards,",
        "Best regards,",
        "Talk soon,",
        "Sincerely,",
        "Thank you,",
        "All the best,",
        "Warmly,",
        "Looking forward,",
    ],
)
def test_signoff_variants(signoff: str) -> None:
    text = f"Hi Dana,\n\nAre you hiring this quarter?\n\n{signoff}\nSam Lee\nAcme\n"
    doc = parse(text)
    assert text_or_none(doc, doc.signoff) == signoff
    assert doc.signature is not None and doc.text_of(doc.signature).strip() == "Sam Lee\nAcme"
    assert "Sam Lee" not in doc.prose and signoff not in doc.prose
    assert sentences(doc) == ["Are you hiring this quarter?"]


def test_signoff_word_inside_the_body_is_not_a_signoff() -> None:
    doc = parse("Hi Dana,\n\nThanks!\n\nAre you hiring this quarter?\n\nBest,\nSam\n")
    assert text_or_none(doc, doc.signoff) == "Best,"
    assert "Thanks!" in doc.prose


def test_signature_delimiter() -> None:
    doc = parse("Hi Dana,\n\nAre you hiring?\n\n-- \nSam Lee\nhttps://acme.example\n")
    assert doc.signature is not None
    assert doc.text_of(doc.signature).startswith("-- \nSam Lee")
    assert doc.signoff is None
    assert "acme" not in doc.prose


def test_signature_without_signoff() -> None:
    text = (
        "Dana,\n\nI read your paper on hiring. Is it public?\n\nSam Lee\nVP Sales, Acme\nsam@acme.example\n"
    )
    doc = parse(text)
    assert doc.signoff is None
    assert doc.signature is not None
    assert doc.text_of(doc.signature).strip() == "Sam Lee\nVP Sales, Acme\nsam@acme.example"
    assert sentences(doc) == ["I read your paper on hiring.", "Is it public?"]


def test_a_short_only_paragraph_is_the_message_not_a_signature() -> None:
    doc = parse("Hi Dana,\n\nQuick question about hiring\n")
    assert doc.signature is None
    assert sentences(doc) == ["Quick question about hiring"]


def test_a_last_paragraph_that_is_not_a_name_is_not_a_signature() -> None:
    doc = parse("Hi Dana,\n\nAre you hiring this quarter?\n\nworth a quick chat next week\n")
    assert doc.signature is None
    assert "worth a quick chat" in doc.prose


def test_merge_fields_in_greeting_and_signature_are_not_prose() -> None:
    doc = parse("Hi {{first_name}},\nI saw your post.\n\nThanks,\n{{sender.name}}\n")
    assert MERGE_CHAR not in doc.prose
    assert sentences(doc) == ["I saw your post."]
    assert len(doc.merge_fields) == 2  # still recognized for the template rules


# -- P.S. ------------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["P.S.", "PS", "PS:", "P.S", "p.s.", "P.P.S."])
def test_ps(marker: str) -> None:
    text = f"Hi Dana,\n\nAre you hiring?\n\nBest,\nSam\n\n{marker} We are hiring too.\n"
    doc = parse(text)
    assert doc.ps is not None
    assert doc.text_of(doc.ps).startswith(marker)
    assert text_or_none(doc, doc.signoff) == "Best,"
    assert sentences(doc)[-1] == "We are hiring too."  # the P.S. is prose, its marker is not
    assert "P" not in words(doc)


def test_ps_before_signoff() -> None:
    doc = parse("Hi Dana,\n\nAre you hiring?\n\nPS: we are too.\n\nBest,\nSam\n")
    assert doc.ps is not None
    assert text_or_none(doc, doc.signoff) == "Best,"
    assert sentences(doc) == ["Are you hiring?", "we are too."]


def test_ps_requires_line_start() -> None:
    doc = parse("Hi Dana,\n\nOur PS5 launch and the PS plan.\n")
    assert doc.ps is None


# -- quoted reply text -------------------------------------------------------------------------


REPLY = "Hi Dana,\n\nHappy to help. Does Tuesday work?\n\nBest,\nSam\n\n"


@pytest.mark.parametrize(
    "quote",
    [
        "On Mon, Jan 8, 2024 at 9:14 AM Dana Smith <dana@example.com> wrote:\n"
        "> Tell me more about pricing.\n",
        # Gmail wraps a long attribution line in two.
        "On Mon, Jan 8, 2024 at 9:14 AM Dana Smith <\ndana@example.com> wrote:\n"
        "> Tell me more about pricing.\n",
        "-----Original Message-----\nFrom: Dana\nSent: Monday\nTell me more about pricing.\n",
        "---------- Forwarded message ---------\nFrom: Dana\nTell me more about pricing.\n",
        "From: Dana Smith <dana@example.com>\nSent: Monday, January 8, 2024 9:14 AM\n"
        "Tell me more about pricing.\n",
        "> Tell me more about pricing.\n> Thanks\n",
    ],
)
def test_quoted_text_is_not_prose(quote: str) -> None:
    doc = parse(REPLY + quote)
    assert doc.quoted, "no quoted span found"
    assert "pricing" not in doc.prose
    assert sentences(doc) == ["Happy to help.", "Does Tuesday work?"]
    assert doc.is_follow_up
    start = len(REPLY)
    assert min(q.start for q in doc.quoted) >= start - 1
    assert doc.view[start:].strip() in "".join(doc.text_of(q) for q in doc.quoted)


def test_quoted_lines_between_paragraphs() -> None:
    doc = parse("Hi Dana,\n\n> Can you send pricing?\n\nSure: the price is $10.\n")
    assert [doc.text_of(q) for q in doc.quoted] == ["> Can you send pricing?\n"]
    assert sentences(doc) == ["Sure: the price is $10."]


def test_lint_quoted_keeps_quoted_text_but_not_markers_or_attribution() -> None:
    text = REPLY + "On Mon, Jan 8, 2024 Dana <dana@example.com> wrote:\n> Tell me more about pricing.\n"
    doc = parse(text, lint_quoted=True)
    assert "Tell me more about pricing." in doc.prose
    assert ">" not in doc.prose
    assert "wrote" not in doc.prose
    assert doc.attribution is not None and doc.text_of(doc.attribution).endswith("wrote:")
    assert sentences(doc)[-1] == "Tell me more about pricing."


def test_prose_has_the_length_and_lines_of_the_view() -> None:
    text = (
        "Hi {{first_name}},\n\nSaw {{company}}'s post.\n\n"
        "P.S. {% if x %}hi{% endif %}\n\nBest,\nSam\n> quoted\n"
    )
    doc = parse(text)
    assert len(doc.prose) == len(doc.view)
    assert [i for i, c in enumerate(doc.prose) if c == "\n"] == [
        i for i, c in enumerate(doc.view) if c == "\n"
    ]


# -- merge fields ------------------------------------------------------------------------------

MERGE_FIELDS = [
    ("*|FNAME|*", "mailchimp"),
    ("{{ contact.firstname }}", "curly"),
    ("{!Contact.FirstName}", "salesforce"),
    ("{{{Recipient.FirstName}}}", "handlebars3"),
    ("%%first_name%%", "pardot"),
    ("{{lead.First Name:default=there}}", "curly"),
    ("{{first_name}}", "curly"),
    ("{{firstName}}", "curly"),
    ("{firstName}", "single"),
    ("%FIRSTNAME%", "percent"),
    ('{{ first_name | default: "there" }}', "curly"),
    ("{{ first_name|default('there') }}", "curly"),
    ("{contactfield=firstname|there}", "mautic"),
    ("[First Name]", "placeholder_bracket"),
    ("[[MISSING TOKEN]]", "placeholder_double"),
    ("<insert company>", "placeholder_angle"),
    ("XXX", "placeholder_x"),
    ("{{first_name}", "broken_curly"),
    ("*|FNAME|", "broken_mailchimp"),
]


@pytest.mark.parametrize(("token", "kind"), MERGE_FIELDS)
def test_merge_field_syntaxes(token: str, kind: str) -> None:
    text = f"Hi Dana,\n\nI saw {token} on the team page today.\n"
    doc = parse(text)
    (field,) = doc.merge_fields
    assert (field.kind, field.text) == (kind, token)
    assert doc.view[field.start : field.end] == token
    assert doc.prose[field.start : field.end] == MERGE_CHAR * len(token)
    # Merge fields are not words and never read as prose.
    assert words(doc) == ["I", "saw", "on", "the", "team", "page", "today"]
    assert not any(doc.in_prose(i) for i in range(field.start, field.end))


@pytest.mark.parametrize(("token", "kind"), MERGE_FIELDS)
def test_merge_field_flags(token: str, kind: str) -> None:
    (field,) = find_merge_fields(token)
    assert field.is_placeholder == kind.startswith("placeholder")
    assert field.is_malformed == kind.startswith("broken")
    assert not field.is_control


@pytest.mark.parametrize(
    ("token", "name", "fallback"),
    [
        ("{{ contact.firstname }}", "firstname", False),
        ("{{lead.First Name:default=there}}", "firstname", True),
        ('{{ first_name | default: "there" }}', "firstname", True),
        ("{contactfield=firstname|there}", "firstname", True),
        ("*|FNAME|*", "fname", False),
        ("{!Contact.FirstName}", "firstname", False),
    ],
)
def test_merge_field_name_and_fallback(token: str, name: str, fallback: bool) -> None:
    (field,) = find_merge_fields(token)
    assert field.field_name == name
    assert field.has_fallback is fallback


@pytest.mark.parametrize("spintax", ["{Hi|Hello|Hey}", "{quick|short} question"])
def test_spintax_is_not_a_merge_field(spintax: str) -> None:
    assert find_merge_fields(spintax) == []


def test_template_tags_are_control_and_blank_in_prose() -> None:
    doc = parse("Hi Dana,\n\n{% if company %}Saw your post.{% endif %}\n")
    assert [f.kind for f in doc.merge_fields] == ["jinja_tag", "jinja_tag"]
    assert all(f.is_control for f in doc.merge_fields)
    assert MERGE_CHAR not in doc.prose
    assert sentences(doc) == ["Saw your post."]


def test_possessive_after_merge_field_is_not_a_word() -> None:
    doc = parse("Hi Dana,\n\nSaw {{company}}'s launch.\n")
    assert words(doc) == ["Saw", "launch"]
    assert doc.word_count == 2


def test_subject_merge_fields() -> None:
    email = TextReader().read("Subject: {{first_name}}, quick question\n\nHi,\n\nBody text.\n", "x.txt")
    doc = Document.parse(email)
    assert [f.text for f in doc.subject_merge_fields] == ["{{first_name}}"]
    assert doc.merge_fields == []


# -- sentences, paragraphs, words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "I met Dr. Smith at 3 p.m. today. It went well.",
            ["I met Dr. Smith at 3 p.m. today.", "It went well."],
        ),
        ("We use e.g. Slack and i.e. email. Fine?", ["We use e.g. Slack and i.e. email.", "Fine?"]),
        ("Are you hiring? If so, when?! Let me know.", ["Are you hiring?", "If so, when?!", "Let me know."]),
        ("Revenue grew 3.5% in the U.S. last year.", ["Revenue grew 3.5% in the U.S. last year."]),
        ('She said "yes." Then we met.', ['She said "yes."', "Then we met."]),
        (
            "Three ideas:\n- faster onboarding\n- fewer tickets\n- happier reps",
            ["Three ideas:", "- faster onboarding", "- fewer tickets", "- happier reps"],
        ),
        ("Steps:\n1. reply\n2. book", ["Steps:", "1. reply", "2. book"]),
    ],
)
def test_sentence_splitting(body: str, expected: list[str]) -> None:
    doc = parse(f"Hi Dana,\n\n{body}\n\nBest,\nSam\n")
    assert sentences(doc) == expected


def test_questions_and_paragraphs() -> None:
    doc = parse(
        "Hi Dana,\n\nSaw your post. Are you hiring?\n\n"
        "We help:\n- one\n- two\n\nWorth a chat?\n\nBest,\nSam\n"
    )
    assert [doc.text_of(q) for q in doc.questions] == ["Are you hiring?", "Worth a chat?"]
    assert [p.text for p in doc.paragraphs] == [
        "Saw your post. Are you hiring?",
        "We help:\n- one\n- two",
        "Worth a chat?",
    ]
    assert [p.is_list for p in doc.paragraphs] == [False, True, False]
    assert doc.sentences[-1].paragraph == 2


def test_word_counts_exclude_merge_fields_greeting_and_signature() -> None:
    doc = parse(
        "Hi {{first_name}},\n\nI saw {{company}} raised a round, {{first_name}}.\n\nThanks,\nSam Lee\n"
    )
    assert words(doc) == ["I", "saw", "raised", "a", "round"]
    assert doc.word_count == 5


def test_reader_and_seller_references_and_links() -> None:
    doc = parse(
        "Hi Dana,\n\nI think your team and you'd like our tool: https://acme.example/x.\n\nBest,\nSam\n"
    )
    assert [doc.view[s.start : s.end] for s in doc.reader_refs] == ["your", "you'd"]
    assert [doc.view[s.start : s.end] for s in doc.seller_refs] == ["I", "our"]
    # A sentence's closing period is not part of the URL.
    assert [doc.view[s.start : s.end] for s in doc.links] == ["https://acme.example/x"]


def test_body_span() -> None:
    text = "Hi Dana,\n\nAre you hiring?\n\nBest,\nSam\n"
    doc = parse(text)
    assert doc.text_of(doc.body).strip() == "Are you hiring?"


def test_headers_are_not_part_of_the_view() -> None:
    email = TextReader().read(
        "Subject: Quick question\nFrom: sam@acme.example\n\nHi Dana,\n\nHiring?\n", "a.txt"
    )
    doc = Document.parse(email)
    assert doc.subject == "Quick question"
    assert doc.view == "Hi Dana,\n\nHiring?\n"
    assert sentences(doc) == ["Hiring?"]


def test_a_colon_line_is_not_taken_for_headers() -> None:
    email = TextReader().read("Note: this is the body.\n\nMore.\n", "a.txt")
    assert email.subject is None
    assert email.view.startswith("Note:")


def test_memo_computes_once() -> None:
    doc = parse("Hi Dana,\n\nHiring?\n")
    calls: list[int] = []

    def compute(d: Document) -> int:
        calls.append(1)
        return d.word_count

    assert doc.memo("n", compute) == doc.memo("n", compute) == 1
    assert calls == [1]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab \n\ue000", max_size=30),
    st.integers(0, 35),
    st.integers(0, 35),
    st.sampled_from([" ", "\ue000"]),
)
def test_fill_replaces_every_character_of_the_span_but_newlines(text: str, start: int, end: int, fill: str) -> None:
    from outreach_lint._document import _filled

    chars = list(text)
    for i in range(start, min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = fill
    part = text[start:end]
    assert text[:start] + _filled(part, fill) + text[start + len(part) :] == "".join(chars)
