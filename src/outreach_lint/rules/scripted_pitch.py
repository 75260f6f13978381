"""Built-in rules: scripted pitches (OL2xx).

Emails that run on sales mechanics rather than on thought about this reader: meeting
grabs, either/or closes, rhetorical questions built to get a "yes", fear hooks, fake
reply subjects and multiple-choice replies. Phrase-only rules of this family live in the
declarative pack ``rules/scripted-pitch.toml`` (OL201, OL204, OL206-OL208).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._document import Document
from .._fastre import compile_phrases
from .._models import Category
from .._rule import Hit, Rule
from ..hookspecs import hookimpl
from ._signals import IMAGINE_START, MEETING, RHETORICAL

CAT = Category.SCRIPTED_PITCH.value


class MeetingGrab(Rule):
    """## What it does
    Checks for asks for the reader's time before there is a reason to meet: "a quick
    call", "15 minutes of your time", "hop on a call", "touch base", "worth a quick chat".

    ## Why is this bad?
    A stranger asking for a meeting asks the reader to pay for the sender's discovery.
    The phrasing is the most recognisable script in outbound sales; buyers who have not
    been given a reason to talk ignore it. Offer something useful or ask a real question
    first; the meeting follows when the reader sees value in it.

    ## Example
    ```text
    Hi Noor,

    Do you have 15 minutes this week for a quick call?
    ```

    ## Use instead
    ```text
    Hi Noor,

    If it helps, I can send the two-page checklist we use for carrier audits. No call needed.
    ```
    """

    code = "OL202"
    name = "meeting-grab"
    category = CAT
    summary = "Asks for a call or minutes of the reader's time before giving a reason."
    message = "Meeting grab ('{excerpt}'): the reader is asked for time before seeing any value."
    hint = "Offer something useful or ask a real question about their situation; let them suggest the call."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in MEETING.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0)))


_SLOT = (
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening))?(?:\s+at\s+\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?)?"
    r"|tomorrow|(?:this|next) week|morning|afternoon|\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)"
)
_EITHER_OR = compile_phrases(rf"\b(?:{_SLOT})\b[^.?!\n]{{0,30}}?\bor\b[^.?!\n]{{0,20}}?\b(?:{_SLOT})\b", regex.I)
_ASSUMED_SLOT = compile_phrases(
    rf"\b(?:would|does|will|how about|how's|how is|can you do|are you free|I've penciled in|I have penciled in|"
    rf"I've pencilled in|I'll send an invite for)\b[^.?!\n]{{0,25}}?\b(?:{_SLOT})\b[^.?!\n]{{0,25}}(?:work|suit|free)?",
    regex.I,
)
_WHICH_BETTER = compile_phrases(r"\b(?:which|what) (?:one |time |day )?(?:works|suits) (?:better|best)\b", regex.I)


class AssumptiveClose(Rule):
    """## What it does
    Checks for assumptive and either/or closes: "Does Tuesday or Wednesday work
    better?", "Would Thursday at 2pm work?", "I've penciled in Tuesday at 10".

    ## Why is this bad?
    The alternative close is a classic sales device: it skips the question of whether
    the reader wants to meet at all. Buyers recognise it, and it reads as pushy from
    someone they have never spoken to.

    ## Example
    ```text
    Hi Tom,

    Does Tuesday or Thursday afternoon work better for a demo?
    ```

    ## Use instead
    ```text
    Hi Tom,

    If comparing notes would help before your vendor review, I'm happy to; otherwise,
    the summary is attached.
    ```
    """

    code = "OL203"
    name = "assumptive-close"
    category = CAT
    summary = "Proposes meeting slots (either/or or a set time) as if the reader had agreed to meet."
    message = "Assumptive close: offers time slots before the reader has agreed to talk."
    hint = "Ask whether talking would help at all, or offer something they can use without a meeting."

    def check(self, doc: Document) -> Iterator[Hit]:
        for s in doc.sentences:
            m = _EITHER_OR.search(s.text) or _ASSUMED_SLOT.search(s.text)
            if m is None and s.is_question and _WHICH_BETTER.search(s.text):
                m = _WHICH_BETTER.search(s.text)
            if m is not None and (s.is_question or "pencil" in s.text.lower() or "invite" in s.text.lower()):
                yield Hit(s.start, s.end)


class RhetoricalQuestion(Rule):
    """## What it does
    Checks for leading and rhetorical questions built to get a "yes": "Wouldn't you like
    to ...?", "What if I told you ...?", "Imagine ...", "Tired of ...?", "What would it
    take ...?", "If I could show you ..., would you ...?".

    ## Why is this bad?
    These questions are not asking anything: the sender already knows the answer they
    want. Buyers recognise the copywriting and feel handled. A real question is one whose
    answer the sender does not know and that matters to the reader's decision.

    ## Example
    ```text
    Hi Val,

    Wouldn't you like to close deals 40% faster? Imagine your reps never prospecting again.
    ```

    ## Use instead
    ```text
    Hi Val,

    Your team doubled its SDR headcount this year. Is ramp time holding up, or is it
    slipping as the team grows?
    ```
    """

    code = "OL205"
    name = "rhetorical-question"
    category = CAT
    summary = "Leading questions and 'imagine' copy built to get a yes, not to learn anything."
    message = "Rhetorical pitch ('{excerpt}'): it asks nothing the sender doesn't already know."
    hint = "Ask something whose answer you don't know and that matters to the reader's decision."

    def check(self, doc: Document) -> Iterator[Hit]:
        for s in doc.sentences:
            m = RHETORICAL.search(s.text)
            if m is None:
                continue
            word = m.group(0).lower()
            # "imagine" and "struggling with" are fine in plain statements ("I imagine your team ...").
            if word == "imagine" and not IMAGINE_START.match(s.text):
                continue
            if word.startswith("struggling") and not s.is_question:
                continue
            start = s.start + m.start()
            yield Hit(start, s.start + m.end(), message=self.message.format(excerpt=m.group(0)))


_GENERIC_HOOK = compile_phrases(
    r"^\W*(?:\d+\s?%|most|many|nearly all|the majority of)\s+(?:of\s+)?(?:\w+\s+){0,2}"
    r"(?:teams|leaders|companies|businesses|"
    r"organizations|operators|CMOs|CFOs|CEOs|CTOs|VPs|managers|reps|marketers|retailers|brands|firms|shops|executives)\b"
    r"[^.?!]{0,80}\b(?:are|aren't|don't|leave|leaving|lose|losing|waste|wasting|struggle|overspend\w*|miss\w*|making|"
    r"shocked|surprised|unaware|fail\w*|costing)\b"
    r"|\bcosts? (?:you )?more than you (?:think|realize)\b|\b(?:there'?s|found) a better way\b|\bit'?s costing\b"
    r"|\bhidden cost\b|\bsilently (?:killing|draining)\b|\bquietly drain\w*\b",
    regex.I,
)


class GenericHook(Rule):
    """## What it does
    Checks for fear-based and persona hooks: "90% of CFOs are making this mistake",
    "Most marketing leaders leave money on the table", "It costs more than you think",
    "There's a better way": the pain-agitate-solve template.

    ## Why is this bad?
    A claim about "most" people in the reader's role is not about the reader. It is the
    opening move of a copywriting formula, designed to unsettle rather than inform, and
    it signals that the sender has not looked at the reader's actual situation.

    ## Example
    ```text
    Hi Kim,

    Most operations leaders are losing margin to late shipments and don't even know it.
    There's a better way.
    ```

    ## Use instead
    ```text
    Hi Kim,

    Your Q2 report mentions chargebacks from two retailers. Are those mostly late
    deliveries, or labeling errors?
    ```
    """

    code = "OL211"
    name = "generic-hook"
    category = CAT
    summary = "A fear statistic or 'most people like you' claim used as a hook."
    message = "Generic hook: a claim about people in the reader's role, not about the reader."
    hint = "Replace the statistic with one concrete observation about this reader's situation."

    def check(self, doc: Document) -> Iterator[Hit]:
        for s in doc.sentences:
            m = _GENERIC_HOOK.search(s.text)
            if m is not None:
                yield Hit(s.start, s.end)


_REPLY_PREFIX = compile_phrases(r"^\s*(?:(?:re|fwd?|fw|aw|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+", regex.I)


class FakeReplySubject(Rule):
    """## What it does
    Checks for subjects that start with "Re:" or "Fwd:" on a first message: no quoted
    thread below and no earlier step in a sequence.

    ## Why is this bad?
    A fake "Re:" pretends the reader is already in a conversation with the sender. It may
    lift opens once, but the reader notices the trick on reading and trusts nothing after
    it. In a sequence, later steps sent as real replies in the same thread are fine.

    ## Example
    ```text
    Subject: Re: our conversation

    Hi Pat, we help teams like yours automate invoicing.
    ```

    ## Use instead
    ```text
    Subject: Invoice approvals at the new Leeds office

    Hi Pat, your Leeds office opened in May. How are invoice approvals split between the sites?
    ```
    """

    code = "OL209"
    name = "fake-reply-subject"
    category = CAT
    summary = "A 'Re:' or 'Fwd:' subject on an email that is not a reply."
    message = "The subject pretends to continue a thread ('{excerpt}'), but nothing is being replied to."
    hint = "Write a plain subject about the reader's situation; use Re: only when replying in a real thread."

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.subject or doc.quoted or (doc.step or 1) > 1:
            return
        m = _REPLY_PREFIX.match(doc.subject)
        if m is not None:
            yield Hit(m.start(), m.end(), part="subject", message=self.message.format(excerpt=m.group(0).strip()))


_MULTIPLE_CHOICE = compile_phrases(
    r"\breply (?:with )?(?:a |the )?(?:number|\d(?:,? (?:or )?\d)+)\b"
    r"|\bjust (?:reply|respond|hit reply)\b[^.?!\n]{0,30}"
    r"(?:\bnumber\b|\b\d\b|\"?yes\"?|\"?no\"?)|\bone of (?:three|two|these|the following) (?:things|options|reasons)\b"
    r"|\bjust reply \"|\breply \"(?:yes|no|1|2|3)\"",
    regex.I,
)


class MultipleChoiceReply(Rule):
    """## What it does
    Checks for reply devices that turn the reader's answer into a multiple-choice form or
    a one-word "yes": "just reply with a number", "reply 1, 2 or 3", "one of three things".

    ## Why is this bad?
    The device exists to extract a reply, not to help the reader. It is a recognisable
    template (often in "breakup" emails) and treats the reader as a lead to be sorted.

    ## Example
    ```text
    Hi Bo,

    To make it easy, just reply with a number:
    1. Interested
    2. Not now
    3. Stop emailing me
    ```

    ## Use instead
    ```text
    Hi Bo,

    I'll stop here. The rollout checklist is attached in case it's useful later.
    ```
    """

    code = "OL210"
    name = "multiple-choice-reply"
    category = CAT
    summary = "Asks for a numbered or one-word reply instead of a real answer."
    message = "Scripted reply device: the reader is asked to pick an option, not to tell you anything."
    hint = "Drop the device; ask one real question or end with something useful."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in _MULTIPLE_CHOICE.finditer(doc.prose):
            yield Hit(m.start(), m.end())


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [
        MeetingGrab(),
        AssumptiveClose(),
        RhetoricalQuestion(),
        FakeReplySubject(),
        MultipleChoiceReply(),
        GenericHook(),
    ]
