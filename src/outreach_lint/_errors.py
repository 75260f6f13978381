"""One exception tree, rooted in :class:`OutreachLintError`.

Each error has a format string and keeps the exception that caused it (``__cause__``),
so the command can print one line while a library user can still inspect the original.
"""

from __future__ import annotations

from typing import Any


class OutreachLintError(Exception):
    """Base of every error the library raises on purpose."""

    template = "{message}"

    def __init__(self, message: str = "", **details: Any) -> None:
        self.details = details
        self.message = message
        super().__init__(self.template.format(message=message, **details))


class ConfigError(OutreachLintError):
    """A configuration file, key or option value is invalid."""

    template = "{source}: {message}"

    def __init__(self, message: str, *, source: str = "configuration") -> None:
        super().__init__(message, source=source)


class PluginError(OutreachLintError):
    """A plugin failed to load, registered something invalid, or raised in a hook."""

    template = "plugin {plugin!r}: {message}"

    def __init__(self, message: str, *, plugin: str) -> None:
        self.plugin = plugin
        super().__init__(message, plugin=plugin)


class DuplicateCodeError(PluginError):
    """Two rules claim the same code."""

    template = "rule code {code} is registered by both {plugin!r} and {other!r}"

    def __init__(self, code: str, *, plugin: str, other: str) -> None:
        self.code = code
        self.other = other
        OutreachLintError.__init__(self, "", code=code, plugin=plugin, other=other)
        self.plugin = plugin


class RulePackError(OutreachLintError):
    """A declarative TOML rule pack is missing or invalid."""

    template = "rule pack {pack}: {message}"

    def __init__(self, message: str, *, pack: str) -> None:
        self.pack = pack
        super().__init__(message, pack=pack)


class InputError(OutreachLintError):
    """A file could not be read or parsed as an email."""

    template = "{path}: {message}"

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(message, path=path)


class RuleError(OutreachLintError):
    """A rule raised while checking an email. The run goes on; this is reported."""

    template = "rule {code} ({plugin}) failed on {path}: {message}"

    def __init__(self, message: str, *, code: str, plugin: str, path: str) -> None:
        self.code = code
        self.plugin = plugin
        self.path = path
        super().__init__(message, code=code, plugin=plugin, path=path)


class UnknownRuleError(OutreachLintError):
    """A code or prefix in select/ignore, or given to ``rule CODE``, matches no rule."""
