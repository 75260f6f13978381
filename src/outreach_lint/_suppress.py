"""Inline suppression comments.

Accepted forms (``CODES`` is a comma-separated list of codes or prefixes; without
``=CODES`` every rule is meant):

- ``<!-- outreach-lint: disable=OL201 -->`` ... ``<!-- outreach-lint: enable -->``
  (HTML and Markdown), and the same words inside Jinja ``{# ... #}``, Liquid
  ``{% comment %}...{% endcomment %}`` and Handlebars ``{{!-- ... --}}`` / ``{{! ... }}``
- ``<!-- outreach-lint: disable-next=OL201 -->``: the next block (up to a blank line)
- ``<!-- outreach-lint: disable-file=OL201 -->``: the whole file
- ``X-Outreach-Lint: disable=OL201`` as a header of a plain-text email: the whole file
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ._models import Finding
from ._source import EmailSource

_DIRECTIVE = regex.compile(
    r"(?:<!--|\{\#|\{%-?\s*comment\s*-?%\}|\{\{!(?:--)?)\s*outreach-lint:\s*"
    r"(?P<verb>disable-file|disable-next|disable|enable)(?:\s*=\s*(?P<codes>[A-Z0-9, ]+?))?\s*"
    r"(?:-->|\#\}|\{%-?\s*endcomment\s*-?%\}|(?:--)?\}\})"
    r"|^X-Outreach-Lint:[ \t]*(?P<hverb>disable)(?:[ \t]*=[ \t]*(?P<hcodes>[A-Z0-9, ]+))?[ \t]*$",
    regex.I | regex.M,
)
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


@dataclass
class Region:
    """Source range ``[start, end)`` in which ``codes`` (empty: all) are suppressed."""

    start: int
    end: int
    codes: tuple[str, ...]
    directive_start: int
    directive_end: int
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if finding.part != "source" or not self.start <= finding.start < self.end:
            return False
        return not self.codes or any(finding.code.startswith(c) for c in self.codes)


def _codes(raw: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (raw or "").split(",") if c.strip())


def find_regions(source: str) -> list[Region]:
    """Every suppression region declared in a source text."""
    regions: list[Region] = []
    open_regions: list[Region] = []
    n = len(source)
    for m in _DIRECTIVE.finditer(source):
        verb = (m.group("verb") or m.group("hverb") or "").lower()
        codes = _codes(m.group("codes") or m.group("hcodes"))
        if m.group("hverb") or verb == "disable-file":
            regions.append(Region(0, n, codes, m.start(), m.end()))
        elif verb == "disable-next":
            gap = _BLANK_LINE.search(source, _skip_space(source, m.end()))
            regions.append(Region(m.end(), gap.start() if gap else n, codes, m.start(), m.end()))
        elif verb == "disable":
            region = Region(m.end(), n, codes, m.start(), m.end())
            regions.append(region)
            open_regions.append(region)
        elif verb == "enable":
            for region in open_regions:
                if not codes or set(codes) & set(region.codes) or not region.codes:
                    region.end = min(region.end, m.start())
            open_regions = [r for r in open_regions if r.end == n]
    return regions


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def apply_suppressions(email: EmailSource, findings: Sequence[Finding], *, report_unused: bool = False) -> list[Finding]:
    """Drop findings inside suppression regions of ``email.source``."""
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
    return kept
