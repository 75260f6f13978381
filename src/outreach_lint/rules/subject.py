"""Built-in rules: subject lines (OL6xx).

The subject is the first thing a buyer reads and the main reason an email is opened or
deleted. (A fake ``Re:``/``Fwd:`` is a scripted-pitch device: see OL209.)
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._document import Document
from .._fastre import compile_phrases
from .._models import Category, RuleOption, Severity
from .._rule import Hit, Rule
from ..hookspecs import hookimpl

CAT = Category.SUBJECT.value
_WORD = compile_phrases(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


class SubjectTooLong(Rule):
    """## What it does
    Checks for subject lines longer than ``max-subject-words`` words (default 8).

    ## Why is this bad?
    Long subjects are cut off on phones, and they usually read like a headline for an
    ad. Boomerang's 2016 analysis found subjects of three to four words got the most
    replies. A short subject about the reader's situation works best.

    ## Example
    ```text
    Subject: Discover how our award winning platform can transform your entire sales process today

    Hi Jo, your team doubled this year. How is onboarding holding up?
    ```

    ## Use instead
    ```text
    Subject: Onboarding the new Austin reps

    Hi Jo, your team doubled this year. How is onboarding holding up?
    ```
    """

    code = "OL601"
    name = "subject-too-long"
    category = CAT
    summary = "The subject line has too many words."
    message = "The subject has {n} words; short subjects (3-4 words) get the most replies."
    hint = "Name the reader's situation in a few words."
    severity = Severity.INFO
    options = (RuleOption(name="max-subject-words", default=8, help="Longest subject that passes, in words."),)
    references = ("Boomerang, 'Subject lines: 3-4 words' (2016)",)

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.subject:
            return
        words = list(_WORD.finditer(doc.subject))
        limit = int(self.opt("max-subject-words"))
        if len(words) > limit:
            yield Hit(words[limit].start(), words[-1].end(), part="subject", message=self.message.format(n=len(words)))


class SubjectAllCaps(Rule):
    """## What it does
    Checks for subject lines written in capital letters (two or more all-caps words,
    ignoring short acronyms).

    ## Why is this bad?
    Capitals read as shouting and are a classic spam signal; filters and people both
    discount them.

    ## Example
    ```text
    Subject: LAST CHANCE TO SAVE

    Hi Al, your renewal is in May.
    ```

    ## Use instead
    ```text
    Subject: Your May renewal

    Hi Al, your renewal is in May.
    ```
    """

    code = "OL602"
    name = "subject-all-caps"
    category = CAT
    summary = "The subject line shouts in capital letters."
    message = "The subject is in capitals, which reads as shouting and as spam."
    hint = "Write the subject in sentence case."

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.subject:
            return
        caps = [m for m in _WORD.finditer(doc.subject) if len(m.group(0)) >= 4 and m.group(0).isupper()]
        letters = [c for c in doc.subject if c.isalpha()]
        if len(caps) >= 2 or (letters and len(letters) >= 8 and all(c.isupper() for c in letters)):
            yield Hit(caps[0].start() if caps else 0, caps[-1].end() if caps else len(doc.subject), part="subject")


_SPAM = compile_phrases(
    r"\b(?:free|100%|guarantee[ds]?|risk[- ]free|act now|urgent|winner|congratulations|cash|earn (?:money|\$)|"
    r"no obligation|limited time|last chance|don'?t miss|exclusive deal|special offer|\d+% off|buy now|click here|"
    r"double your|once in a lifetime|amazing|incredible|miracle|lowest price|best price)\b|\${2,}|(?<!\w)\$\d",
    regex.I,
)


class SubjectSpamWords(Rule):
    """## What it does
    Checks for spam-trigger words in the subject: "free", "guaranteed", "act now",
    "urgent", "last chance", "% off", "$$$".

    ## Why is this bad?
    These words are what spam filters and wary readers look for. Even when the email is
    delivered, they frame it as an ad before the reader opens it.

    ## Example
    ```text
    Subject: FREE audit - act now!

    Hi Bea, happy to help with the audit.
    ```

    ## Use instead
    ```text
    Subject: Your June audit window

    Hi Bea, happy to help with the audit.
    ```
    """

    code = "OL603"
    name = "subject-spam-words"
    category = CAT
    summary = "The subject uses words that spam filters and readers distrust."
    message = "Spam-trigger word in the subject ('{excerpt}')."
    hint = "Say plainly what the email is about for the reader."

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.subject:
            for m in _SPAM.finditer(doc.subject):
                yield Hit(m.start(), m.end(), part="subject", message=self.message.format(excerpt=m.group(0)))


_URGENCY_EMOJI = "\U0001F525\U0001F6A8\u23F0\u203C\U0001F4B0\U0001F680\U0001F4A5\u2757\u26A0"
_CLICKBAIT = compile_phrases(rf"[!?]{{2,}}|[!?]\s*[!?]|[{_URGENCY_EMOJI}]")


class SubjectClickbait(Rule):
    """## What it does
    Checks for clickbait punctuation and urgency emoji in the subject: "!!", "?!",
    🔥, 🚨, ⏰, 🚀.

    ## Why is this bad?
    Punctuation and emoji that shout urgency read as an ad or a trick. Buyers open
    emails that look like they come from a person who has something relevant to say.

    ## Example
    ```text
    Subject: Don't miss this!!! 🚀

    Hi Cy, your Q3 launch is close.
    ```

    ## Use instead
    ```text
    Subject: Your Q3 launch checklist

    Hi Cy, your Q3 launch is close.
    ```
    """

    code = "OL604"
    name = "subject-clickbait"
    category = CAT
    summary = "Clickbait punctuation or urgency emoji in the subject."
    message = "Clickbait punctuation or emoji in the subject ('{excerpt}')."
    hint = "Drop the punctuation and emoji; let the topic carry the subject."

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.subject:
            for m in _CLICKBAIT.finditer(doc.subject):
                yield Hit(m.start(), m.end(), part="subject", message=self.message.format(excerpt=m.group(0)))


class EmptySubject(Rule):
    """## What it does
    Checks for a ``Subject:`` header (or front matter key) that is present but empty.

    ## Why is this bad?
    An empty subject looks like a mistake or spam, and gives the reader no reason to
    open the email. Often it is a template whose subject field was never filled in.

    ## Example
    ```text
    Subject:

    Hi Di, your audit is in June.
    ```

    ## Use instead
    ```text
    Subject: Your June audit

    Hi Di, your audit is in June.
    ```
    """

    code = "OL605"
    name = "empty-subject"
    category = CAT
    summary = "The subject line is empty."
    message = "The subject line is empty."
    hint = "Write a short subject about the reader's situation."

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.subject is not None and not doc.subject.strip():
            yield Hit(0, len(doc.subject), part="subject")


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [SubjectTooLong(), SubjectAllCaps(), SubjectSpamWords(), SubjectClickbait(), EmptySubject()]
