"""Email metrics and the customer-centricity score (formula in ``docs/metrics.md``).

customer_centricity = round(100 * (0.35 * reader_share + 0.15 * asks + 0.50 * clean))

- ``reader_share``: reader references / (reader + seller references); 0.5 when neither.
- ``asks``: 1 when the email asks at least one question, else 0.
- ``clean``: share of the four buyer-centric families (seller-centric, scripted-pitch,
  customer-goal, volume-over-value) with no finding in the email.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ._document import Document
from ._fastre import compile_phrases
from ._models import Category, Finding, Metrics, prevalidated

FAMILIES = (
    Category.SELLER_CENTRIC.value,
    Category.SCRIPTED_PITCH.value,
    Category.CUSTOMER_GOAL.value,
    Category.VOLUME_OVER_VALUE.value,
)

# A phrase pattern: most sentences lack all of these words, and the prefilter skips them.
_CTA = compile_phrases(
    r"\b(?:reply|respond|let me know|book|schedule|calendar|call|chat|meet(?:ing)?|hop on|grab|click|"
    r"sign up|register|download|demo|available|free (?:on|this|next)|send (?:me|over)|worth a)\b",
    regex.I,
)


def customer_centricity(doc: Document, families_flagged: int) -> int:
    """The 0-100 score described in the module docstring."""
    reader, seller = len(doc.reader_refs), len(doc.seller_refs)
    share = reader / (reader + seller) if reader + seller else 0.5
    asks = 1.0 if doc.questions else 0.0
    clean = 1.0 - families_flagged / len(FAMILIES)
    return max(0, min(100, round(100 * (0.35 * share + 0.15 * asks + 0.50 * clean))))


def compute(doc: Document, findings: Iterable[Finding], *, with_grade: bool = True) -> Metrics:
    """Metrics for one parsed email and its findings."""
    families = {f.category for f in findings} & set(FAMILIES)
    sentences = doc.sentences
    grade = doc.reading_grade if with_grade else None
    # Counts computed here are valid by construction: skip validation on this hot path.
    return prevalidated(
        Metrics,
        words=doc.word_count,
        sentences=len(sentences),
        paragraphs=len(doc.paragraphs),
        questions=len(doc.questions),
        reading_grade=grade,
        reader_references=len(doc.reader_refs),
        seller_references=len(doc.seller_refs),
        links=len(doc.links),
        calls_to_action=sum(1 for s in sentences if _CTA.search(s.text)),
        merge_fields=sum(1 for f in doc.merge_fields if not f.is_control) + len(doc.subject_merge_fields),
        customer_centricity=customer_centricity(doc, len(families)),
    )
