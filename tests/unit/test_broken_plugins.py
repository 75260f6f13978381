"""A broken plugin is reported with its name, and the run goes on for everything else.

Plugins are "installed" as real distributions: a ``NAME-1.0.dist-info`` folder with
``METADATA`` and ``entry_points.txt`` (group ``outreach_lint``) in a temporary folder put on
``sys.path`` (library) or ``PYTHONPATH`` (command), where ``importlib.metadata`` finds them
exactly as it finds a pip-installed plugin.

Broken in every way we could think of: the module fails to import, the entry point names
a missing attribute, a hook raises or returns something that is not a list, a rule is not
a Rule or has a bad code, a rule's check raises, returns garbage, yields spans outside the
text or non-Hit objects, and a reader raises. The built-in rules and any healthy plugin
keep working, ``--version`` still works, and the command exits 2 to say something was
wrong (after printing every finding it could make).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outreach_lint import Config, DuplicateCodeError, Linter

HEALTHY = """
from outreach_lint import Hit, Rule, hookimpl

class Chase(Rule):
    code = "OKP101"
    name = "chase-phrase"
    category = "volume-over-value"
    summary = "Flags 'following up' (healthy test plugin)."
    message = "Chases."

    def check(self, doc):
        i = doc.prose.find("following up")
        if i >= 0:
            yield Hit(i, i + len("following up"))

@hookimpl
def outreach_lint_register_rules():
    return [Chase()]
"""

IMPORT_ERROR = "import this_module_does_not_exist_anywhere\n"
SYNTAX_ERROR = "def broken(:\n"
RAISES_AT_IMPORT = "raise RuntimeError('plugin exploded at import')\n"
HOOK_RAISES = """
from outreach_lint import hookimpl

@hookimpl
def outreach_lint_register_rules():
    raise ValueError("hook exploded")
"""
HOOK_NOT_A_LIST = """
from outreach_lint import hookimpl

@hookimpl
def outreach_lint_register_rules():
    return "OL101"
"""
NOT_A_RULE = """
from outreach_lint import hookimpl

@hookimpl
def outreach_lint_register_rules():
    return [object(), 42]
"""
BAD_CODE = """
from outreach_lint import Rule, hookimpl

class Bad(Rule):
    code = "bad-code"
    name = "bad"
    category = "scripted-pitch"
    def check(self, doc):
        return []

class Reserved(Rule):
    code = "OL999"
    name = "reserved"
    category = "scripted-pitch"
    def check(self, doc):
        return []

@hookimpl
def outreach_lint_register_rules():
    return [Bad(), Reserved()]
"""
BAD_RULES = """
from outreach_lint import Hit, Rule, hookimpl

class _Base(Rule):
    category = "scripted-pitch"
    summary = "Broken on purpose."
    message = "Broken."

class Raises(_Base):
    code = "BRK101"
    name = "raises"
    def check(self, doc):
        yield Hit(0, 1)
        raise ZeroDivisionError("rule exploded")

class ReturnsNone(_Base):
    code = "BRK102"
    name = "returns-none"
    def check(self, doc):
        return None

class YieldsGarbage(_Base):
    code = "BRK103"
    name = "yields-garbage"
    def check(self, doc):
        return [(0, 1), "span", None]

class OutOfRange(_Base):
    code = "BRK104"
    name = "out-of-range"
    def check(self, doc):
        return [Hit(0, len(doc.view) + 10)]

class Backwards(_Base):
    code = "BRK105"
    name = "backwards"
    def check(self, doc):
        return [Hit(5, 2), Hit(-3, 1)]

class BadMessage(_Base):
    code = "BRK106"
    name = "bad-message"
    def check(self, doc):
        return [Hit(0, 1, message=["not", "a", "string"])]

class BadSubject(_Base):
    code = "BRK107"
    name = "bad-subject"
    def check(self, doc):
        return [Hit(0, 10_000, part="subject")]

class Recursion(_Base):
    code = "BRK108"
    name = "recursion"
    def check(self, doc):
        return self.check(doc)

@hookimpl
def outreach_lint_register_rules():
    return [Raises(), ReturnsNone(), YieldsGarbage(), OutOfRange(), Backwards(), BadMessage(), BadSubject(),
            Recursion()]
"""
BAD_READER = """
from outreach_lint import hookimpl

class ExplodingReader:
    name = "exploding"
    extensions = (".boom",)
    def read(self, text, path):
        raise KeyError("reader exploded")

@hookimpl
def outreach_lint_register_readers():
    return [ExplodingReader()]
"""

BROKEN_MODULES = {
    "brk_import": IMPORT_ERROR,
    "brk_syntax": SYNTAX_ERROR,
    "brk_raises": RAISES_AT_IMPORT,
    "brk_hook": HOOK_RAISES,
    "brk_not_list": HOOK_NOT_A_LIST,
    "brk_not_rule": NOT_A_RULE,
    "brk_bad_code": BAD_CODE,
    "brk_rules": BAD_RULES,
    "brk_reader": BAD_READER,
}
LOAD_ERRORS = {"brk_import", "brk_syntax", "brk_raises", "brk_missing_attr"}
HOOK_ERRORS = {"brk_hook", "brk_not_list", "brk_not_rule", "brk_bad_code"}
CHASE = "Hi Dana,\n\nJust following up on the Leeds rollout.\n"


@pytest.fixture
def site(tmp_path: Path, fake_distribution) -> Path:
    site = tmp_path / "site"
    fake_distribution(site, "okp-healthy", {"okp_healthy.py": HEALTHY}, {"okp_healthy": "okp_healthy"})
    modules = {f"{name}.py": source for name, source in BROKEN_MODULES.items()}
    entry_points = {name: name for name in BROKEN_MODULES}
    entry_points["brk_missing_attr"] = "okp_healthy:no_such_attribute"
    fake_distribution(site, "brk-broken", modules, entry_points)
    return site


@pytest.fixture
def linter(site: Path, monkeypatch: pytest.MonkeyPatch) -> Linter:
    monkeypatch.syspath_prepend(os.fspath(site))
    for name in [*BROKEN_MODULES, "okp_healthy"]:
        monkeypatch.delitem(__import__("sys").modules, name, raising=False)
    return Linter(Config(select=["ALL"]))


def test_every_broken_plugin_is_reported_by_name(linter: Linter) -> None:
    by_plugin: dict[str, list[str]] = {}
    for err in linter.plugin_errors:
        by_plugin.setdefault(err.plugin, []).append(str(err))
        assert err.plugin in str(err)
    assert set(by_plugin) >= LOAD_ERRORS | HOOK_ERRORS, by_plugin
    assert any("this_module_does_not_exist_anywhere" in m for m in by_plugin["brk_import"])
    assert any("hook exploded" in m for m in by_plugin["brk_hook"])
    assert any("list" in m for m in by_plugin["brk_not_list"])
    assert any("bad-code" in m for m in by_plugin["brk_bad_code"])
    assert any("OL999" in m for m in by_plugin["brk_bad_code"])


def test_healthy_and_builtin_rules_still_run(linter: Linter) -> None:
    codes = {r.code for r, _ in linter.rules}
    assert "OKP101" in codes
    assert {r.code for r, p in linter.rules if p.startswith("outreach_lint.")} == {
        r.code for r, p in Linter(Config(select=["ALL"]), entry_points=False).rules
    }
    assert not codes & {"OL999", "bad-code"}


def test_rules_that_raise_or_return_garbage_are_reported_per_file(linter: Linter) -> None:
    report = linter.lint_text(CHASE, path="chase.txt", subject="Leeds")
    failed = {e.code: e for e in report.errors}
    assert set(failed) == {f"BRK10{i}" for i in range(1, 9)}, report.errors
    for code, err in failed.items():
        assert err.kind == "rule" and err.plugin == "brk_rules", err
        assert code in err.message and "chase.txt" in err.message and "\n" not in err.message
    assert "rule exploded" in failed["BRK101"].message
    assert not [f for f in report.findings if f.code.startswith("BRK")]  # nothing half-reported
    assert [f.excerpt for f in report.findings if f.code == "OKP101"] == ["following up"]
    assert report.metrics is not None


def test_an_exploding_reader_fails_only_its_files(linter: Linter, tmp_path: Path) -> None:
    (tmp_path / "a.boom").write_text(CHASE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CHASE, encoding="utf-8")
    reports = [linter.lint_file(tmp_path / "a.boom"), linter.lint_file(tmp_path / "b.txt")]
    boom, txt = reports
    assert len(boom.errors) == 1 and "a.boom" in boom.errors[0].message, boom.errors
    assert "exploding" in boom.errors[0].message or boom.errors[0].plugin == "brk_reader"
    assert not [e for e in txt.errors if e.code != "BRK101" and not (e.code or "").startswith("BRK")]
    assert [f.code for f in txt.findings if f.code == "OKP101"] == ["OKP101"]
    text_report = linter.lint_text(CHASE, format=".boom")
    assert len(text_report.errors) == 1


def test_blocking_a_broken_plugin_silences_it(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(os.fspath(site))
    blocked = [*BROKEN_MODULES, "brk_missing_attr"]
    linter = Linter(Config(select=["ALL"], disable_plugins=blocked))
    assert linter.plugin_errors == []
    assert linter.lint_text(CHASE).errors == []


def test_two_plugins_claiming_one_code_is_a_clear_error(tmp_path: Path, fake_distribution, monkeypatch) -> None:
    site = tmp_path / "dup"
    fake_distribution(site, "okp-a", {"okp_a.py": HEALTHY}, {"okp_a": "okp_a"})
    fake_distribution(site, "okp-b", {"okp_b.py": HEALTHY}, {"okp_b": "okp_b"})
    monkeypatch.syspath_prepend(os.fspath(site))
    with pytest.raises(DuplicateCodeError) as info:
        Linter()
    assert "OKP101" in str(info.value) and "okp_a" in str(info.value) and "okp_b" in str(info.value)


# -- the command ---------------------------------------------------------------------------


def test_the_command_reports_broken_plugins_and_lints_anyway(cli, site: Path, tmp_path: Path) -> None:
    (tmp_path / "chase.txt").write_text(CHASE, encoding="utf-8")
    proc = cli("--select", "ALL", "chase.txt", cwd=tmp_path, pythonpath=[site])
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    for name in LOAD_ERRORS | HOOK_ERRORS:
        assert name in proc.stderr, (name, proc.stderr)
    assert "BRK101" in proc.stderr and "rule exploded" in proc.stderr
    assert "chase.txt:3:6: OKP101" in proc.stdout


def test_version_works_with_broken_plugins_installed(cli, site: Path, tmp_path: Path) -> None:
    proc = cli("--version", cwd=tmp_path, pythonpath=[site])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "outreach-lint" in proc.stdout
    import outreach_lint

    assert outreach_lint.__version__ in proc.stdout


def test_the_command_reports_a_duplicate_code_without_a_traceback(cli, tmp_path: Path, fake_distribution):
    site = tmp_path / "dup"
    fake_distribution(site, "okp-a", {"okp_a.py": HEALTHY}, {"okp_a": "okp_a"})
    fake_distribution(site, "okp-b", {"okp_b.py": HEALTHY}, {"okp_b": "okp_b"})
    (tmp_path / "chase.txt").write_text(CHASE, encoding="utf-8")
    proc = cli("chase.txt", cwd=tmp_path, pythonpath=[site])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "OKP101" in proc.stderr and "okp_a" in proc.stderr and "okp_b" in proc.stderr
    assert cli("--version", cwd=tmp_path, pythonpath=[site]).returncode == 0
