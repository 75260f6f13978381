"""Built-in rules: template hygiene (OL7xx): merge fields left unfilled, broken or mixed.

Merge-field syntaxes of the common platforms are recognized by ``_mergefields.py``
(Mailchimp, HubSpot, Salesforce, Pardot, Marketo, Apollo/Outreach/lemlist,
ActiveCampaign, Liquid/Jinja, Mautic); spintax such as ``{Hi|Hello}`` is not a field.
"""

from __future__ import annotations

from collections.abc import Iterator

from .._document import Document
from .._mergefields import FAMILY, MergeField
from .._models import Category, Severity
from .._rule import Hit, Rule
from ..hookspecs import hookimpl

CAT = Category.TEMPLATE.value


def _all_fields(doc: Document) -> Iterator[tuple[MergeField, str]]:
    for f in doc.subject_merge_fields:
        yield f, "subject"
    for f in doc.merge_fields:
        if not any(q.start <= f.start < q.end for q in doc.quoted):
            yield f, "body"


class _FieldKindRule(Rule):
    """Flags every merge field (subject and body, outside quotes) that ``matches``."""

    def matches(self, field: MergeField) -> bool:
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Hit]:
        for f, part in _all_fields(doc):
            if self.matches(f):
                yield Hit(f.start, f.end, part=part, message=self.message.format(excerpt=f.text))  # type: ignore[arg-type]


class UnfilledPlaceholder(_FieldKindRule):
    """## What it does
    Checks for placeholders a person was meant to replace by hand: ``[First Name]``,
    ``[Company]``, ``[[MISSING TOKEN]]``, ``<insert company>``, ``XXX``, ``TBD``.

    ## Why is this bad?
    A placeholder that reaches the reader proves the email was a template sent without
    reading, which undoes any personalization in the rest of it. It is the most
    embarrassing way for outreach to fail.

    ## Example
    ```text
    Hi [First Name],

    I saw [Company] is hiring in Denver.
    ```

    ## Use instead
    ```text
    Hi {{ first_name | default: "there" }},

    I saw your team is hiring in Denver.
    ```
    """

    code = "OL701"
    name = "unfilled-placeholder"
    category = CAT
    summary = "A hand-fill placeholder was left in the email."
    message = "Unfilled placeholder '{excerpt}'."
    hint = "Replace it with the real value, or with a merge field your sending tool fills."
    severity = Severity.ERROR

    def matches(self, field: MergeField) -> bool:
        return field.is_placeholder


class MalformedMergeField(_FieldKindRule):
    """## What it does
    Checks for merge fields whose delimiters do not match: ``{{first_name}``,
    ``{first_name}}``, ``*|FNAME|`` without the closing ``*``.

    ## Why is this bad?
    A broken field is sent as literal text, so the reader sees ``{{first_name}`` where
    their name should be.

    ## Example
    ```text
    Hi {{first_name},

    Your Q3 plan mentions two new sites.
    ```

    ## Use instead
    ```text
    Hi {{first_name}},

    Your Q3 plan mentions two new sites.
    ```
    """

    code = "OL702"
    name = "malformed-merge-field"
    category = CAT
    summary = "A merge field's delimiters do not match, so it will be sent as text."
    message = "Malformed merge field '{excerpt}' will be sent as literal text."
    hint = "Fix the delimiters so the field opens and closes the same way."
    severity = Severity.ERROR

    def matches(self, field: MergeField) -> bool:
        return field.is_malformed


class MixedMergeSyntax(Rule):
    """## What it does
    Checks for templates that mix merge-field syntaxes of different platforms, e.g.
    ``*|FNAME|*`` and ``{{company}}`` in one email.

    ## Why is this bad?
    A sending tool fills only its own syntax; the other fields go out as literal text.
    Mixed syntaxes usually mean a template was copied between tools and not checked.

    ## Example
    ```text
    Hi *|FNAME|*,

    Your team at {{company}} is growing.
    ```

    ## Use instead
    ```text
    Hi *|FNAME|*,

    Your team at *|COMPANY|* is growing.
    ```
    """

    code = "OL703"
    name = "mixed-merge-syntax"
    category = CAT
    summary = "Merge fields of more than one platform's syntax in one template."
    message = "Merge-field syntax '{excerpt}' ({family}) differs from the template's {first} fields."
    hint = "Use the syntax of the tool that sends this template for every field."

    def check(self, doc: Document) -> Iterator[Hit]:
        first: str | None = None
        for f, part in _all_fields(doc):
            family = FAMILY.get(f.kind)
            if family is None:
                continue
            if first is None:
                first = family
            elif family != first:
                msg = self.message.format(excerpt=f.text, family=family, first=first)
                yield Hit(f.start, f.end, part=part, message=msg)  # type: ignore[arg-type]


class GreetingWithoutFallback(Rule):
    """## What it does
    Checks for a merge field in the greeting that has no fallback value, such as
    ``Hi {{first_name}},`` rather than ``Hi {{ first_name | default: "there" }},``.

    ## Why is this bad?
    When the field is empty in the CRM, the email goes out as "Hi ," or "Hi  ,", which
    tells the reader at once that it was a mail merge.

    ## Example
    ```text
    Hi {{first_name}},

    Your Q3 plan mentions two new sites.
    ```

    ## Use instead
    ```text
    Hi {{first_name | default: "there"}},

    Your Q3 plan mentions two new sites.
    ```
    """

    code = "OL704"
    name = "greeting-merge-without-fallback"
    category = CAT
    summary = "A greeting merge field has no fallback for empty values."
    message = "Greeting field '{excerpt}' has no fallback; an empty value sends 'Hi ,'."
    hint = "Add a default (e.g. | default: \"there\") or check the field is never empty."
    severity = Severity.INFO

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.greeting is None:
            return
        g = doc.greeting
        for f in doc.merge_fields:
            in_greeting = g.start <= f.start < g.end
            if in_greeting and not (f.is_placeholder or f.is_malformed or f.is_control or f.has_fallback):
                yield Hit(f.start, f.end, message=self.message.format(excerpt=f.text))


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [UnfilledPlaceholder(), MalformedMergeField(), MixedMergeSyntax(), GreetingWithoutFallback()]
