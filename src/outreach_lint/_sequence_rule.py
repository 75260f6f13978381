"""Rules that judge a sequence (cadence) as a whole, and the step text encoding they use.

A :class:`SequenceRule` is registered through ``outreach_lint_register_rules`` like any
rule, and is selected, configured and suppressed like any rule. The engine calls
:meth:`SequenceRule.check_sequence` once per sequence with every step's
:class:`~outreach_lint.Document` and the delays between steps; each hit names the step
it belongs to, and its span is a span of that step's document.

Step text encoding
------------------
Rule examples (and Markdown sequence files) write a whole sequence as one text, steps
separated by a line such as::

    --- step 2 (delay 3 days) ---

Each step may start with ``Subject: ...``. The text before the first separator, if any,
is step 1. Applied to a single document (``check``), a sequence rule reads the document
this way when it holds separator lines, and finds nothing otherwise, so its
documentation examples run through the same test as every other rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from ._document import Document
from ._rule import Hit, Rule
from ._source import EmailSource, Segment, SourceMap

STEP_SEPARATOR = regex.compile(r"^[ \t]*-{3,}[ \t]*step\b(?P<args>[^\n]*?)-{3,}[ \t]*\r?$", regex.M | regex.I)
"""A line ``--- step N (delay D days) ---`` between the steps of a sequence written as one text."""

_DELAY = regex.compile(r"(?:delay|wait|after)\D{0,4}?(\d+(?:\.\d+)?)", regex.I)


@dataclass(frozen=True, slots=True)
class StepText:
    """One step of a sequence written as one text: its ``[start, end)`` and delay in days."""

    start: int
    end: int
    delay_days: float | None


def parse_delay(value: object) -> float | None:
    """Days from a number or text such as ``3``, ``"3 days"``, ``"2d"``; ``None`` when absent."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    m = regex.match(r"\s*(\d+(?:\.\d+)?)\s*(?:d|days?)?\s*$", str(value), regex.I)
    return float(m.group(1)) if m else None


def split_steps(text: str) -> list[StepText]:
    """The steps of ``text``; a single step (the whole text) when it has no separator lines."""
    # Every sequence rule asks this of every email; a separator line has "---" in it.
    marks = list(STEP_SEPARATOR.finditer(text)) if "---" in text else []
    if not marks:
        return [StepText(0, len(text), None)]
    steps = []
    if text[: marks[0].start()].strip():
        steps.append(StepText(0, marks[0].start(), 0.0))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        d = _DELAY.search(m.group("args"))
        delay = float(d.group(1)) if d else (0.0 if not steps else None)
        steps.append(StepText(m.end() + 1 if text.startswith("\n", m.end()) else m.end(), end, delay))
    return steps


def step_documents(text: str, steps: Sequence[StepText]) -> tuple[list[Document], list[int]]:
    """A document per step (``Subject:`` line split off) and each body's offset in ``text``."""
    from .readers.text import parse_headers

    docs, offsets = [], []
    for n, st in enumerate(steps, 1):
        chunk = text[st.start : st.end]
        headers, _, body_start = parse_headers(chunk)
        body = chunk[body_start:]
        email = EmailSource(
            source=body,
            view=body,
            map=SourceMap(body, [Segment(0, len(body), 0, len(body))]),
            path=f"<step {n}>",
            subject=headers.get("subject"),
            step=n,
        )
        docs.append(Document.parse(email))
        offsets.append(st.start + body_start)
    return docs, offsets


class SequenceRule(Rule):
    """Base class of rules over a whole sequence; implement :meth:`check_sequence`."""

    def check_sequence(
        self, docs: Sequence[Document], delays: Sequence[float | None]
    ) -> Iterable[tuple[int, Hit]]:
        """Yield ``(step_index, hit)`` pairs; ``step_index`` is 0-based into ``docs``.

        ``delays[i]`` is the number of days between step ``i - 1`` and step ``i``
        (``delays[0]`` is 0), or ``None`` when unknown.
        """
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Hit]:
        """Nothing for a single email, unless its text is a sequence in the step encoding."""
        steps = split_steps(doc.view)
        if len(steps) < 2 or not STEP_SEPARATOR.search(doc.view):
            return
        docs, offsets = step_documents(doc.view, steps)
        for index, hit in self.check_sequence(docs, [s.delay_days for s in steps]):
            if hit.part == "subject":
                continue
            base = offsets[index]
            yield Hit(base + hit.start, base + hit.end, hit.message, hit.hint)

    def run_example(self, text: str) -> list[tuple[int, Hit]]:
        """Run :meth:`check_sequence` on a sequence written in the step encoding."""
        steps = split_steps(text)
        docs, _ = step_documents(text, steps)
        return list(self.check_sequence(docs, [s.delay_days for s in steps]))
