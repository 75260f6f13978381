"""The plugin manager: built-in and third-party plugins, loaded the same way.

Load order (as tox does): built-in modules listed in :data:`BUILTIN_PLUGINS`, then
packages under the ``outreach_lint`` entry-point group, then ``check_pending()`` so a
misspelled hook fails loudly. Any plugin, built-in or not, can be blocked by name.
A plugin that fails to import or raises in a hook is recorded as a :class:`PluginError`
and skipped; the rest still load.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
import regex

from . import hookspecs
from ._errors import DuplicateCodeError, PluginError
from ._models import BUILTIN_CODE_PATTERN, CATEGORY_PATTERN, CODE_PATTERN

log = logging.getLogger("outreach_lint")

ENTRY_POINT_GROUP = "outreach_lint"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "outreach_lint.readers.text",
    "outreach_lint.readers.markdown",
    "outreach_lint.readers.html",
    "outreach_lint.readers.eml",
    "outreach_lint.readers.jinja",
    "outreach_lint.readers.liquid",
    "outreach_lint.readers.handlebars",
    "outreach_lint.rules.seller_centric",
    "outreach_lint.rules.scripted_pitch",
    "outreach_lint.rules.customer_goal",
    "outreach_lint.rules.volume_over_value",
    "outreach_lint.rules.readability",
    "outreach_lint.rules.subject",
    "outreach_lint.rules.template",
    "outreach_lint.rules.sequence",
    "outreach_lint.rules.packs",
    "outreach_lint.formatters.builtin",
    "outreach_lint.formatters.sarif",
    "outreach_lint.formatters.ci",
    "outreach_lint.rules.meta",
)
"""Module names of the built-in plugins, registered under these names."""

_CODE = regex.compile(CODE_PATTERN)
_BUILTIN_CODE = regex.compile(BUILTIN_CODE_PATTERN)
_CATEGORY = regex.compile(CATEGORY_PATTERN)


@dataclass
class PluginInfo:
    """A loaded plugin, for ``--version`` and error messages."""

    name: str
    distribution: str | None = None
    version: str | None = None
    builtin: bool = False


@dataclass
class Registry:
    """Everything the plugins contributed, with the plugin that contributed each item."""

    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    rules: list[tuple[Any, str]] = field(default_factory=list)
    packs: list[tuple[Path, str]] = field(default_factory=list)
    readers: list[tuple[Any, str]] = field(default_factory=list)
    formatters: list[tuple[Any, str]] = field(default_factory=list)
    errors: list[PluginError] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)


def make_manager() -> pluggy.PluginManager:
    """A plugin manager with the outreach-lint hook specs."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def load_registry(
    blocked: Iterable[str] = (),
    *,
    entry_points: bool = True,
    extra_plugins: Iterable[tuple[str, object]] = (),
) -> Registry:
    """Register built-in plugins, then entry points, then ``extra_plugins``; collect contributions."""
    pm = make_manager()
    for name in blocked:
        pm.set_blocked(name)
    reg = Registry(pm)
    for name in BUILTIN_PLUGINS:
        if not pm.is_blocked(name):
            load = functools.partial(importlib.import_module, name)
            _register(reg, name, load, PluginInfo(name, builtin=True))
    if entry_points:
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
                continue
            dist = getattr(ep, "dist", None)
            info = PluginInfo(ep.name, getattr(dist, "name", None), getattr(dist, "version", None))
            _register(reg, ep.name, ep.load, info)
    for name, plugin in extra_plugins:
        if not pm.is_blocked(name):
            _register(reg, name, functools.partial(_identity, plugin), PluginInfo(name))
    _check_pending(pm)
    _collect(reg)
    return reg


def _identity(plugin: object) -> object:
    return plugin


def _check_pending(pm: pluggy.PluginManager) -> None:
    """Fail loudly, naming the plugin, when a plugin implements a hook that does not exist."""
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        known = ", ".join(sorted(n for n in dir(hookspecs) if n.startswith(f"{hookspecs.PROJECT}_")))
        raise PluginError(f"{exc}; expected one of: {known}", plugin=name) from exc


def _register(reg: Registry, name: str, load: Callable[[], object], info: PluginInfo) -> None:
    try:
        plugin = load()
        reg.manager.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:  # a hook with arguments its spec lacks: a bug
        raise PluginError(str(exc), plugin=name) from exc
    except Exception as exc:  # a plugin that fails to import must not take the run down
        err = PluginError(f"failed to load: {type(exc).__name__}: {exc}", plugin=name)
        err.__cause__ = exc
        log.debug("plugin %s failed to load", name, exc_info=True)
        reg.errors.append(err)
        return
    reg.plugins.append(info)


def _call_each(reg: Registry, hook_name: str) -> Iterable[tuple[Any, str]]:
    """Call one hook on each plugin separately, so one failure names its plugin only."""
    caller = getattr(reg.manager.hook, hook_name)
    for impl in caller.get_hookimpls():  # registration order
        try:
            result = impl.function()
        except Exception as exc:
            err = PluginError(f"hook {hook_name} raised {type(exc).__name__}: {exc}", plugin=impl.plugin_name)
            err.__cause__ = exc
            reg.errors.append(err)
            continue
        if result is None:
            continue
        if not isinstance(result, (list, tuple)):
            message = f"hook {hook_name} must return a list, got {type(result).__name__}"
            reg.errors.append(PluginError(message, plugin=impl.plugin_name))
            continue
        for item in result:
            yield item, impl.plugin_name


def _collect(reg: Registry) -> None:
    from ._rule import Rule

    for rule, plugin in _call_each(reg, "outreach_lint_register_rules"):
        if not isinstance(rule, Rule):
            message = f"hook outreach_lint_register_rules: expected Rule instances, got {rule!r}"
            reg.errors.append(PluginError(message, plugin=plugin))
            continue
        if validate_rule(reg, rule, plugin):
            reg.rules.append((rule, plugin))
    for path, plugin in _call_each(reg, "outreach_lint_register_rule_packs"):
        reg.packs.append((Path(path), plugin))
    reg.readers.extend(_call_each(reg, "outreach_lint_register_readers"))
    reg.formatters.extend(_call_each(reg, "outreach_lint_register_formatters"))


def validate_rule(reg: Registry, rule: Any, plugin: str) -> bool:
    """Check a rule's code and category; raise on a duplicate code, record other problems."""
    code = getattr(rule, "code", "")
    builtin = plugin in BUILTIN_PLUGINS
    pattern = _BUILTIN_CODE if builtin else _CODE
    if not isinstance(code, str) or not pattern.fullmatch(code):
        expected = "OL followed by three digits" if builtin else "1-4 capitals followed by three digits"
        reg.errors.append(PluginError(f"rule code {code!r} is invalid: expected {expected}", plugin=plugin))
        return False
    if not builtin and code.startswith("OL"):
        message = f"rule code {code} is invalid: the OL prefix is reserved for built-in rules"
        reg.errors.append(PluginError(message, plugin=plugin))
        return False
    category = getattr(rule, "category", "")
    if not isinstance(category, str) or not _CATEGORY.fullmatch(category):
        message = f"rule {code} has invalid category {category!r}: expected kebab-case, e.g. seller-centric"
        reg.errors.append(PluginError(message, plugin=plugin))
        return False
    if code in reg.codes:
        raise DuplicateCodeError(code, plugin=plugin, other=reg.codes[code])
    reg.codes[code] = plugin
    return True
