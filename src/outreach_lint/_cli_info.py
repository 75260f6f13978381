"""The information commands: ``--version``, ``--list-rules`` and ``rule CODE`` / ``--explain``."""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from importlib import metadata
from typing import TextIO

from ._errors import UnknownRuleError
from ._linter import Linter
from ._plugins import ENTRY_POINT_GROUP, load_registry


def version_text(plugins: Sequence[tuple[str, object]] = (), blocked: Sequence[str] = ()) -> str:
    """``0.1.0 (acme: 1.2) CPython 3.11.9 on Linux``, naming non-built-in plugins, like flake8."""
    try:
        own = metadata.version("outreach-lint")
    except metadata.PackageNotFoundError:
        own = "0.0.0"
    names: list[str] = []
    try:
        registry = load_registry(blocked, extra_plugins=plugins)
        infos = [(i.distribution or i.name, i.version) for i in registry.plugins if not i.builtin]
    except Exception:  # a broken plugin must not break --version: fall back to metadata
        eps = metadata.entry_points(group=ENTRY_POINT_GROUP)
        infos = [(getattr(ep.dist, "name", ep.name), getattr(ep.dist, "version", None)) for ep in eps]
    for name, ver in infos:
        text = f"{name}: {ver}" if ver else name
        if text not in names:
            names.append(text)
    plugin_part = f" ({', '.join(sorted(names))})" if names else ""
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{own}{plugin_part} {python} on {platform.system()}"


def list_rules(linter: Linter, fmt: str, out: TextIO) -> None:
    """Print every rule: code, name, category, default severity, on by default."""
    infos = linter.rule_infos()
    if fmt == "json":
        json.dump([i.model_dump(mode="json") for i in infos], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "DEFAULT", "PLUGIN")]
    rows += [
        (
            i.code,
            i.name,
            i.category,
            i.default_severity.value,
            "on" if i.enabled_by_default else "off",
            i.plugin,
        )
        for i in infos
    ]
    widths = [max(len(r[c]) for r in rows) for c in range(5)]
    for r in rows:
        out.write("  ".join(r[c].ljust(widths[c]) for c in range(5)) + "  " + r[5] + "\n")


def explain(linter: Linter, code: str, fmt: str, out: TextIO) -> None:
    """Print one rule's documentation (Markdown, or JSON with ``--format json``)."""
    from ._docgen import rule_markdown

    infos = {i.code: i for i in linter.rule_infos()}
    info = infos.get(code.strip().upper())
    if info is None:
        raise UnknownRuleError(f"unknown rule code {code!r} (see outreach-lint --list-rules)")
    if fmt == "json":
        out.write(info.model_dump_json(indent=2) + "\n")
    else:
        out.write(rule_markdown(info))
