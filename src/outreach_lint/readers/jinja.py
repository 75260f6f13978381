"""Jinja2 templates: template logic and comments removed, output expressions kept as merge fields.

See :mod:`outreach_lint.readers._template` for how branches, whitespace and double
extensions (``intro.html.j2``) are handled.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from ..hookspecs import hookimpl
from ._template import JINJA_SYNTAX, TemplateReader


class JinjaReader(TemplateReader):
    """Jinja2 templates."""

    name: ClassVar[str] = "jinja"
    extensions: ClassVar[tuple[str, ...]] = (".j2", ".jinja", ".jinja2")
    syntax: ClassVar[regex.Pattern[str]] = JINJA_SYNTAX


@hookimpl
def outreach_lint_register_readers() -> list[JinjaReader]:
    return [JinjaReader()]
