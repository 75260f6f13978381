"""Which rules run: select and ignore by code or code prefix, the longest prefix wins.

``ALL`` selects (or ignores) every rule. With no explicit ``select``, the rules that are
enabled by default are selected; ``extend-select`` adds to either. When the longest
matching select prefix and the longest matching ignore prefix are equally long, the
ignore wins, so ``--select OL1 --ignore OL1`` runs nothing from OL1.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import regex

from ._errors import UnknownRuleError

_PREFIX = regex.compile(r"^(?:ALL|[A-Z]{1,4}[0-9]{0,3})$")


class Decision(enum.Enum):
    """Outcome of matching a code against select and ignore lists."""

    SELECTED = "selected"
    IGNORED = "ignored"


def _longest(code: str, prefixes: Iterable[str]) -> int:
    best = -1
    for p in prefixes:
        if p == "ALL":
            best = max(best, 0)
        elif code.startswith(p):
            best = max(best, len(p))
    return best


class Selector:
    """Decides, for each code, whether its rule runs."""

    def __init__(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
    ) -> None:
        self.explicit = select is not None
        self.select = [*(select or ()), *extend_select]
        self.ignore = [*ignore, *extend_ignore]
        self._sources = {
            "select": list(select or ()),
            "extend-select": list(extend_select),
            "ignore": list(ignore),
            "extend-ignore": list(extend_ignore),
        }

    def decide(self, code: str, enabled_by_default: bool = True) -> Decision:
        """Whether the rule with ``code`` runs."""
        sel = _longest(code, self.select)
        if sel < 0 and not self.explicit and enabled_by_default:
            sel = 0
        ign = _longest(code, self.ignore)
        return Decision.SELECTED if sel > ign else Decision.IGNORED

    def is_selected(self, code: str, enabled_by_default: bool = True) -> bool:
        """True when the rule with ``code`` runs."""
        return self.decide(code, enabled_by_default) is Decision.SELECTED

    def validate(self, known: Iterable[str]) -> None:
        """Raise :class:`UnknownRuleError` for a code or prefix that matches no rule, naming its setting."""
        codes = list(known)
        for source, items in self._sources.items():
            for item in items:
                check_prefix(item, codes, source)


def check_prefix(item: str, known: Sequence[str], source: str) -> None:
    """Raise :class:`UnknownRuleError` unless ``item`` is ALL or a prefix of a known code."""
    if not _PREFIX.fullmatch(item):
        raise UnknownRuleError(
            f"{source}: {item!r} is not a rule code or prefix (expected e.g. OL101, OL1 or ALL)"
        )
    if item != "ALL" and not any(code.startswith(item) for code in known):
        raise UnknownRuleError(
            f"{source}: {item!r} matches no rule; expected the code or prefix of a registered rule"
        )
