"""Built-in rules: missing references to the customer's goals (OL3xx).

An email that never engages the reader's own goals, priorities, problems or situation
could have been sent to anyone. Merge fields for name and company do not count; a
specific, plausible fact about the reader or a genuine question about their situation
does.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._document import Document
from .._models import Category, Severity
from .._rule import Hit, Rule
from ..hookspecs import hookimpl
from ._signals import analyze

CAT = Category.CUSTOMER_GOAL.value


def _first_content(doc: Document) -> tuple[int, int] | None:
    paras = doc.paragraphs
    if not paras:
        return None
    return paras[0].start, paras[0].end


class NoReaderContext(Rule):
    """## What it does
    Checks for emails that never refer to the reader's own situation: no fact about
    their company, plans, numbers or words, and no genuine question about their goals.
    Merge fields for name and company, claims about "most teams", and meeting requests
    do not count as a reference.

    ## Why is this bad?
    If the email could be sent unchanged to a thousand people, the reader can tell, and
    treats it as bulk mail. Buyers answer people who show they understand the change the
    buyer is working through; one specific observation or one real question about their
    situation does more than any amount of product description.

    ## Example
    ```text
    Hi {{first_name}},

    Our scheduling software helps teams save time and reduce overtime. It is easy to set
    up and works with every payroll system.

    Would you be open to a quick call?
    ```

    ## Use instead
    ```text
    Hi {{first_name}},

    Your job board lists eleven night-shift openings at the Dayton plant. Is overtime
    covering the gap for now, or are some lines running short?
    ```
    """

    code = "OL301"
    name = "no-reader-context"
    category = CAT
    summary = "Nothing in the email refers to the reader's goals, situation or challenges."
    message = "Nothing here refers to the reader's situation; the email could be sent to anyone."
    hint = (
        "Add one specific, checkable fact about the reader (a plan, number, post, deadline) "
        "or a real question about it."
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.sentences or analyze(doc).engages_reader:
            return
        span = _first_content(doc)
        if span is not None:
            yield Hit(*span)


class NoGenuineQuestion(Rule):
    """## What it does
    Checks for emails that ask no question about the reader's situation. Meeting
    requests ("Do you have 15 minutes?"), gatekeeper asks and rhetorical questions are
    not questions about the reader.

    ## Why is this bad?
    A real question invites the reader to think about their own problem and gives them a
    reason to reply that is about them. Large studies of sales email (e.g. Boomerang's
    2016 analysis) found emails with one to three questions got more replies than emails
    with none. Off by default: a useful note that asks nothing (a resource, a changed
    deadline) is also good outreach.

    ## Example
    ```text
    Hi Ray,

    We help logistics teams reduce detention fees. Would you have 15 minutes on Friday?
    ```

    ## Use instead
    ```text
    Hi Ray,

    Detention at the Joliet dock came up in your Q3 call. Is it mostly the Monday
    inbound, or spread across the week?
    ```
    """

    code = "OL302"
    name = "no-genuine-question"
    category = CAT
    summary = "The email asks no real question about the reader's situation."
    message = "No question about the reader's situation; meeting requests don't count."
    hint = "Ask one question whose answer you don't know and that matters to the reader."
    severity = Severity.INFO
    enabled_by_default = False
    references = ("Boomerang, 'How to Write an Email That Will Actually Get a Response' (2016)",)

    def check(self, doc: Document) -> Iterator[Hit]:
        info = analyze(doc)
        if not doc.sentences or any(s.genuine_question for s in info.sentences):
            return
        asks = [s for s in info.sentences if s.sentence.is_question] or info.sentences[-1:]
        yield Hit(asks[-1].sentence.start, asks[-1].sentence.end)


class ProductBeforeProblem(Rule):
    """## What it does
    Checks for emails whose first paragraph presents the sender's product or company
    before any problem of the reader's has been named.

    ## Why is this bad?
    Leading with the product tells the reader the email is a pitch before they have any
    reason to care. Buyers engage when the email starts from their situation. Off by
    default because a short self-introduction before a strong reader reference is common
    and not always harmful.

    ## Example
    ```text
    Hi Mo,

    We are Brightline, a platform for automated vendor onboarding with 40 integrations.

    Your procurement team posted two openings last week; is onboarding the bottleneck?
    ```

    ## Use instead
    ```text
    Hi Mo,

    Your procurement team posted two openings last week. Is vendor onboarding the
    bottleneck, or is it contract review?
    ```
    """

    code = "OL303"
    name = "product-before-problem"
    category = CAT
    summary = "The first paragraph is about the product, before any problem of the reader's."
    message = "The email leads with the sender's product before naming any problem of the reader's."
    hint = "Open with the reader's situation; introduce the product only when it answers something they care about."
    enabled_by_default = False

    def check(self, doc: Document) -> Iterator[Hit]:
        info = analyze(doc)
        if not info.sentences:
            return
        first_para = info.sentences[0].sentence.paragraph
        first = [s for s in info.sentences if s.sentence.paragraph == first_para]
        if any(s.seller_focus for s in first) and not any(s.reader_specific or s.genuine_question for s in first):
            para = doc.paragraphs[first_para]
            yield Hit(para.start, para.end)


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [NoReaderContext(), NoGenuineQuestion(), ProductBeforeProblem()]
