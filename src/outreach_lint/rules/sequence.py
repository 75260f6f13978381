"""Built-in sequence rules (OL8xx): a cadence judged as a whole, for volume over value.

The thresholds are defaults drawn from published cold-email benchmarks (vendors'
analyses of their own sending data, so approximate and self-reported): most replies
come from the first email (Instantly's 2026 benchmark: about 58%; sales.co: about 69%),
sequences of roughly 4-7 emails are the commonly cited range before returns fade, and
cadences in those reports wait about 2-4 days before the first follow-up and a week or
more between later ones. Google's bulk-sender guidelines (2024) ask senders to keep
user-reported spam below 0.3%, which every unwanted touch pushes against. Each
threshold is an option, so a team can set its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from .._document import MERGE_CHAR, Document
from .._fastre import compile_phrases
from .._models import Category, RuleOption
from .._rule import Hit
from .._sequence_rule import SequenceRule
from ..hookspecs import hookimpl

CAT = Category.VOLUME_OVER_VALUE.value
REFERENCES = (
    "Instantly, Cold Email Benchmark Report 2026 (first email about 58% of replies; 4-7 emails)",
    "Woodpecker, cold email follow-up statistics (sequences of 4-7 steps)",
    "Google, Email sender guidelines (2024): keep user-reported spam below 0.3%",
)


def anchor(doc: Document) -> Hit:
    """The span findings about a whole step point at: its first sentence (or the start)."""
    if doc.sentences:
        s = doc.sentences[0]
        return Hit(s.start, s.end)
    return Hit(0, 0)


def _days(delays: Sequence[float | None]) -> list[float | None]:
    """Day of each step counted from step 1, ``None`` once a delay is unknown."""
    out: list[float | None] = []
    day: float | None = 0.0
    for i, d in enumerate(delays):
        day = 0.0 if i == 0 else (None if day is None or d is None else day + d)
        out.append(day)
    return out


class TooManySteps(SequenceRule):
    """## What it does
    Checks for sequences with more steps than `max-steps` (default 7), and flags the first
    step past the limit.

    ## Why is this bad?
    Published benchmarks agree that most replies come from the first email and that
    returns fade after roughly four to seven emails, while every extra unanswered touch
    risks a spam report. A long sequence sends volume where a better first email would
    have earned the reply.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, your Lisbon depot opens in May. How are you staffing the night shift?
    --- step 2 (delay 3 days) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    --- step 3 (delay 4 days) ---
    Here is the checklist Porto used: https://example.com/porto
    --- step 4 (delay 7 days) ---
    Would a 2-page summary of the Braga rollout help?
    --- step 5 (delay 7 days) ---
    One more data point: Faro cut overtime 12% with split shifts.
    --- step 6 (delay 7 days) ---
    Is night staffing still open for May?
    --- step 7 (delay 7 days) ---
    Coimbra's depot manager offered to talk to you about it.
    --- step 8 (delay 7 days) ---
    Should I keep sending these?
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, your Lisbon depot opens in May. How are you staffing the night shift?
    --- step 2 (delay 4 days) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    --- step 3 (delay 10 days) ---
    Here is the checklist Porto used: https://example.com/porto
    ```
    """

    code = "OL801"
    name = "too-many-steps"
    category = CAT
    summary = "A sequence with more steps than the reader can be expected to want."
    message = "Step {step} of {total}: the sequence is longer than {limit} steps."
    hint = "Cut the sequence to the steps that each bring the reader something new."
    options = (
        RuleOption(name="max-steps", default=7, help="Most steps a sequence may have (benchmarks: 4-7)."),
    )
    references = REFERENCES

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        limit = int(self.opt("max-steps"))
        if len(docs) > limit:
            msg = self.message.format(step=limit + 1, total=len(docs), limit=limit)
            yield limit, Hit(anchor(docs[limit]).start, anchor(docs[limit]).end, msg)


class TouchesInShortWindow(SequenceRule):
    """## What it does
    Checks for more than `max-touches` emails (default 3) within any `window-days` days
    (default 7), counting from the delays between steps.

    ## Why is this bad?
    Three emails in a week to someone who has not answered reads as pressure, not help.
    The cadences published by sending platforms space follow-ups days apart and stretch
    the gaps as the sequence goes on; bunching touches mainly raises the chance of an
    unsubscribe or a spam report.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 2 days) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    --- step 3 (delay 2 days) ---
    Here is the checklist Porto used: https://example.com/porto
    --- step 4 (delay 2 days) ---
    Would a 2-page summary of the Braga rollout help?
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 3 days) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    --- step 3 (delay 7 days) ---
    Here is the checklist Porto used: https://example.com/porto
    ```
    """

    code = "OL802"
    name = "touches-in-short-window"
    category = CAT
    summary = "Too many emails within a few days."
    message = "{count} emails within {window:g} days (steps {first}-{last})."
    hint = "Space the steps out: days apart at first, a week or more later on."
    options = (
        RuleOption(name="max-touches", default=3, help="Most emails allowed within window-days."),
        RuleOption(
            name="window-days", default=7.0, help="Length of the window in days (benchmarks: 3-7 day gaps)."
        ),
    )
    references = REFERENCES

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        days = _days(delays)
        limit, window = int(self.opt("max-touches")), float(self.opt("window-days"))
        first = 0
        for i, day in enumerate(days):
            if day is None:
                return
            while (d0 := days[first]) is not None and day - d0 >= window:
                first += 1
            if i - first + 1 > limit:
                msg = self.message.format(count=i - first + 1, window=window, first=first + 1, last=i + 1)
                a = anchor(docs[i])
                yield i, Hit(a.start, a.end, msg)
                return


class FollowUpTooSoon(SequenceRule):
    """## What it does
    Checks for follow-ups sent less than `min-gap-days` (default 2) after the previous
    step.

    ## Why is this bad?
    A reader who has not answered in a day has not had time to. A next-day follow-up
    says the sender's schedule matters more than the reader's; published cadences wait
    two to four days before the first follow-up.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 1 day) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 4 days) ---
    The new shift law caps nights at 8 hours. Does that change your plan?
    ```
    """

    code = "OL803"
    name = "follow-up-too-soon"
    category = CAT
    summary = "A follow-up sent too soon after the previous step."
    message = "Step {step} follows the previous one after {gap:g} day(s); wait at least {limit:g}."
    hint = "Give the reader time to answer before writing again."
    options = (
        RuleOption(name="min-gap-days", default=2.0, help="Fewest days between steps (benchmarks: 2-4)."),
    )
    references = REFERENCES

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        limit = float(self.opt("min-gap-days"))
        for i in range(1, len(docs)):
            gap = delays[i] if i < len(delays) else None
            if gap is not None and gap < limit:
                a = anchor(docs[i])
                yield i, Hit(a.start, a.end, self.message.format(step=i + 1, gap=gap, limit=limit))


# -- content comparison ----------------------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’]*")


def _words(doc: Document) -> list[str]:
    return [w.lower() for w in _WORD.findall(doc.prose.replace(MERGE_CHAR, " "))]


def shingles(words: Sequence[str], k: int = 3) -> set[tuple[str, ...]]:
    """The set of ``k``-word runs of a text (its words when shorter than ``k``)."""
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """|a & b| / |a | b|, 0 for two empty sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


class RepeatedStep(SequenceRule):
    """## What it does
    Checks for steps that repeat an earlier step nearly word for word (3-word shingle
    Jaccard similarity of at least `min-similarity`, default 0.5).

    ## Why is this bad?
    Sending the same email again tells the reader the sender assumed they missed it,
    not that they chose not to answer. It costs them a second read and gives them
    nothing new to answer.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, our platform helps logistics teams cut overtime and plan night shifts faster.
    Can we set up a call this week?
    --- step 2 (delay 4 days) ---
    Hi Ana, our platform helps logistics teams cut overtime and plan night shifts faster.
    Can we set up a call next week?
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 4 days) ---
    The new shift law caps nights at 8 hours from June. Does that change your plan?
    ```
    """

    code = "OL804"
    name = "repeated-step"
    category = CAT
    summary = "A step that repeats an earlier step."
    message = "Step {step} repeats step {earlier} ({share:.0%} of their 3-word phrases are shared)."
    hint = "Send something new, or nothing: a fact, a resource or a question the reader has not seen."
    options = (
        RuleOption(name="min-similarity", default=0.5, help="Jaccard similarity at which a step repeats."),
    )

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        limit = float(self.opt("min-similarity"))
        seen = [shingles(_words(d)) for d in docs]
        for i in range(1, len(docs)):
            best = max(range(i), key=lambda j: jaccard(seen[i], seen[j]))
            share = jaccard(seen[i], seen[best])
            if seen[i] and share >= limit:
                a = anchor(docs[i])
                yield i, Hit(a.start, a.end, self.message.format(step=i + 1, earlier=best + 1, share=share))


_NUMBER = regex.compile(r"\d[\d,.:%/]*")
_NAMED = regex.compile(r"(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}[\p{L}\p{N}&'’.-]+")
# Phrase patterns: compiled on first use (single emails never need them) and prefiltered.
_OFFER = compile_phrases(
    r"\b(?:attach(?:ed|ment)?|case stud(?:y|ies)|checklist|guide|template|report|benchmark|summary|teardown|"
    r"video|recording|one-pager|sample|playbook|intro(?:duce|duction)?|data|study|survey|calculator|"
    r"(?:happy|glad) to (?:send|share|introduce|show)|here(?:'s| is| are)|link)\b",
    regex.I,
)
_COMMON_CAPS = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "ok",
        "okay",
        "thanks",
    ]
)


def information(doc: Document) -> set[str]:
    """Things a step tells the reader: numbers, names, links, questions, resources offered."""
    text = doc.prose.replace(MERGE_CHAR, " ")
    items = {"#" + m.group(0).strip(".,:") for m in _NUMBER.finditer(text)}
    items |= {
        "@" + m.group(0).lower() for m in _NAMED.finditer(text) if m.group(0).lower() not in _COMMON_CAPS
    }
    items |= {"url:" + doc.view[s.start : s.end].lower() for s in doc.links}
    items |= {"offer:" + m.group(0).lower() for m in _OFFER.finditer(text)}
    for q in doc.questions:
        items |= {"?" + " ".join(w) for w in shingles([w.lower() for w in _WORD.findall(q.text)], 3)}
    return items


class NoNewInformation(SequenceRule):
    """## What it does
    Checks for follow-up steps that bring nothing new compared with every earlier step:
    no new number or name, no new link, resource or attachment, no new question.

    ## Why is this bad?
    A follow-up is only worth the reader's time when it gives them something: a fact
    about their situation, a resource, a better question. Benchmarks from sending
    platforms report that "just checking in" follow-ups get a fraction of the replies of
    follow-ups with a new angle or data point.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 4 days) ---
    Hi Ana, just wanted to make sure this did not get buried.
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 4 days) ---
    Hi Ana, the new shift law caps nights at 8 hours from June. Here is the checklist
    Porto used to adapt: https://example.com/porto
    ```
    """

    code = "OL805"
    name = "follow-up-without-new-information"
    category = CAT
    summary = "A follow-up that adds no new fact, resource or question."
    message = "Step {step} adds nothing the earlier steps did not say."
    hint = "Add something the reader can use: a fact about their situation, a resource, or a new question."

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        known: set[str] = set()
        for i, doc in enumerate(docs):
            info = information(doc)
            if i > 0 and doc.word_offsets and not (info - known):
                a = anchor(doc)
                yield i, Hit(a.start, a.end, self.message.format(step=i + 1))
            known |= info


_GUILT = compile_phrases(
    r"\b(?:(?:I )?haven'?t heard (?:back|from you)|not heard back|since I haven'?t heard"
    r"|I(?:'ll| will)? (?:assume|take it) (?:that )?(?:you(?:'re| are)|this (?:is|isn'?t)|it'?s)"
    r"|I guess (?:you(?:'re| are)|this (?:is|isn'?t)|it'?s) not|should I (?:stop|give up|close)"
    r"|did I (?:do|say) something wrong|you must (?:be|have been) (?:busy|swamped|too busy)"
    r"|(?:this is )?my (?:last|final) (?:email|attempt|try)|(?:closing|close) (?:your|the) file"
    r"|I'?ll stop (?:reaching out|bothering|emailing|chasing)|taking (?:the|your) silence"
    r"|(?:no|haven'?t had a) (?:response|reply)|ignor(?:ed|ing) (?:me|my))",
    regex.I,
)


class GuiltTripBreakup(SequenceRule):
    """## What it does
    Checks for guilt-tripping in the last step of a sequence (the "breakup" email): "I
    haven't heard back", "I'll assume you're not interested", "should I stop?", "closing
    your file".

    ## Why is this bad?
    Silence is an answer the reader is entitled to give. A breakup that scolds or fishes
    for pity makes the reader responsible for the sender's quota and spends the last
    impression on blame. A graceful close leaves the door open instead.

    ## Example
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 7 days) ---
    Since I haven't heard back, I'll assume you're not interested and close your file.
    ```

    ## Use instead
    ```text
    --- step 1 ---
    Hi Ana, how are you staffing the night shift at the new Lisbon depot?
    --- step 2 (delay 7 days) ---
    I won't write again about this. If night staffing comes up after the opening, the
    Porto checklist is here: https://example.com/porto
    ```
    """

    code = "OL806"
    name = "guilt-trip-last-step"
    category = CAT
    summary = "A last email that guilt-trips the reader for not answering."
    message = "Breakup step guilt-trips the reader: '{text}'."
    hint = "End without blame: say you won't write again and leave something useful."

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterator[tuple[int, Hit]]:
        if len(docs) < 2:
            return
        last = docs[-1]
        for m in _GUILT.finditer(last.prose):
            yield len(docs) - 1, Hit(m.start(), m.end(), self.message.format(text=m.group(0)))


@hookimpl
def outreach_lint_register_rules() -> list[SequenceRule]:
    return [
        TooManySteps(),
        TouchesInShortWindow(),
        FollowUpTooSoon(),
        RepeatedStep(),
        NoNewInformation(),
        GuiltTripBreakup(),
    ]
