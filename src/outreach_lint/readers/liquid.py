"""Liquid templates (Shopify, Braze, Customer.io): logic and comments removed, outputs kept.

See :mod:`outreach_lint.readers._template` for how branches, whitespace and double
extensions (``intro.html.liquid``) are handled.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from ..hookspecs import hookimpl
from ._template import JINJA_SYNTAX, TemplateReader


class LiquidReader(TemplateReader):
    """Liquid templates."""

    name: ClassVar[str] = "liquid"
    extensions: ClassVar[tuple[str, ...]] = (".liquid",)
    syntax: ClassVar[regex.Pattern[str]] = JINJA_SYNTAX


@hookimpl
def outreach_lint_register_readers() -> list[LiquidReader]:
    return [LiquidReader()]
