# mypy: disable-error-code="empty-body"
"""Hook specifications: what a plugin can contribute to outreach-lint.

A plugin is a module (or object) with functions marked ``@outreach_lint.hookimpl``,
named after the hooks below. Built-in rules, readers and formatters are plugins of
exactly this kind, listed in :data:`outreach_lint._plugins.BUILTIN_PLUGINS`; a
third-party package registers its module under the ``outreach_lint`` entry-point
group::

    [project.entry-points.outreach_lint]
    acme = "acme_outreach_rules"

Implementations may accept any subset of a hook's arguments, so new arguments can be
added later without breaking plugins. Every hook that contributes things is named
``outreach_lint_register_*`` and returns a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from ._formatter import Formatter
    from ._reader import Reader
    from ._rule import Rule

PROJECT = "outreach_lint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def outreach_lint_register_rules() -> list[Rule]:
    """Return the Python rules this plugin provides.

    Each item is an instance of a :class:`~outreach_lint.Rule` subclass. Codes must
    match ``[A-Z]{1,4}[0-9]{3}`` (built-ins use ``OL``) and be unique across plugins.

    .. versionadded:: 0.1
    """


@hookspec
def outreach_lint_register_rule_packs() -> list[Path]:
    """Return paths of declarative TOML rule packs this plugin ships.

    See ``docs/writing-rules.md`` for the pack format. The built-in packs under
    ``rules/`` are registered through this hook.

    .. versionadded:: 0.1
    """


@hookspec
def outreach_lint_register_readers() -> list[Reader]:
    """Return readers for email file formats (plain text, HTML, .eml, ...).

    A reader claims files by extension and turns their text into an
    :class:`~outreach_lint.EmailSource`. A later plugin's reader for the same
    extension takes precedence over a built-in one.

    .. versionadded:: 0.1
    """


@hookspec
def outreach_lint_register_formatters() -> list[type[Formatter]]:
    """Return output formatter classes, each with a unique ``name`` for ``--format``.

    .. versionadded:: 0.1
    """
