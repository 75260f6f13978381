"""Fixtures for tests that run the real command: a test plugin with rules we control.

The built-in rules change while the engine is developed, so command behaviour is tested
with the rules of :data:`PLUGIN_SOURCE` (codes ``TST1xx``), loaded with ``-p testplug``
from a folder on ``PYTHONPATH``, and ``--select TST`` so only they run.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PLUGIN_SOURCE = '''
"""A plugin for the command tests."""
import re

from outreach_lint import Hit, Rule, RuleOption, Severity, hookimpl

DOC = """## What it does
Checks for the word {word}.

## Why is this bad?
Tests need a rule they control.

## Example
```text
Hi, {word} here.
```

## Use instead
```text
Hi, all good here.
```
"""


class BadWord(Rule):
    __doc__ = DOC.format(word="BADWORD")
    code = "TST101"
    name = "bad-word"
    category = "testing"
    summary = "Flags BADWORD."
    message = "BADWORD found."
    hint = "Remove it."
    options = (RuleOption(name="max-bad-words", default=0, help="How many BADWORDs are fine."),)

    def check(self, doc):
        hits = list(re.finditer("BADWORD", doc.view))
        if len(hits) > self.opt("max-bad-words"):
            for m in hits:
                yield Hit(m.start(), m.end())


class Meh(Rule):
    __doc__ = DOC.format(word="meh")
    code = "TST102"
    name = "meh-word"
    category = "testing"
    summary = "Flags meh."
    message = "meh found."
    severity = Severity.INFO

    def check(self, doc):
        for m in re.finditer("meh", doc.view):
            yield Hit(m.start(), m.end())


class Awful(Rule):
    __doc__ = DOC.format(word="AWFUL")
    code = "TST103"
    name = "awful-word"
    category = "testing"
    summary = "Flags AWFUL."
    message = "AWFUL found."
    severity = Severity.ERROR

    def check(self, doc):
        for m in re.finditer("AWFUL", doc.view):
            yield Hit(m.start(), m.end())


class Crash(Rule):
    __doc__ = DOC.format(word="CRASH")
    code = "TST104"
    name = "crash-word"
    category = "testing"
    summary = "Raises on CRASH."
    message = "never"
    enabled_by_default = False

    def check(self, doc):
        if "CRASH" in doc.view:
            raise RuntimeError("boom")
        return iter(())


@hookimpl
def outreach_lint_register_rules():
    return [BadWord(), Meh(), Awful(), Crash()]
'''


def block_builtin_rules() -> list[str]:
    """``-p no:MODULE`` for every built-in rule module but ``rules.meta`` (OL901).

    Those rules are written in parallel with the engine; blocking them keeps the command
    tests independent of their state (a module half-written must not fail these tests).
    """
    from outreach_lint._plugins import BUILTIN_PLUGINS

    out: list[str] = []
    for name in BUILTIN_PLUGINS:
        if name.startswith("outreach_lint.rules.") and name != "outreach_lint.rules.meta":
            out += ["-p", f"no:{name}"]
    return out


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    """A folder holding the ``testplug`` module, for ``PYTHONPATH``."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "testplug.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    return site


@pytest.fixture
def lint(
    cli: Callable[..., subprocess.CompletedProcess[str]], plugin_dir: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command with the test plugin loaded and only its rules selected."""

    def run(
        *args: str | Path, select: str | None = "TST", **kwargs: object
    ) -> subprocess.CompletedProcess[str]:
        extra: list[str | Path] = ["-p", "testplug", *block_builtin_rules()]
        if select is not None:
            extra += ["--select", select]
        pythonpath = [plugin_dir, *kwargs.pop("pythonpath", ())]  # type: ignore[misc]
        return cli(*extra, *args, pythonpath=pythonpath, **kwargs)

    return run


@pytest.fixture
def lint_stdin(
    subprocess_env: Callable[..., dict[str, str]], plugin_dir: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the command with ``text`` on stdin (test plugin loaded, its rules selected)."""

    def run(text: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "outreach_lint",
                "-p",
                "testplug",
                *block_builtin_rules(),
                "--select",
                "TST",
                *args,
            ],
            input=text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=subprocess_env(pythonpath=[plugin_dir]),
            timeout=300,
        )

    return run
