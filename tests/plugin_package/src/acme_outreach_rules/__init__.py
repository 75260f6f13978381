"""Acme's house rules for outreach emails: an outreach-lint plugin.

A plugin is a module with functions marked ``@hookimpl`` and named after the hooks in
``outreach_lint.hookspecs``. This one contributes a Python rule (ACME101) through
``outreach_lint_register_rules`` and a declarative TOML pack (ACME201) shipped as package
data through ``outreach_lint_register_rule_packs``. ``pyproject.toml`` names this module
under the ``outreach_lint`` entry-point group, so installing the package is enough.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import regex

from outreach_lint import Document, Hit, Rule, hookimpl

# Case-insensitive, on word boundaries; "Acme" is the sender, so it is the thing to count.
_COMPANY = regex.compile(r"\bAcme(?:'s|’s)?\b", regex.I)


class CompanyNameRepeated(Rule):
    """## What it does
    Checks for emails that name the sender's company more than twice.

    ## Why is this bad?
    Every mention of our own name is a sentence about us instead of the reader.

    ## Example
    ```text
    Hi Dana,

    Acme helps teams hire. Acme customers love Acme, and Acme is growing.
    ```

    ## Use instead
    ```text
    Hi Dana,

    Your team posted four planner roles this month. How are you screening them?
    ```
    """

    # Plugin codes are one to four capitals and three digits; the OL prefix is reserved.
    code = "ACME101"
    name = "company-name-repeated"
    category = "seller-centric"  # one of the four families, so the score counts it
    summary = "Flags emails that name Acme more than twice."
    message = "The email names Acme more than twice."
    hint = "Keep one mention; spend the other sentences on the reader."

    def check(self, doc: Document) -> Iterator[Hit]:
        # Rules read doc.prose: greeting, signature, quotes and merge fields are blanked,
        # with offsets unchanged, so a hit's offsets map back to the file.
        mentions = list(_COMPANY.finditer(doc.prose))
        if len(mentions) > 2:
            third = mentions[2]  # report the first mention too many
            yield Hit(third.start(), third.end(), message=f"The email names Acme {len(mentions)} times.")


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [CompanyNameRepeated()]


@hookimpl
def outreach_lint_register_rule_packs() -> list[Path]:
    # Shipped next to this module (package data), so it works from a wheel as well.
    return [Path(__file__).with_name("acme.toml")]
