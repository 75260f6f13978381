"""Handlebars and Mustache templates: logic and comments removed, output expressions kept.

See :mod:`outreach_lint.readers._template` for how branches, whitespace and double
extensions (``intro.html.hbs``) are handled.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from ..hookspecs import hookimpl
from ._template import HANDLEBARS_SYNTAX, TemplateReader


class HandlebarsReader(TemplateReader):
    """Handlebars templates."""

    name: ClassVar[str] = "handlebars"
    extensions: ClassVar[tuple[str, ...]] = (".hbs", ".handlebars", ".mustache")
    syntax: ClassVar[regex.Pattern[str]] = HANDLEBARS_SYNTAX


@hookimpl
def outreach_lint_register_readers() -> list[HandlebarsReader]:
    return [HandlebarsReader()]
