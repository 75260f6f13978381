"""Built-in rules about outreach-lint itself (category ``internal``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._models import Severity
from .._rule import Hit, Rule
from .._suppress import UNUSED_CATEGORY, UNUSED_CODE, UNUSED_HINT, UNUSED_MESSAGE, UNUSED_NAME
from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from .._document import Document


class UnusedSuppression(Rule):
    """## What it does
    Checks for suppression comments (``outreach-lint: disable...``) that suppress no
    finding, like ruff's RUF100. Off by default; select it or turn on
    ``report-unused-suppressions``.

    ## Why is this bad?
    A suppression that no longer suppresses anything hides future findings for no
    reason: once the copy it excused is rewritten, the comment silently exempts whatever
    text is written there next. Stale comments also make reviewers wonder what was wrong.

    ## Example
    ```text
    <!-- outreach-lint: disable-next=OL101 -->
    Hi Dana,

    Saw your post about the new warehouse in Leeds. How are you planning pick routes?

    Sam
    ```

    ## Use instead
    ```text
    Hi Dana,

    Saw your post about the new warehouse in Leeds. How are you planning pick routes?

    Sam
    ```
    """

    code = UNUSED_CODE
    name = UNUSED_NAME
    category = UNUSED_CATEGORY
    summary = "Flags suppression comments that suppress nothing."
    message = UNUSED_MESSAGE
    hint = UNUSED_HINT
    severity = Severity.WARNING
    enabled_by_default = False

    def check(self, doc: Document) -> Iterator[Hit]:
        """Nothing to do here: the engine reports unused suppressions after all rules ran."""
        return iter(())


@hookimpl
def outreach_lint_register_rules() -> list[Rule]:
    return [UnusedSuppression()]
