"""Built-in rules: readability (OL5xx).

Defaults follow published evidence on sales email replies and are configurable:

- Boomerang (2016, analysis of 40+ million emails): bodies of 50-125 words got the
  most replies; emails written at about a 3rd-grade reading level replied better than
  college-level ones; emails asking one to three questions beat emails asking none
  (and more than three questions did worse).
- Lavender (cold-email guidance from its dataset): 25-50 words and a 5th-grade level
  do best for a first cold email.

The length and grade thresholds are set above those sweet spots (flagging only what is
clearly past them) so that a thoughtful, longer reply is not noise.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import TypeVar

from .._document import Document, Paragraph, Sentence
from .._models import Category, RuleOption, Severity
from .._rule import Hit, Rule
from ..hookspecs import hookimpl

CAT = Category.READABILITY.value
BOOMERANG = "Boomerang, 'How to Write an Email That Will Actually Get a Response' (2016)"
LAVENDER = "Lavender, cold email best practices (word count and reading level benchmarks)"


_SpanT = TypeVar("_SpanT", Sentence, Paragraph)


def _word_starts(doc: Document) -> list[int]:
    return [start for start, _ in doc.word_offsets]


def word_counts(doc: Document, spans: Sequence[_SpanT]) -> Iterator[tuple[_SpanT, int]]:
    """Each span (in document order) with the number of prose words that start in it."""
    starts = doc.memo("word-starts", _word_starts)  # the sentence and the paragraph rules both ask
    for span in spans:
        yield span, bisect_left(starts, span.end) - bisect_left(starts, span.start)


class TooLong(Rule):
    """## What it does
    Checks for email bodies longer than ``max-words`` words (default 200), not counting
    greeting, signature, quoted text or merge fields.

    ## Why is this bad?
    A buyer decides in seconds whether to read on. Boomerang's 2016 study of millions of
    emails found 50-125 words got the most replies, and reply rates fell as length grew
    past that; Lavender's cold-email data point even lower (25-50 words). Long emails are
    usually long because they describe the sender.

    ## Example
    ```text
    Hi Ana,

    {long}
    ```

    ## Use instead
    ```text
    Hi Ana,

    Your hiring page lists four planner roles for the new Reno site. Is the plan to move
    planners from Sparks, or hire them all locally?
    ```
    """

    code = "OL501"
    name = "too-long"
    category = CAT
    summary = "The body is longer than the evidence-based word limit."
    message = "The body has {n} words; emails past {limit} words get fewer replies."
    hint = "Cut to what this reader needs: their situation, one question or offer. Aim for 50-125 words."
    options = (
        RuleOption(
            name="max-words", default=200, help="Largest body word count that passes (Boomerang: 50-125 replied best)."
        ),
    )
    references = (BOOMERANG, LAVENDER)

    def documentation(self) -> str:
        filler = "We help teams like yours plan better every single week of the year. " * 30
        return super().documentation().replace("{long}", filler.strip())

    def check(self, doc: Document) -> Iterator[Hit]:
        limit = int(self.opt("max-words"))
        words = doc.word_offsets
        if len(words) > limit:
            yield Hit(words[limit][0], words[-1][1], message=self.message.format(n=len(words), limit=limit))


class ReadingGrade(Rule):
    """## What it does
    Checks for bodies whose Flesch-Kincaid grade level (computed by textstat) is above
    ``max-grade`` (default 10). Needs at least 30 words to judge.

    ## Why is this bad?
    Simple writing gets more replies. Boomerang found emails written at a 3rd-grade
    level replied better than those at a college level; Lavender recommends about 5th
    grade. Dense, jargon-heavy sentences read like marketing copy and cost the reader
    effort before they know why they should care.

    ## Example
    ```text
    Hi Ines,

    Our comprehensive enterprise-grade orchestration infrastructure facilitates
    organizational transformation through sophisticated interoperability capabilities,
    enabling multidimensional optimization across heterogeneous operational environments
    and accelerating strategic realization of institutional objectives. Consequently,
    stakeholders experience considerably diminished implementation complexity alongside
    substantially improved organizational agility.
    ```

    ## Use instead
    ```text
    Hi Ines,

    Your new plant in Akron opens in June. Most plants we see lose a week or two to
    parts that arrive late. Is that a worry for you, or is the supply side already set?
    ```
    """

    code = "OL502"
    name = "high-reading-grade"
    category = CAT
    summary = "The body's reading grade (Flesch-Kincaid, via textstat) is too high."
    message = "Reading grade {grade:.1f} is above {limit}; simpler writing gets more replies."
    hint = "Use shorter sentences and everyday words; aim for grade 5 to 8."
    severity = Severity.INFO
    needs_reading_grade = True
    options = (
        RuleOption(
            name="max-grade", default=10.0, help="Highest Flesch-Kincaid grade that passes (Boomerang: grade 3 best)."
        ),
        RuleOption(name="min-words-for-grade", default=30, help="Bodies shorter than this are not graded."),
    )
    references = (BOOMERANG, LAVENDER)

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.word_count < int(self.opt("min-words-for-grade")) or not doc.paragraphs:
            return
        grade = doc.reading_grade
        if grade is not None and grade > float(self.opt("max-grade")):
            span = max(doc.paragraphs, key=lambda p: p.end - p.start)
            yield Hit(span.start, span.end, message=self.message.format(grade=grade, limit=self.opt("max-grade")))


class LongSentence(Rule):
    """## What it does
    Checks for sentences longer than ``max-sentence-words`` words (default 35).

    ## Why is this bad?
    Long sentences are hard to follow on a phone, where most email is read. They
    usually pack several ideas together, and the reader drops the thread before the
    point arrives.

    ## Example
    ```text
    Hi Bo,

    I wanted to share that our team has been working with many companies in your space on a wide
    range of initiatives that cover planning, forecasting, budgeting, reporting and analytics so that
    their finance teams can spend less time on spreadsheets and more time on strategy.
    ```

    ## Use instead
    ```text
    Hi Bo,

    Your team is moving budgeting off spreadsheets this year. Which part worries you
    most: the data load or the approvals?
    ```
    """

    code = "OL503"
    name = "long-sentence"
    category = CAT
    summary = "A sentence is too long to read comfortably."
    message = "This sentence has {n} words; split it."
    hint = "Split it into two or three sentences with one idea each."
    severity = Severity.INFO
    options = (RuleOption(name="max-sentence-words", default=35, help="Longest sentence that passes, in words."),)

    def check(self, doc: Document) -> Iterator[Hit]:
        limit = int(self.opt("max-sentence-words"))
        for s, n in word_counts(doc, doc.sentences):
            if n > limit:
                yield Hit(s.start, s.end, message=self.message.format(n=n))


class WallOfText(Rule):
    """## What it does
    Checks for paragraphs longer than ``max-paragraph-words`` words (default 80).

    ## Why is this bad?
    A block of text on a small screen looks like work. Readers skim outreach; short
    paragraphs with one idea each let them see quickly whether the email is about them.

    ## Example
    ```text
    Hi Sol,

    {wall}
    ```

    ## Use instead
    ```text
    Hi Sol,

    Your Q3 plan adds a night shift at the Tulsa plant.

    Night shifts usually struggle with maintenance coverage first. How are you planning
    to cover it?
    ```
    """

    code = "OL504"
    name = "wall-of-text"
    category = CAT
    summary = "A paragraph is too long to skim."
    message = "This paragraph has {n} words; break it up."
    hint = "Keep paragraphs to two or three short sentences, one idea each."
    severity = Severity.INFO
    options = (RuleOption(name="max-paragraph-words", default=80, help="Longest paragraph that passes, in words."),)

    def documentation(self) -> str:
        filler = "The plan covers many things and each of them needs some thought from the team. " * 8
        return super().documentation().replace("{wall}", filler.strip())

    def check(self, doc: Document) -> Iterator[Hit]:
        limit = int(self.opt("max-paragraph-words"))
        for p, n in word_counts(doc, doc.paragraphs):
            if n > limit and not p.is_list:
                yield Hit(p.start, p.end, message=self.message.format(n=n))


class TooManyQuestions(Rule):
    """## What it does
    Checks for emails that ask more than ``max-questions`` questions (default 3).

    ## Why is this bad?
    One good question invites a reply; a list of them reads like a form to fill in.
    Boomerang's data showed emails with one to three questions got the most replies,
    and more questions than that did worse.

    ## Example
    ```text
    Hi Mia,

    How big is your team? What tools do you use? Who decides on budget? When is your
    renewal? Would you like a demo?
    ```

    ## Use instead
    ```text
    Hi Mia,

    Your renewal with the current vendor is in March. Is the team planning to re-bid it,
    or renew as is?
    ```
    """

    code = "OL505"
    name = "too-many-questions"
    category = CAT
    summary = "The email asks more questions than a reader will answer."
    message = "{n} questions; one to three get the most replies."
    hint = "Keep the one question that matters most to the reader."
    severity = Severity.INFO
    options = (RuleOption(name="max-questions", default=3, help="Most questions that pass (Boomerang: 1-3 best)."),)
    references = (BOOMERANG,)

    def check(self, doc: Document) -> Iterator[Hit]:
        questions = doc.questions
        if len(questions) > int(self.opt("max-questions")):
            extra = questions[int(self.opt("max-questions"))]
            yield Hit(extra.start, questions[-1].end, message=self.message.format(n=len(questions)))


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [TooLong(), ReadingGrade(), LongSentence(), WallOfText(), TooManyQuestions()]
