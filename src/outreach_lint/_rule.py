"""How a rule is written: metadata, documentation with examples, and a check over a document.

A Python rule subclasses :class:`Rule`, sets its metadata as class attributes and puts
its documentation in the class docstring, in the sections ruff uses::

    class SellerOpener(Rule):
        '''## What it does
        Checks for emails that open with the sender: "My name is ...".

        ## Why is this bad?
        ...

        ## Example
        ```text
        Hi Dana, my name is Sam and I'm with Acme.
        ```

        ## Use instead
        ```text
        Hi Dana, your posting for two planners caught my eye.
        ```
        '''
        code = "OL102"
        name = "seller-first-opener"
        ...

        def check(self, doc: Document) -> Iterator[Hit]:
            ...

Every fenced block under "Example" must be flagged by the rule and every block under
"Use instead" must not be; the test suite runs them. A block may begin with a
``Subject:`` header line.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ._errors import ConfigError
from ._models import RuleExample, RuleInfo, RuleOption, Severity

if TYPE_CHECKING:
    from ._document import Document

OptionValue = int | float | bool | str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a view span (or subject span) and optional message overrides."""

    start: int
    end: int
    message: str | None = None
    hint: str | None = None
    part: Literal["body", "subject"] = "body"


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement :meth:`check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    message: ClassVar[str] = ""
    hint: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    enabled_by_default: ClassVar[bool] = True
    options: ClassVar[tuple[RuleOption, ...]] = ()
    references: ClassVar[tuple[str, ...]] = ()
    needs_reading_grade: ClassVar[bool] = False

    def __init__(self) -> None:
        self.opts: dict[str, OptionValue] = {o.name: o.default for o in self.options}

    # -- configuration ---------------------------------------------------------------

    def configured(self, values: Mapping[str, OptionValue]) -> Rule:
        """A copy of this rule with option values applied (unknown names are ignored)."""
        clone = copy.copy(self)
        clone.opts = dict(self.opts)
        for key, value in values.items():
            if key in clone.opts:
                like = clone.opts[key]
                try:
                    clone.opts[key] = _coerce(value, like)
                except (TypeError, ValueError):
                    raise ConfigError(
                        f"option {key!r} of rule {self.code}: expected {type(like).__name__}, got {value!r}",
                        source="options",
                    ) from None
        return clone

    def opt(self, name: str) -> Any:
        """Current value of an option."""
        return self.opts[name]

    # -- checking --------------------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Hit]:
        """Yield a :class:`Hit` for each problem in ``doc``."""
        raise NotImplementedError

    # -- documentation ---------------------------------------------------------------

    def doc_sections(self) -> dict[str, str]:
        """The rule's documentation split into its ``## `` sections."""
        return parse_sections(self.documentation())

    def documentation(self) -> str:
        """The raw documentation text (the class docstring for Python rules)."""
        import inspect

        return inspect.cleandoc(type(self).__doc__ or "")

    def info(self, plugin: str) -> RuleInfo:
        """The rule's metadata and documentation as a :class:`RuleInfo`."""
        sections = self.doc_sections()
        return RuleInfo(
            code=self.code,
            name=self.name,
            category=self.category,
            summary=self.summary,
            default_severity=self.severity,
            enabled_by_default=self.enabled_by_default,
            plugin=plugin,
            what_it_does=sections.get("What it does", "").strip(),
            why_bad=sections.get("Why is this bad?", "").strip(),
            example=examples_in(sections.get("Example", "")),
            use_instead=examples_in(sections.get("Use instead", "")),
            references=list(self.references) or _bullets(sections.get("References", "")),
            options=list(self.options),
        )


_SECTION = re.compile(r"^## +(.+?)\s*$", re.M)
_FENCE = re.compile(r"^```[a-z]*\n(.*?)^```\s*$", re.M | re.S)


def parse_sections(text: str) -> dict[str, str]:
    """Split markdown-ish documentation into ``{heading: body}`` on ``## `` headings."""
    parts = _SECTION.split(text)
    return {parts[i].strip(): parts[i + 1].strip("\n") for i in range(1, len(parts) - 1, 2)}


def examples_in(section: str) -> list[RuleExample]:
    """Each fenced block in a section, as an example email (``Subject:`` line split off)."""
    out = []
    for block in _FENCE.findall(section):
        body = block.rstrip("\n")
        subject = None
        if body.startswith("Subject:"):
            head, _, rest = body.partition("\n")
            subject = head[len("Subject:") :].strip()
            body = rest.lstrip("\n")
        out.append(RuleExample(text=body, subject=subject))
    return out


def _bullets(section: str) -> list[str]:
    return [ln.strip()[2:].strip() for ln in section.splitlines() if ln.strip().startswith(("- ", "* "))]


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _coerce(value: OptionValue, like: OptionValue) -> OptionValue:
    """``value`` converted to the type of the default ``like``; raise on a value of the wrong kind."""
    if isinstance(like, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(value)
    if isinstance(value, bool):
        raise TypeError(value)  # True is not a number of words
    if isinstance(like, int):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(like, float):
        return float(value)
    return str(value)

