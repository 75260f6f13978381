"""The documentation is tested like code (as datasette does): generated pages are current,
every rule is fully documented, the library guide's examples run, the example pack and
plugin package shown in the guides are the real files, and the site builds with --strict.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path

import pytest

from outreach_lint import Config, Linter, RuleExample, RuleInfo, Severity, hookimpl
from outreach_lint._docgen import (
    REGENERATE,
    builtin_rule_infos,
    missing_sections,
    render_includes,
    rule_markdown,
    rule_page,
    rules_index,
    stale_files,
    write_docs,
)

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TEAM_PACK = DOCS / "examples" / "team-pack.toml"
PLUGIN_PACKAGE = ROOT / "tests" / "plugin_package"

FENCE = re.compile(r"^(?P<ticks>`{3,})(?P<lang>[\w-]*)\n(?P<body>.*?)^(?P=ticks)\s*$", re.M | re.S)


def code_blocks(markdown: str, lang: str) -> list[str]:
    """The bodies of the fenced blocks of one language in a Markdown text."""
    return [m.group("body") for m in FENCE.finditer(markdown) if m.group("lang") == lang]


# -- generated pages -----------------------------------------------------------------------


def test_generated_docs_are_current() -> None:
    stale = stale_files(DOCS)
    assert not stale, (
        "the generated docs differ from the rules and models:\n  "
        + "\n  ".join(stale)
        + f"\nregenerate them at the repository root with:  {REGENERATE}"
    )


def test_every_builtin_rule_has_every_section_and_examples() -> None:
    problems = {i.code: missing_sections(i) for i in builtin_rule_infos()}
    problems = {code: p for code, p in problems.items() if p}
    assert not problems, "rules with incomplete documentation:\n" + "\n".join(
        f"  {code}: {'; '.join(p)}" for code, p in sorted(problems.items())
    )


def test_every_builtin_rule_is_in_the_index_and_has_a_page() -> None:
    infos = builtin_rule_infos()
    index = rules_index(infos)
    for info in infos:
        assert f"[{info.code}]({info.code}.md)" in index
        assert rule_page(info).count(rule_markdown(info)) == 1


def _info(**changes: object) -> RuleInfo:
    base: dict[str, object] = {
        "code": "ACME101",
        "name": "discount-talk",
        "category": "scripted-pitch",
        "summary": "Flags discount language | in first touches.",
        "default_severity": Severity.WARNING,
        "enabled_by_default": False,
        "plugin": "acme",
        "what_it_does": "Checks for discount language.",
        "why_bad": "A discount before a problem reads as a mass mailing.",
        "example": [RuleExample(text="Hi Dana, here's 20% off.", subject="Deal")],
        "use_instead": [RuleExample(text="Hi Dana, how is the rollout going?\n```\nfenced\n```")],
        "references": ["Boomerang, 2016: https://blog.boomerangapp.com/2016/02/x/."],
    }
    base.update(changes)
    return RuleInfo.model_validate(base)


def test_rule_page_renders_metadata_sections_and_examples() -> None:
    page = rule_page(_info())
    assert page.startswith("<!-- Generated") and REGENERATE in page
    for heading in ("# ACME101 discount-talk", "## What it does", "## Why is this bad?", "## Example",
                    "## Use instead", "## References"):
        assert f"\n{heading}\n" in page
    assert "- Default severity: `warning`" in page and "- Enabled by default: no" in page
    assert "```text\nSubject: Deal\n\nHi Dana, here's 20% off.\n```" in page
    assert "````text\nHi Dana, how is the rollout going?\n```\nfenced\n```\n````" in page  # longer fence
    assert "<https://blog.boomerangapp.com/2016/02/x/>." in page
    assert "(index.md#scripted-pitch)" in page


def test_index_groups_rules_by_family_with_stable_anchors() -> None:
    infos = [_info(), _info(code="ZED101", category="zed-stuff"), _info(code="OL901", category="internal")]
    index = rules_index(infos)
    assert "## Scripted pitch {#scripted-pitch}" in index, "a family's anchor is its category id"
    assert "{#seller-centric}" not in index, "families without rules are left out"
    row = "| [ACME101](ACME101.md) | `discount-talk` | Flags discount language \\| in first touches. |"
    assert row in index
    assert index.index("{#zed-stuff}") > index.index("{#internal}"), "plugin families come after built-ins"


def test_missing_sections_names_each_problem() -> None:
    bad = _info(what_it_does="Flags discounts.", why_bad="", example=[], use_instead=[])
    assert missing_sections(bad) == [
        "'What it does' does not start with 'Checks for'",
        "'Why is this bad?' is empty",
        "'Example' has no fenced example",
        "'Use instead' has no fenced example",
    ]
    assert missing_sections(_info()) == []


def test_write_docs_then_check_round_trip(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "rules").mkdir(parents=True)
    (docs / "rules" / "OL999.md").write_text("a rule that no longer exists\n")
    (tmp_path / "snippet.py").write_text("print('hi')\n")
    (docs / "page.md").write_text("Intro\n\n<!-- include: snippet.py -->\n<!-- end include -->\n\nOutro\n")
    infos = [_info()]
    assert stale_files(docs, infos)
    done = write_docs(docs, infos)
    assert any("removed" in line and "OL999.md" in line for line in done)
    assert stale_files(docs, infos) == []
    assert (docs / "rules" / "ACME101.md").read_text() == rule_page(infos[0])
    page = (docs / "page.md").read_text()
    assert "<!-- include: snippet.py -->\n```python\nprint('hi')\n```\n<!-- end include -->" in page
    (tmp_path / "snippet.py").write_text("print('changed')\n")
    assert stale_files(docs, infos) == [f"out of date: {docs / 'page.md'}"]


def test_include_of_a_missing_file_names_the_page_and_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"guide\.md: include of nope\.toml"):
        render_includes("<!-- include: nope.toml -->\n<!-- end include -->\n", tmp_path, "guide.md")


# -- the library guide runs ---------------------------------------------------------------------


def _pycon_only(markdown: str) -> str:
    """The page with everything outside ```pycon blocks blanked, so doctest line numbers match the file."""
    keep = [False] * len(markdown.splitlines())
    for m in FENCE.finditer(markdown):
        if m.group("lang") == "pycon":
            first = markdown.count("\n", 0, m.start("body"))
            last = markdown.count("\n", 0, m.end("body"))
            keep[first:last] = [True] * (last - first)
    return "\n".join(ln if k else "" for ln, k in zip(markdown.splitlines(), keep, strict=True)) + "\n"


@pytest.mark.parametrize("page", ["library.md"])
def test_guide_examples_run(page: str) -> None:
    path = DOCS / page
    text = _pycon_only(path.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {"__name__": "docs"}, page, str(path), 0)
    assert test.examples, f"{page} has no ```pycon examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    failed = f"{result.failed} of {result.attempted} examples in docs/{page} failed (see above)"
    assert result.failed == 0, failed


# -- the rule-writing guide shows real, working files -----------------------------------------------


def test_team_pack_examples_fire_as_documented() -> None:
    linter = Linter(Config(rule_packs=[str(TEAM_PACK)], select=["NW"]), entry_points=False)
    infos = linter.rule_infos(all_rules=False)
    assert infos, "the example pack defines no rules"
    for info in infos:
        assert missing_sections(info) == [], info.code
        for example in info.example:
            codes = [f.code for f in linter.lint_text(example.text, subject=example.subject).findings]
            assert info.code in codes, f"False negative against {info.code}: {example.text!r}"
        for example in info.use_instead:
            codes = [f.code for f in linter.lint_text(example.text, subject=example.subject).findings]
            assert info.code not in codes, f"False positive against {info.code}: {example.text!r}"


def test_writing_rules_page_shows_the_team_pack() -> None:
    page = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    assert TEAM_PACK.read_text(encoding="utf-8") in code_blocks(page, "toml")


def _package_files() -> list[Path]:
    def generated(part: str) -> bool:
        return part in {"__pycache__", "build", "dist"} or part.endswith(".egg-info")

    return sorted(
        p
        for p in PLUGIN_PACKAGE.rglob("*")
        if p.is_file() and p.suffix in {".py", ".toml"} and not any(generated(part) for part in p.parts)
    )


@pytest.mark.skipif(not PLUGIN_PACKAGE.is_dir(), reason="tests/plugin_package is not in this checkout")
def test_writing_rules_page_shows_every_plugin_package_file() -> None:
    page = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    for path in _package_files():
        rel = path.relative_to(ROOT).as_posix()
        assert f"<!-- include: {rel} -->" in page, (
            f"docs/writing-rules.md does not show {rel}; add an include region for it and run {REGENERATE}"
        )
        body = path.read_text(encoding="utf-8")
        assert body in [m.group("body") for m in FENCE.finditer(page)], (
            f"docs/writing-rules.md shows an old copy of {rel}; regenerate with: {REGENERATE}"
        )


# -- the site builds ----------------------------------------------------------------------------


def test_every_page_is_in_the_nav_or_excluded_on_purpose() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted(DOCS.rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        if rel.startswith("rules/") and rel != "rules/index.md":
            continue  # not_in_nav: reached from the rule index
        assert f": {rel}" in config, f"docs/{rel} is not in the nav of mkdocs.yml"


NO_MKDOCS = importlib.util.find_spec("mkdocs") is None


@pytest.mark.skipif(NO_MKDOCS, reason="mkdocs is not installed (pip install -e '.[docs]')")
def test_site_builds_strict(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    build(config)  # with strict=True any warning (broken link, missing page, bad anchor) raises
    assert (tmp_path / "site" / "rules" / "index.html").is_file()
    assert (tmp_path / "site" / "schema" / "report.schema.json").is_file()


def test_python_rule_in_writing_rules_page_works() -> None:
    page = (DOCS / "writing-rules.md").read_text(encoding="utf-8")
    source = next(b for b in code_blocks(page, "python") if "class TooManyLinks(Rule)" in b)
    namespace: dict[str, object] = {}
    exec(compile(source, "docs/writing-rules.md", "exec"), namespace)
    rule = namespace["TooManyLinks"]()  # type: ignore[operator]

    class Plugin:
        @hookimpl
        def outreach_lint_register_rules(self) -> list[object]:
            return [rule]

    linter = Linter(Config(select=["ACME102"]), plugins=[("docs-example", Plugin())], entry_points=False)
    (info,) = linter.rule_infos(all_rules=False)
    assert missing_sections(info) == []
    for example in info.example:
        assert [f.code for f in linter.lint_text(example.text).findings] == [info.code], example.text
    for example in info.use_instead:
        assert linter.lint_text(example.text).findings == [], example.text
    assert linter.lint_text(info.example[0].text).findings[0].message == "The email has 3 links."


def test_metrics_page_states_the_formula_the_code_uses() -> None:
    from outreach_lint import _metrics

    lines = [ln.strip() for ln in (_metrics.__doc__ or "").splitlines()]
    formula = next(ln for ln in lines if ln.startswith("customer_centricity ="))
    page = (DOCS / "metrics.md").read_text(encoding="utf-8")
    assert formula + "\n" in code_blocks(page, "text")[0], "metrics.md and _metrics.py disagree"


def test_getting_started_example_fails_and_its_rewrite_passes() -> None:
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    emails = {b.split("\n", 1)[0]: b for b in code_blocks(page, "text") if b.startswith("Subject:")}
    before, after = emails["Subject: Quick question"], emails["Subject: Routing across two depots"]
    linter = Linter(entry_points=False)
    failing = [f for f in linter.lint_text(before, path="first-touch.txt").findings if f.severity.rank >= 1]
    assert failing, "docs/getting-started.md: the example email is no longer flagged; pick another example"
    found = [f"{f.code} {f.message}" for f in linter.lint_text(after, path="first-touch.txt").findings]
    assert found == [], f"docs/getting-started.md says the rewrite passes, but: {found}"
