"""The built-in declarative rule packs (the repository's top-level ``rules/`` folder).

In a wheel the packs ship as ``outreach_lint/_packs/*.toml``; in a source checkout
(editable install) they are read from ``rules/`` at the repository root.
"""

from __future__ import annotations

from pathlib import Path

from ..hookspecs import hookimpl


def packs_dir() -> Path:
    """Where the built-in packs are: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent.parent
    shipped = here / "_packs"
    if shipped.is_dir():
        return shipped
    return here.parent.parent / "rules"


@hookimpl
def outreach_lint_register_rule_packs() -> list[Path]:
    folder = packs_dir()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []
