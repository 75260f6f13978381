"""Built-in rules: seller-centric language (OL1xx).

An email whose centre of gravity is the sender (its company, product, awards, customers)
asks the reader to do the work of finding themselves in it. These rules judge balance
and focus per email and per paragraph; an occasional "we" that shares a lesson or
offers a resource is normal and not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .._document import Document
from .._fastre import compile_phrases
from .._models import Category, RuleOption
from .._rule import Hit, Rule
from ..hookspecs import hookimpl
from ._signals import SELF_PRAISE, SOCIAL_PROOF, analyze, mentions_seller, replies_to_reader

CAT = Category.SELLER_CENTRIC.value


class SellerCentricBalance(Rule):
    """## What it does
    Checks for emails where most of what is said is about the sender: sentences whose
    subject is "we", "our" or the sender's company, describing itself, outnumber the
    sentences about the reader's situation.

    ## Why is this bad?
    A buyer reads an email to learn whether it is about their problem. When the sender's
    history, team and product fill the page, the reader has to translate it into their
    own situation, and most won't. Sellers who win write about the reader's goals and use
    "we" only to share a lesson or offer help.

    ## Example
    ```text
    Hi Jordan,

    Northwind Analytics was founded in 2011 and now employs 90 data engineers. We have
    offices in Austin and Dublin. Our platform processes two billion events a day. We were
    the first vendor to ship streaming dashboards. Our support team answers in under an hour.

    Let me know if you want a demo.

    Priya Raman
    Northwind Analytics
    ```

    ## Use instead
    ```text
    Hi Jordan,

    Your status page shows three ingestion delays this month, each during the nightly
    batch. Is the batch window getting tighter as volume grows, or is it one heavy job?

    We hit the same wall last year and wrote up what we changed. Happy to send it.

    Priya
    ```
    """

    code = "OL101"
    name = "seller-centric-balance"
    category = CAT
    summary = "Most of the email is about the sender rather than the reader."
    message = "Most sentences are about the sender ({seller} of {total}); the reader's situation gets {reader}."
    hint = "Cut the company description to one line and spend the space on the reader's situation or a question."
    options = (
        RuleOption(
            name="min-seller-sentences", default=3, help="Sender-focused sentences needed before judging balance."
        ),
        RuleOption(
            name="max-seller-share", default=0.4, help="Largest share of sentences about the sender that passes."
        ),
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if replies_to_reader(doc):  # answering the buyer's own question about the product is not pitching
            return
        info = analyze(doc)
        total = len(info.sentences)
        seller = [s for s in info.sentences if s.seller_focus]
        reader = sum(1 for s in info.sentences if s.reader_specific or s.genuine_question)
        if len(seller) < self.opt("min-seller-sentences") or not total:
            return
        if len(seller) / total <= self.opt("max-seller-share") or len(seller) <= reader:
            return
        # Point at the paragraph that carries most of the self-description.
        by_para: dict[int, int] = {}
        for s in seller:
            by_para[s.sentence.paragraph] = by_para.get(s.sentence.paragraph, 0) + 1
        para = doc.paragraphs[max(by_para, key=lambda p: by_para[p])]
        msg = self.message.format(seller=len(seller), total=total, reader=reader or "none")
        yield Hit(para.start, para.end, message=msg)


class BrochureParagraph(Rule):
    """## What it does
    Checks for paragraphs that read like a company brochure: three or more sentences in a
    row about the sender (founding, size, offices, awards, clients) with nothing about
    the reader.

    ## Why is this bad?
    Even an email that opens with the reader's situation loses them when the next
    paragraph turns into an "about us" page. The reader came for help with their problem;
    a block of credentials is the part they skip, and it signals the sender is pitching.

    ## Example
    ```text
    Hi Sam,

    I saw your team is moving the warehouse to Fresno in the spring.

    A bit about us: Harbor Movers started in 1994 and now runs 300 trucks. We have won
    five safety awards. Our crews are trained in-house for twelve weeks. We serve clients
    in nine states.

    Sarah
    Harbor Movers
    ```

    ## Use instead
    ```text
    Hi Sam,

    I saw your team is moving the warehouse to Fresno in the spring. Moves like that
    usually slip on the racking, not the trucks. Has the racking vendor committed to a
    date yet?

    Sarah
    ```
    """

    code = "OL102"
    name = "brochure-paragraph"
    category = CAT
    summary = "A paragraph describes the sender at length, like an 'about us' page."
    message = "This paragraph is about the sender ({n} sentences) and says nothing about the reader."
    hint = "Replace the credentials with one line on why they matter to this reader, or cut them."
    options = (
        RuleOption(name="min-brochure-sentences", default=3, help="Sender sentences that make a brochure paragraph."),
    )

    def check(self, doc: Document) -> Iterator[Hit]:
        if replies_to_reader(doc):
            return
        info = analyze(doc)
        by_para: dict[int, list[bool]] = {}
        for s in info.sentences:
            by_para.setdefault(s.sentence.paragraph, []).append(
                s.seller_focus and not s.reader_specific and not s.genuine_question
            )
        for index, flags in by_para.items():
            n = sum(flags)
            if n >= self.opt("min-brochure-sentences") and n >= 0.75 * len(flags):
                para = doc.paragraphs[index]
                yield Hit(para.start, para.end, message=self.message.format(n=n))


class SelfPraise(Rule):
    """## What it does
    Checks for superlatives and awards the sender gives itself: "industry-leading",
    "best-in-class", "award-winning", "#1", "the leading provider", "named a leader",
    "we pride ourselves".

    ## Why is this bad?
    Every vendor says it is the best, so the claim carries no information, and it puts
    the sender at the centre of the email. Buyers trust what they can check against their
    own situation, not adjectives.

    ## Example
    ```text
    Hi Lee, we are the industry-leading provider of payroll software for clinics.
    ```

    ```text
    Hi Lee, our award-winning platform is rated #1 by finance teams.
    ```

    ## Use instead
    ```text
    Hi Lee, clinics adding a second location often find payroll breaks first on
    shift differentials. Is that on your list for the new site?
    ```
    """

    code = "OL103"
    name = "self-praise"
    category = CAT
    summary = "The sender praises itself with superlatives or awards."
    message = "Self-praise ('{excerpt}') tells the reader nothing about their situation."
    hint = "Drop the superlative; if a result matters, state it as a checkable fact tied to the reader's problem."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in SELF_PRAISE.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0)))


class LogoDropping(Rule):
    """## What it does
    Checks for social proof used in place of the reader's context: "trusted by 3,000
    teams", "our clients include", "we've helped over 500 companies", "Fortune 500".

    ## Why is this bad?
    Counts of customers and lists of logos are about the sender. They do not tell the
    reader whether the sender understands their situation, and they are the same in every
    email the sender writes. A single relevant story about a peer in the same situation,
    told briefly, helps; a headcount of customers does not.

    ## Example
    ```text
    Hi Ana, we've helped over 400 companies modernize billing, and our clients include
    several Fortune 500 brands.
    ```

    ## Use instead
    ```text
    Hi Ana, a distributor about your size moved off its in-house billing last spring and
    found the hard part was the dunning rules. Happy to share what they learned.
    ```
    """

    code = "OL104"
    name = "logo-dropping"
    category = CAT
    summary = "Customer counts or logos stand in for the reader's context."
    message = "Social proof ('{excerpt}') is about the sender, not the reader."
    hint = "Replace the customer count with one short, relevant story about a peer in the reader's situation."

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in SOCIAL_PROOF.finditer(doc.prose):
            yield Hit(m.start(), m.end(), message=self.message.format(excerpt=m.group(0).strip()))


_CAPABILITY_INTRO = compile_phrases(
    r"\b(?:offers?|offering|includes?|including|provides?|features?|gives?|comes with|you can|you get|supports?|"
    r"capabilities|services|specs|specifications|highlights|what's new|benefits)\b",
    regex.I,
)
_RUN = compile_phrases(r"(?:[^,;.?!\n]{2,40},\s+){3,}[^,;.?!\n]{2,40}?(?:,\s*)?\s+and\s+[^,;.?!\n]{2,60}")
_ITEM = compile_phrases(r"\s*(?:[-*•·–—▪◦✅✔☑➤►→✓]|\d{1,2}[.)])")
_VERB_START = compile_phrases(
    r"^(?:check|confirm|ask|look|compare|make|use|try|review|set|plan|start|keep|get|send|call|read|see|watch|"
    r"avoid|consider|think|talk|write|find|list|map|track|note|cut|add|move|test|book)\b",
    regex.I,
)


class FeatureDump(Rule):
    """## What it does
    Checks for lists or runs of product capabilities: a bulleted list of three or more
    short feature names, or a sentence from the sender that strings four or more features
    together.

    ## Why is this bad?
    A feature list answers a question the reader has not asked. Without knowing their
    problem, the sender cannot know which capability matters, so the list reads as a
    brochure and the reader is left to do the matching.

    ## Example
    ```text
    Hi Ruth,

    Our platform includes:
    - Automated invoicing
    - Multi-currency support
    - Real-time dashboards
    - Open API

    Worth a look?
    ```

    ## Use instead
    ```text
    Hi Ruth,

    Your finance team posted that month-end close takes twelve days. Which step eats
    most of that: reconciliations or approvals?
    ```
    """

    code = "OL105"
    name = "feature-dump"
    category = CAT
    summary = "A list or run of product features the reader did not ask for."
    message = "A list of product features ({n} items) stands in for the reader's problem."
    hint = "Pick the one capability that fits the reader's situation and explain it in their terms, or ask first."
    options = (RuleOption(name="min-features", default=3, help="List items that make a feature dump."),)

    def check(self, doc: Document) -> Iterator[Hit]:
        info = analyze(doc)
        paras = doc.paragraphs
        for i, para in enumerate(paras):
            if not para.is_list:
                continue
            items = [ln.strip() for ln in para.text.splitlines() if ln.strip()]
            items = [_ITEM.sub("", it, count=1) for it in items if _ITEM.match(it)]
            short = [it for it in items if len(it.split()) <= 8 and not it.endswith("?") and not _VERB_START.match(it)]
            if len(short) < self.opt("min-features") or len(short) < 0.75 * len(items):
                continue
            lead_lines = [ln for ln in para.text.splitlines() if ln.strip() and not _ITEM.match(ln)]
            prev = [s.sentence.text for s in info.sentences if i > 0 and s.sentence.paragraph == i - 1]
            intro = " ".join(lead_lines) if lead_lines else (prev[-1] if prev else "")
            names_seller = any(n.lower() in intro.lower() for n in info.seller_names)
            if _CAPABILITY_INTRO.search(intro) and (mentions_seller(intro, None) or names_seller):
                yield Hit(para.start, para.end, message=self.message.format(n=len(short)))
        for s in info.sentences:
            if not s.seller_focus and not (s.seller_subject and _CAPABILITY_INTRO.search(s.sentence.text)):
                continue
            m = _RUN.search(s.sentence.text)
            if m and _CAPABILITY_INTRO.search(s.sentence.text):
                start = s.sentence.start + m.start()
                yield Hit(start, s.sentence.start + m.end(), message=self.message.format(n=m.group(0).count(",") + 2))


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [SellerCentricBalance(), BrochureParagraph(), SelfPraise(), LogoDropping(), FeatureDump()]
