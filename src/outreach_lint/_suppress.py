"""Inline suppression comments: find them, hide them from rules, drop what they cover.

``CODES`` is a comma-separated list of codes or prefixes (``OL201``, ``OL2``,
``OL201, OL305``); without ``=CODES`` every rule is meant. Verbs and codes are
case-insensitive. Accepted forms::

    # Regions, until an ``enable`` (or the end of the file):
    <!-- outreach-lint: disable=CODES -->  ...  <!-- outreach-lint: enable -->   HTML, Markdown, text
    {# outreach-lint: disable=CODES #}     ...  {# outreach-lint: enable #}      Jinja ({#- ... -#} too)
    {% comment %} outreach-lint: disable=CODES {% endcomment %}                 Liquid ({%- ... -%} too)
    {{!-- outreach-lint: disable=CODES --}}  or  {{! outreach-lint: disable=CODES }}   Handlebars
    # ``enable=CODES`` ends only the regions for those codes; bare ``enable`` ends all.

    # The next block: from the comment to the next blank line:
    <!-- outreach-lint: disable-next=CODES -->        (same four comment syntaxes)

    # The whole file:
    <!-- outreach-lint: disable-file=CODES -->        (same four comment syntaxes)
    X-Outreach-Lint: disable=CODES                    a header line of a plain-text email

Suppression comments are never email text: :func:`hide_directives` blanks them out of
the view before rules run, whatever the reader. A comment that suppresses nothing is
reported as ``OL901 unused-suppression`` when that rule is selected or
``report-unused-suppressions`` is on (like ruff's RUF100).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ._io import matches_any
from ._models import Finding, Severity
from ._selection import Decision
from ._source import EmailSource

if TYPE_CHECKING:
    from ._linter import Linter

UNUSED_CODE = "OL901"
UNUSED_NAME = "unused-suppression"
UNUSED_CATEGORY = "internal"
UNUSED_MESSAGE = "Suppression comment suppresses nothing."
UNUSED_HINT = "Remove the comment, or correct the codes it names."

_OPEN = r"(?:<!--|\{\#-?|\{%-?\s*comment\s*-?%\}|\{\{!(?:--)?)"
_CLOSE = r"(?:-->|-?\#\}|\{%-?\s*endcomment\s*-?%\}|(?:--)?\}\})"
_CODES = r"[A-Za-z0-9][A-Za-z0-9, \t]*?"
_DIRECTIVE = regex.compile(
    rf"{_OPEN}\s*outreach-lint\s*:\s*"
    rf"(?P<verb>disable-file|disable-next|disable|enable)(?:\s*=\s*(?P<codes>{_CODES}))?\s*{_CLOSE}"
    rf"|^X-Outreach-Lint:[ \t]*(?P<hverb>disable-file|disable)(?:[ \t]*=[ \t]*(?P<hcodes>{_CODES}))?[ \t]*$",
    regex.I | regex.M,
)
_BLANK_LINE = regex.compile(r"\n[ \t]*\r?\n")


@dataclass
class Region:
    """Source range ``[start, end)`` in which ``codes`` (empty: all) are suppressed."""

    start: int
    end: int
    codes: tuple[str, ...]
    directive_start: int
    directive_end: int
    whole_file: bool = False
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        """True when the finding lies in the region and its code is one the region names."""
        inside = self.whole_file or (finding.part == "source" and self.start <= finding.start < self.end)
        return inside and (not self.codes or any(finding.code.startswith(c) for c in self.codes))


def _codes(raw: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in regex.split(r"[,\s]+", raw or "") if c.strip())


def find_regions(source: str) -> list[Region]:
    """Every suppression region declared in a source text, in source order."""
    regions: list[Region] = []
    open_regions: list[Region] = []
    n = len(source)
    for m in _DIRECTIVE.finditer(source):
        verb = (m.group("verb") or m.group("hverb") or "").lower()
        codes = _codes(m.group("codes") or m.group("hcodes"))
        if m.group("hverb") or verb == "disable-file":
            regions.append(Region(0, n, codes, m.start(), m.end(), whole_file=True))
        elif verb == "disable-next":
            gap = _BLANK_LINE.search(source, _skip_space(source, m.end()))
            regions.append(Region(m.end(), gap.start() if gap else n, codes, m.start(), m.end()))
        elif verb == "disable":
            region = Region(m.end(), n, codes, m.start(), m.end())
            regions.append(region)
            open_regions.append(region)
        else:  # enable
            for region in open_regions:
                if not codes or not region.codes or set(codes) & set(region.codes):
                    region.end = min(region.end, m.start())
            open_regions = [r for r in open_regions if r.end == n]
    return regions


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def hide_directives(email: EmailSource) -> EmailSource:
    """The email with suppression comments in its view replaced by spaces (same length).

    Readers for HTML, Markdown and templates drop comments already; this covers the
    plain-text reader and any reader that keeps them, so a directive is never prose.
    """
    view = email.view
    if "outreach-lint" not in view.lower():
        return email
    hidden = _DIRECTIVE.sub(lambda m: regex.sub(r"[^\n]", " ", m.group(0)), view)
    return dataclasses.replace(email, view=hidden) if hidden != view else email


def apply_suppressions(
    email: EmailSource,
    findings: Sequence[Finding],
    *,
    report_unused: bool = False,
    unused_severity: Severity = Severity.WARNING,
) -> list[Finding]:
    """Drop findings inside suppression regions; with ``report_unused``, add OL901 findings."""
    if "outreach-lint" not in email.source.lower():
        return list(findings)
    regions = find_regions(email.source)
    kept = []
    for f in findings:
        hit = [r for r in regions if r.covers(f)]
        for r in hit:
            r.used = True
        if not hit:
            kept.append(f)
    if report_unused:
        kept.extend(_unused(email, r, unused_severity) for r in regions if not r.used)
    return kept


def _unused(email: EmailSource, region: Region, severity: Severity) -> Finding:
    start, end = region.directive_start, region.directive_end
    line, col = email.map.line_col(start)
    end_line, end_col = email.map.line_col(end)
    codes = ", ".join(region.codes) if region.codes else "all rules"
    return Finding(
        code=UNUSED_CODE,
        name=UNUSED_NAME,
        category=UNUSED_CATEGORY,
        severity=severity,
        message=f"Suppression comment suppresses nothing ({codes}).",
        hint=UNUSED_HINT,
        path=email.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        start=start,
        end=end,
        excerpt=email.source[start:end],
        step=email.step,
    )


def unused_policy(linter: Linter, path: str) -> tuple[bool, Severity]:
    """Whether ``linter`` reports unused suppressions in ``path``, and at which severity.

    OL901 reports when it is selected, or when ``report-unused-suppressions`` is on and
    select/ignore do not exclude it (the setting makes it behave as on by default).
    """
    rules = {r.code: r for r, _ in linter.all_rules}
    rule = rules.get(UNUSED_CODE)
    if rule is None:
        return False, Severity.WARNING
    severity = linter._severity.get(UNUSED_CODE) or linter._severity_for(rule)
    selected = UNUSED_CODE in linter._severity or (
        linter.config.report_unused_suppressions
        and linter.selector.decide(UNUSED_CODE, enabled_by_default=True) is Decision.SELECTED
    )
    if selected and path != "<text>":
        for pattern, prefixes in linter.config.per_file_ignores.items():
            if matches_any(Path(path), [pattern]) and any(
                p == "ALL" or UNUSED_CODE.startswith(p) for p in prefixes
            ):
                selected = False
    return selected, severity
