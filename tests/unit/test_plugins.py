"""The plugin manager: built-in and third-party plugins load the same way, can be blocked by
name, fail loudly on misspelled hooks, and a broken plugin or rule does not take the run down."""

from __future__ import annotations

import io
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from core_helpers import RulesPlugin, make_linter, pattern_rule

from outreach_lint import (
    Config,
    Document,
    DuplicateCodeError,
    EmailSource,
    Formatter,
    Hit,
    Linter,
    OutreachLintError,
    PluginError,
    Rule,
    hookimpl,
)
from outreach_lint._plugins import BUILTIN_PLUGINS, ENTRY_POINT_GROUP, load_registry


def module(name: str, **functions: object) -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.__dict__.update(functions)
    return mod


class Exploding(Rule):
    code = "ZZ190"
    name = "test-exploding"
    category = "testing"
    message = "never"

    def check(self, doc: Document) -> Iterator[Hit]:
        if "BOOM" in doc.view:
            raise RuntimeError("kaboom")
        yield from ()


# -- the four hooks ------------------------------------------------------------------------------


def test_outreach_lint_register_rules() -> None:
    rule = pattern_rule("ZZ101", "FLAG")
    linter = make_linter(rule)
    assert [(r.code, p) for r, p in linter.rules] == [("ZZ101", "testplugin")]
    (info,) = linter.rule_infos(all_rules=False)
    assert info.plugin == "testplugin" and info.code == "ZZ101"
    assert [f.code for f in linter.lint_text("Hi,\n\nA FLAG.\n").findings] == ["ZZ101"]


def test_outreach_lint_register_rule_packs(tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text(
        '[[rule]]\ncode = "ZZ201"\nname = "test-pack"\ncategory = "testing"\n'
        'summary = "s"\nmessage = "Pack hit."\nphrases = ["synergy"]\n',
        encoding="utf-8",
    )
    plugin = module("packplug", outreach_lint_register_rule_packs=hookimpl(lambda: [pack]))
    linter = Linter(Config(select=["ZZ2"]), plugins=[("packplug", plugin)], entry_points=False)
    assert [(r.code, p) for r, p in linter.rules] == [("ZZ201", "packplug:team.toml")]
    (f,) = linter.lint_text("Hi,\n\nPure synergy here.\n").findings
    assert (f.code, f.message, f.excerpt) == ("ZZ201", "Pack hit.", "synergy")


def test_outreach_lint_register_readers() -> None:
    class Upper:
        name = "upper"
        extensions = (".up",)

        def read(self, text: str, path: str) -> EmailSource:
            return EmailSource.plain(text.upper(), path=path)

    plugin = module("readplug", outreach_lint_register_readers=hookimpl(lambda: [Upper()]))
    linter = Linter(
        Config(select=["ZZ101"]),
        plugins=[("readplug", plugin), ("rules", RulesPlugin(pattern_rule("ZZ101", "FLAG")))],
        entry_points=False,
    )
    assert isinstance(linter.reader_for("mail.up"), Upper)
    report = linter.lint_text("a flag", path="mail.up")
    assert [f.code for f in report.findings] == ["ZZ101"]
    assert linter.lint_text("a flag", path="mail.txt").findings == []  # the text reader is untouched


def test_outreach_lint_register_formatters() -> None:
    class Grep(Formatter):
        name = "grep-test"

        def format_finding(self, finding):  # type: ignore[no-untyped-def]
            return f"{finding.line}:{finding.code}"

    plugin = module("fmtplug", outreach_lint_register_formatters=hookimpl(lambda: [Grep]))
    linter = Linter(
        Config(select=["ZZ101"]),
        plugins=[("fmtplug", plugin), ("rules", RulesPlugin(pattern_rule("ZZ101", "FLAG")))],
        entry_points=False,
    )
    formatters = {cls.name: (cls, p) for cls, p in linter.registry.formatters}
    assert formatters["grep-test"] == (Grep, "fmtplug")
    out = io.StringIO()
    fmt = Grep(out)
    fmt.handle(linter.lint_text("Hi,\n\nFLAG\n"))
    assert out.getvalue() == "3:ZZ101\n"


# -- loading, blocking, validation ------------------------------------------------------------------


def test_builtins_are_registered_by_module_name() -> None:
    reg = load_registry(entry_points=False)
    loaded = {p.name for p in reg.plugins if p.builtin}
    failed = {e.plugin for e in reg.errors}
    assert loaded | failed >= set(BUILTIN_PLUGINS)
    assert "outreach_lint.readers.text" in loaded
    assert all(reg.manager.has_plugin(name) for name in loaded)
    assert ENTRY_POINT_GROUP == "outreach_lint"


def test_a_builtin_is_blocked_by_name_like_any_plugin() -> None:
    linter = Linter(Config(disable_plugins=["outreach_lint.readers.text"], select=[]), entry_points=False)
    assert "outreach_lint.readers.text" not in {p.name for p in linter.registry.plugins}
    assert linter.registry.manager.is_blocked("outreach_lint.readers.text")
    with pytest.raises(OutreachLintError, match="no reader"):
        linter.reader_for("a.txt")


def test_a_third_party_plugin_is_blocked_by_name() -> None:
    linter = Linter(
        Config(select=[], disable_plugins=["testplugin"]),
        plugins=[("testplugin", RulesPlugin(pattern_rule("ZZ101", "FLAG")))],
        entry_points=False,
    )
    assert all(r.code != "ZZ101" for r, _ in linter.all_rules)


def test_misspelled_hook_fails_loudly_naming_the_plugin() -> None:
    plugin = module("typo", outreach_lint_register_rule=hookimpl(lambda: []))
    with pytest.raises(PluginError) as info:
        Linter(plugins=[("typo-plugin", plugin)], entry_points=False)
    err = info.value
    assert isinstance(err, OutreachLintError)
    assert err.plugin == "typo-plugin"
    assert "outreach_lint_register_rule" in str(err) and "unknown hook" in str(err)
    assert "outreach_lint_register_rules" in str(err)  # what was expected
    assert type(err.__cause__).__name__ == "PluginValidationError"


def test_hook_with_an_argument_the_spec_lacks_fails_loudly() -> None:
    plugin = module("badargs", outreach_lint_register_rules=hookimpl(lambda config: []))
    with pytest.raises(PluginError, match="badargs-plugin") as info:
        Linter(plugins=[("badargs-plugin", plugin)], entry_points=False)
    assert "config" in str(info.value)


def test_a_plugin_that_fails_to_load_is_reported_and_skipped() -> None:
    def load() -> object:
        raise ImportError("No module named 'missing_dependency'")

    from outreach_lint import _plugins

    reg = _plugins.Registry(_plugins.make_manager())
    _plugins._register(reg, "broken", load, _plugins.PluginInfo("broken"))
    (err,) = reg.errors
    assert err.plugin == "broken"
    assert "failed to load: ImportError: No module named 'missing_dependency'" in str(err)
    assert not reg.manager.has_plugin("broken")


def test_a_hook_that_raises_is_reported_and_the_rest_load() -> None:
    def explode() -> list[Rule]:
        raise ValueError("bad config")

    bad = module("bad", outreach_lint_register_rules=hookimpl(explode))
    good = RulesPlugin(pattern_rule("ZZ101", "FLAG"))
    linter = Linter(Config(select=["ZZ"]), plugins=[("bad", bad), ("good", good)], entry_points=False)
    assert [r.code for r, _ in linter.rules] == ["ZZ101"]
    (err,) = [e for e in linter.plugin_errors if e.plugin == "bad"]
    assert "hook outreach_lint_register_rules raised ValueError: bad config" in str(err)


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("not a list", "must return a list, got str"),
        ([object()], "expected Rule instances"),
    ],
)
def test_a_hook_returning_the_wrong_thing_is_reported(returned: object, message: str) -> None:
    plugin = module("wrong", outreach_lint_register_rules=hookimpl(lambda: returned))
    linter = Linter(Config(select=[]), plugins=[("wrong", plugin)], entry_points=False)
    (err,) = [e for e in linter.plugin_errors if e.plugin == "wrong"]
    assert message in str(err)


@pytest.mark.parametrize(
    ("code", "category", "message"),
    [
        ("zz101", "testing", "rule code 'zz101' is invalid: expected 1-4 capitals followed by three digits"),
        ("ZZZZZ101", "testing", "expected 1-4 capitals followed by three digits"),
        ("ZZ1", "testing", "expected 1-4 capitals followed by three digits"),
        ("OL999", "testing", "the OL prefix is reserved for built-in rules"),
        ("ZZ101", "Not Kebab", "invalid category 'Not Kebab': expected kebab-case"),
    ],
)
def test_invalid_rule_metadata_is_reported_naming_the_plugin(code: str, category: str, message: str) -> None:
    rule = pattern_rule(code, "FLAG", category=category)
    linter = Linter(Config(select=[]), plugins=[("meta-plugin", RulesPlugin(rule))], entry_points=False)
    assert all(r is not rule for r, _ in linter.all_rules)
    (err,) = [e for e in linter.plugin_errors if e.plugin == "meta-plugin"]
    assert message in str(err)
    assert str(err).startswith("plugin 'meta-plugin': ")


def test_duplicate_code_names_both_plugins() -> None:
    one = RulesPlugin(pattern_rule("ZZ101", "FLAG"))
    two = RulesPlugin(pattern_rule("ZZ101", "OTHER"))
    with pytest.raises(DuplicateCodeError) as info:
        Linter(plugins=[("first-plugin", one), ("second-plugin", two)], entry_points=False)
    err = info.value
    assert (err.code, err.plugin, err.other) == ("ZZ101", "second-plugin", "first-plugin")
    assert str(err) == "rule code ZZ101 is registered by both 'second-plugin' and 'first-plugin'"


def test_duplicate_code_between_a_plugin_and_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "dup.toml"
    pack.write_text(
        '[[rule]]\ncode = "ZZ101"\nname = "dup"\ncategory = "testing"\nsummary = "s"\n'
        'message = "m"\nphrases = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DuplicateCodeError, match=r"'config:dup\.toml' and 'testplugin'"):
        make_linter(pattern_rule("ZZ101", "FLAG"), rule_packs=[str(pack)])


# -- a failing rule ------------------------------------------------------------------------------------


def test_a_rule_that_raises_does_not_take_the_run_down() -> None:
    linter = make_linter(Exploding(), pattern_rule("ZZ101", "FLAG"))
    report = linter.lint_text("Hi,\n\nFLAG and BOOM.\n", path="inbox/mail.txt")
    assert [f.code for f in report.findings] == ["ZZ101"]
    (err,) = report.errors
    assert (err.kind, err.code, err.plugin) == ("rule", "ZZ190", "testplugin")
    assert err.message == "rule ZZ190 (testplugin) failed on inbox/mail.txt: RuntimeError: kaboom"
    assert not report.ok
    assert linter.lint_text("Hi,\n\nFLAG only.\n").errors == []  # the next email is linted normally


def test_a_rule_that_times_out_is_reported_as_timeout() -> None:
    class Slow(Rule):
        code = "ZZ191"
        name = "test-slow"
        category = "testing"

        def check(self, doc: Document) -> Iterator[Hit]:
            raise TimeoutError("regex time limit")

    report = make_linter(Slow()).lint_text("Hi,\n\nText.\n", path="a.txt")
    (err,) = report.errors
    assert (err.kind, err.code) == ("timeout", "ZZ191")
    assert "ZZ191" in err.message and "a.txt" in err.message


# -- threads --------------------------------------------------------------------------------------------


def test_a_linter_is_safe_to_share_across_threads() -> None:
    linter = make_linter(pattern_rule("ZZ101", "FLAG"), pattern_rule("ZZ102", r"\bwe\b"))
    texts = [f"Hi,\n\n{'FLAG ' * (i % 5)}we did {i} things.\n" for i in range(40)]
    expected = [linter.lint_text(t) for t in texts]
    results: dict[int, object] = {}

    def work(i: int) -> None:
        for _ in range(5):
            results[i] = linter.lint_text(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == expected
    assert [len(r.findings) for r in expected][:5] == [1, 2, 3, 4, 5]
