"""Built-in rules: volume over value (OL4xx).

Follow-ups are not bad in themselves: published data show a follow-up can lift reply
rates. What costs replies is a follow-up that adds nothing new for the reader, counts
the sender's attempts, guilt-trips, or presses for an answer. A follow-up that brings a
new fact, resource or question about the reader's situation is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._document import Document
from .._models import Category
from .._rule import Hit, Rule
from ..hookspecs import hookimpl
from ._signals import ATTEMPTS, CHASE, GUILT, PRESSURE, analyze

CAT = Category.VOLUME_OVER_VALUE.value


class EmptyFollowUp(Rule):
    """## What it does
    Checks for follow-ups that add nothing: "just following up", "circling back",
    "bumping this to the top of your inbox", "checking in", when no sentence brings new
    information, a resource or a question about the reader's situation. Restating the
    pitch or the sender's own news does not count as new.

    ## Why is this bad?
    A bump asks the reader to reopen the sender's agenda and gives them nothing in
    return. It trains the reader to ignore the sender. Following up is fine when the
    email brings something new and useful: a changed deadline, a relevant finding, an
    answer to their question.

    ## Example
    ```text
    Hi Ines,

    Just following up on my note from last week. Any thoughts?

    Tariq
    ```

    ## Use instead
    ```text
    Hi Ines,

    Following up with something new: the state moved the filing deadline for firms your
    size from July 1 to March 1. The two-paragraph summary is attached.

    Tariq
    ```
    """

    code = "OL401"
    name = "empty-follow-up"
    category = CAT
    summary = "A follow-up that only bumps the thread and adds nothing new."
    message = "Follow-up that adds nothing new ('{excerpt}')."
    hint = "Only follow up with something new and useful to the reader: a fact, a resource, an answer."

    def check(self, doc: Document) -> Iterator[Hit]:
        info = analyze(doc)
        chase = [s for s in info.sentences if s.chase]
        if not chase or any(s.adds_value for s in info.sentences):
            return
        first = chase[0].sentence
        m = CHASE.search(first.text)
        start = first.start + (m.start() if m else 0)
        end = first.start + (m.end() if m else len(first.text))
        excerpt = doc.view[start:end]
        yield Hit(start, end, message=self.message.format(excerpt=excerpt))


class ChasingAttempts(Rule):
    """## What it does
    Checks for chasing: "did you see my last email?", "I've tried reaching you several
    times", "haven't heard back", "I sent a note two weeks ago and again last Tuesday".

    ## Why is this bad?
    Counting attempts makes the email about the sender's frustration and implies the
    reader owes a reply. It adds nothing the reader can use and makes replying feel like
    an admission. If the earlier note mattered, resend its substance in a new, useful form.

    ## Example
    ```text
    Hi Gus,

    I've tried reaching you a few times and haven't heard back. Did you see my last email?
    ```

    ## Use instead
    ```text
    Hi Gus,

    The carrier audit template from my earlier note now includes the fuel-surcharge check
    you asked about in March. It's attached.
    ```
    """

    code = "OL402"
    name = "chasing-attempts"
    category = CAT
    summary = "Counts the sender's attempts or asks whether earlier emails were seen."
    message = "Chasing ('{excerpt}'): this is about the sender's attempts, not the reader."
    hint = "Drop the attempt count; send something new the reader can use, or stop."

    def check(self, doc: Document) -> Iterator[Hit]:
        info = analyze(doc)
        # A graceful last note may mention the silence while leaving something useful;
        # counting attempts is chasing when nothing new is offered or the reply is pressed for.
        if any(s.adds_value for s in info.sentences) and not (GUILT.search(doc.prose) or PRESSURE.search(doc.prose)):
            return
        for m in ATTEMPTS.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0)))


class GuiltTripBreakup(Rule):
    """## What it does
    Checks for guilt-trip and jokey "breakup" emails: "should I close your file?",
    "I'll assume you're not interested", "I don't want to be a pest", "have you been
    kidnapped?", "this will be my last email unless I hear from you".

    ## Why is this bad?
    The breakup email tries to make silence feel rude so the reader replies out of guilt.
    It is a widely copied template, it damages goodwill the sender may need later, and it
    gives the reader nothing. A graceful last note that leaves something useful and asks
    for nothing is fine and is not flagged.

    ## Example
    ```text
    Hi Ada,

    I haven't heard back, so I'll assume this isn't a priority. Should I close your file?
    ```

    ## Use instead
    ```text
    Hi Ada,

    This is my last note. The lapsed-donor checklist I mentioned is attached; use it or
    don't, no reply needed.
    ```
    """

    code = "OL403"
    name = "guilt-trip-breakup"
    category = CAT
    summary = "A breakup email that uses guilt or jokes to extract a reply."
    message = "Guilt-trip breakup ('{excerpt}'): it pressures the reader instead of helping."
    hint = "End gracefully: leave one useful thing and ask for nothing, or simply stop writing."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in GUILT.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0)))


class ReplyPressure(Rule):
    """## What it does
    Checks for pressure to reply: "let me know either way", "even a one-word answer would
    help", "reply by Friday", "I'll keep an eye out for your reply and check back next
    week".

    ## Why is this bad?
    The reader owes the sender nothing. Pressing for an answer turns the email into a
    task for the reader and serves the sender's pipeline hygiene, not the reader. If the
    email is useful, the reply comes without pressure.

    ## Example
    ```text
    Hi Lin,

    Could you let me know either way? Even a one-word answer would help.
    ```

    ## Use instead
    ```text
    Hi Lin,

    No need to reply; the comparison sheet is attached for when the review comes up.
    ```
    """

    code = "OL404"
    name = "reply-pressure"
    category = CAT
    summary = "Presses the reader for a reply or a status update."
    message = "Reply pressure ('{excerpt}'): the reader is asked to do something for the sender."
    hint = "Remove the push for a reply; make the email useful enough to answer on its own."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in PRESSURE.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0)))


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [EmptyFollowUp(), ChasingAttempts(), GuiltTripBreakup(), ReplyPressure()]
