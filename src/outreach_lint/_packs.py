"""Declarative rule packs: TOML files of phrase and pattern rules, compiled with ``regex``.

A pack is a TOML file with one ``[[rule]]`` table per rule::

    [[rule]]
    code = "ACM101"                      # [A-Z]{1,4}[0-9]{3}
    name = "discount-talk"               # kebab-case, names the pattern flagged
    category = "scripted-pitch"
    severity = "warning"                 # info | warning | error
    summary = "Flags discount language in first touches."
    message = "The email leads with a discount."
    hint = "Lead with the reader's problem; save pricing for when they ask."
    phrases = ["limited time offer", "special discount"]   # case-insensitive, whole words
    patterns = ['\\b\\d+% off\\b']       # regex syntax of the `regex` package
    scope = "body"                       # body | subject | opening (first paragraph)
    what = "Checks for ..."              # documentation sections
    why = "..."
    examples = ["Hi Dana, here's a limited time offer."]   # must be flagged
    passing = ["Hi Dana, how is the rollout going?"]        # must not be flagged

Phrases match on word boundaries with any run of whitespace between words, and
straight or curly apostrophes alike. Patterns from packs run with a time limit
(:data:`PATTERN_TIMEOUT` seconds per email); a pattern that runs out of time is
reported as a ``timeout`` error for that file instead of hanging the run.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import RulePackError
from ._fastre import PhrasePattern, compile_phrases
from ._models import CATEGORY_PATTERN, CODE_PATTERN, RuleOption, Severity
from ._rule import Hit, Rule

if TYPE_CHECKING:
    from ._document import Document

PATTERN_TIMEOUT = 1.0
"""Seconds a pack's patterns may run on one email before the rule is stopped."""


class PackRuleSpec(BaseModel):
    """One ``[[rule]]`` table of a rule pack, validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=CODE_PATTERN, description="Rule code.")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", description="Kebab-case rule name.")
    category: str = Field(pattern=CATEGORY_PATTERN, description="Category id.")
    severity: Severity = Field(default=Severity.WARNING, description="Default severity.")
    enabled: bool = Field(default=True, description="Enabled by default.")
    summary: str = Field(description="One-line summary.")
    message: str = Field(description="What is wrong.")
    hint: str = Field(default="", description="What to do instead.")
    phrases: list[str] = Field(default_factory=list, description="Phrases to flag.")
    patterns: list[str] = Field(default_factory=list, description="Regular expressions to flag.")
    scope: Literal["body", "subject", "opening"] = Field(default="body", description="Where to look.")
    what: str = Field(default="", description="Documentation: What it does.")
    why: str = Field(default="", description="Documentation: Why is this bad?")
    references: list[str] = Field(default_factory=list, description="Sources.")
    examples: list[str] = Field(default_factory=list, description="Emails that must be flagged.")
    passing: list[str] = Field(default_factory=list, description="Emails that must not be flagged.")


class PackFile(BaseModel):
    """A whole rule-pack file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pack: dict[str, Any] = Field(default_factory=dict, description="Pack metadata (name, description).")
    rule: list[PackRuleSpec] = Field(default_factory=list, description="The rules.")


def phrase_pattern(phrase: str) -> str:
    """A regex source for a phrase: whole words, flexible whitespace and apostrophes."""
    words = phrase.split()
    # One pass, so the class inserted for one apostrophe is not rewritten by the next.
    parts = [regex.sub(r"['’]", "['’]", regex.escape(w)) for w in words]
    body = r"\s+".join(parts)
    lead = r"\b" if words and regex.match(r"\w", words[0]) else ""
    tail = r"\b" if words and regex.search(r"\w$", words[-1]) else ""
    return f"{lead}{body}{tail}"


@functools.cache  # the plugins' pack patterns: a set fixed by what is installed
def _trusted_pattern(source: str) -> PhrasePattern:
    """One pattern object per trusted pack pattern, shared by every linter in the process.

    A second linter (another configuration, ``reading_grade=False``) then runs the same
    objects, which the shared prefilter scan already knows, and compiles nothing again.
    """
    return compile_phrases(source, regex.I | regex.M | regex.V0)


class PackRule(Rule):
    """A rule defined in a TOML pack: matches phrases and patterns in a scope."""

    def __init__(self, spec: PackRuleSpec, pack: str, *, trusted: bool) -> None:
        self.spec = spec
        self.pack = pack
        self.timeout = None if trusted else PATTERN_TIMEOUT
        # Instance attributes shadow the ClassVars of Rule on purpose: metadata is data here.
        self.code = spec.code  # type: ignore[misc]
        self.name = spec.name  # type: ignore[misc]
        self.category = spec.category  # type: ignore[misc]
        self.summary = spec.summary  # type: ignore[misc]
        self.message = spec.message  # type: ignore[misc]
        self.hint = spec.hint  # type: ignore[misc]
        self.severity = spec.severity  # type: ignore[misc]
        self.enabled_by_default = spec.enabled  # type: ignore[misc]
        self.references = tuple(spec.references)  # type: ignore[misc]
        self.options: tuple[RuleOption, ...] = ()  # type: ignore[misc]
        sources = [phrase_pattern(p) for p in spec.phrases] + list(spec.patterns)
        if not sources:
            raise RulePackError(f"rule {spec.code} has neither phrases nor patterns", pack=pack)
        try:
            # Built-in packs get the literal prefilter and compile on first use; a user's
            # pattern may use syntax only ``regex`` reads, so it is compiled now, unfiltered,
            # and a bad one fails at load time with the pack's name.
            source = "|".join(sources)
            if trusted:
                self.pattern = _trusted_pattern(source)
            else:
                self.pattern = compile_phrases(source, regex.I | regex.M | regex.V0, prefilter=False)
                self.pattern.compiled  # noqa: B018 - compile now to report errors at load time
        except regex.error as exc:
            raise RulePackError(f"rule {spec.code}: invalid pattern: {exc}", pack=pack) from exc
        super().__init__()

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.spec.scope == "subject":
            if doc.subject:
                for m in self.pattern.finditer(doc.subject, timeout=self.timeout):
                    yield Hit(m.start(), m.end(), part="subject")
            return
        text = doc.prose
        if self.spec.scope == "opening":
            paras = doc.paragraphs
            text = text[: paras[0].end] if paras else ""
        for m in self.pattern.finditer(text, timeout=self.timeout):
            if m.end() > m.start():
                yield Hit(m.start(), m.end())

    def documentation(self) -> str:
        fence = "```text\n{}\n```"
        parts = [
            "## What it does",
            self.spec.what or self.spec.summary,
            "## Why is this bad?",
            self.spec.why or self.spec.message,
            "## Example",
            "\n\n".join(fence.format(e) for e in self.spec.examples),
            "## Use instead",
            "\n\n".join(fence.format(e) for e in self.spec.passing),
        ]
        return "\n\n".join(parts)


def load_pack(path: Path, *, trusted: bool = False) -> list[PackRule]:
    """Read and compile one pack; raise :class:`RulePackError` naming the file and the key."""
    label = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulePackError("file not found", pack=label) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"cannot read: {exc}", pack=label) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"invalid TOML: {exc}", pack=label) from exc
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as exc:
        raise RulePackError(_first_error(exc, data), pack=label) from exc
    return [PackRule(spec, label, trusted=trusted) for spec in pack.rule]


def _first_error(exc: ValidationError, data: Mapping[str, Any]) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = ".".join(str(p) for p in loc)
    if len(loc) >= 2 and loc[0] == "rule" and isinstance(loc[1], int):
        rules = data.get("rule") or []
        code = rules[loc[1]].get("code", "?") if loc[1] < len(rules) else "?"
        where = f"rule {code}: " + ".".join(str(p) for p in loc[2:])
    return f"{where}: {err['msg']} (got {err.get('input')!r})"
