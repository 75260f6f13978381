"""Hook specs are typed, documented and tested, datasette style: each hook appears in
docs/plugins.md with its exact signature and a runnable example, and has a test named after it."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import pytest

from outreach_lint import Config, Linter, hookspecs
from outreach_lint._plugins import make_manager

ROOT = Path(__file__).resolve().parents[2]
PLUGINS_PAGE = ROOT / "docs" / "plugins.md"
TESTS = ROOT / "tests"

PACK = """
[[rule]]
code = "ACME201"
name = "discount-first"
category = "scripted-pitch"
summary = "Flags discounts."
message = "Discount."
phrases = ["limited time offer"]
"""

HOOKS = sorted(
    name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("outreach")
)


def signature(name: str) -> str:
    """The hook's signature as written in the docs: ``name(arg: type) -> return``."""
    fn = getattr(hookspecs, name)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in inspect.signature(fn).parameters.values())
    return f"{name}({params}) -> {fn.__annotations__['return']}"


def section(name: str) -> str:
    page = PLUGINS_PAGE.read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(name)}\(.*?(?=^## |\Z)", page, re.M | re.S)
    assert m, f"docs/plugins.md has no section for {name}"
    return m.group(0)


def test_hooks_are_found() -> None:
    assert "outreach_lint_register_rules" in HOOKS
    assert set(HOOKS) == set(make_manager().hook.__dict__)


@pytest.mark.parametrize("name", HOOKS)
def test_hookspec_is_prefixed_typed_and_documented(name: str) -> None:
    fn = getattr(hookspecs, name)
    assert name.startswith(f"{hookspecs.PROJECT}_")
    assert fn.__doc__ and fn.__doc__.strip(), f"{name} has no docstring"
    assert ".. versionadded::" in fn.__doc__, f"{name} docstring lacks '.. versionadded::'"
    assert "return" in fn.__annotations__, f"{name} has no return annotation"
    assert all(p.annotation is not inspect.Parameter.empty for p in inspect.signature(fn).parameters.values())


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_in_the_docs_with_its_exact_signature(name: str) -> None:
    assert f"## {signature(name)}\n" in PLUGINS_PAGE.read_text(encoding="utf-8"), (
        f"docs/plugins.md must have the heading '## {signature(name)}'"
    )


@pytest.mark.parametrize("name", HOOKS)
def test_hook_example_in_the_docs_runs(name: str, tmp_path: Path) -> None:
    blocks = re.findall(r"^```python\n(.*?)^```", section(name), re.M | re.S)
    assert blocks, f"docs/plugins.md shows no example for {name}"
    module = types.ModuleType(f"docs_example_{name}")
    module.__file__ = str(tmp_path / "plugin.py")  # the pack example ships acme.toml next to it
    (tmp_path / "acme.toml").write_text(PACK, encoding="utf-8")
    exec(compile(blocks[0], f"docs/plugins.md ({name})", "exec"), module.__dict__)
    linter = Linter(Config(select=[]), plugins=[("docs-example", module)], entry_points=False)
    assert [e for e in linter.plugin_errors if e.plugin == "docs-example"] == []
    contributed = {
        "outreach_lint_register_rules": [p for _, p in linter.registry.rules],
        "outreach_lint_register_rule_packs": [p for _, p in linter.registry.packs],
        "outreach_lint_register_readers": [p for _, p in linter.registry.readers],
        "outreach_lint_register_formatters": [p for _, p in linter.registry.formatters],
    }[name]
    assert "docs-example" in contributed


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_test_named_after_it(name: str) -> None:
    pattern = re.compile(rf"^def test_{name}\b", re.M)
    assert any(pattern.search(p.read_text(encoding="utf-8")) for p in TESTS.rglob("test_*.py")), (
        f"no test named test_{name}"
    )
