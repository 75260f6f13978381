"""Rule documentation rendered from the rules' own metadata (never written twice).

``outreach-lint rule CODE`` prints :func:`rule_markdown`; the docs site's rule pages are
generated from the same function, and the JSON Schema of the output from the models.

Regenerate the generated parts of ``docs/`` from a source checkout with::

    python -m outreach_lint._docgen          # write docs/rules/, docs/schema/, includes
    python -m outreach_lint._docgen --check  # exit 1 and list what is stale

Besides the rule pages, the rule index and the schema, the generator fills two kinds of
regions in any page under ``docs/``:

- ``<!-- include: PATH -->`` ... ``<!-- end include -->`` becomes a fenced copy of ``PATH``
  (relative to the repository root), so a page shows a real file (an example pack, a
  plugin package) that the tests run;
- ``<!-- generated: NAME -->`` ... ``<!-- end generated -->`` becomes the output of one of
  the :data:`GENERATORS`, e.g. a table of the fields of a model with their descriptions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel

from ._models import Category, Finding, Metrics, RuleExample, RuleInfo, RunReport

REGENERATE = "python -m outreach_lint._docgen"
"""The command that regenerates the generated parts of ``docs/`` (run at the repository root)."""

GENERATED_NOTE = (
    f"<!-- Generated from the rule's own metadata by `{REGENERATE}`: edit the rule, not this page. -->"
)

FAMILIES: dict[str, tuple[str, str]] = {
    Category.SELLER_CENTRIC.value: (
        "Seller-centric",
        "Emails about the sender instead of the reader: self-introductions, self-praise, brochure copy.",
    ),
    Category.SCRIPTED_PITCH.value: (
        "Scripted pitch",
        "Copy that reads like a script: stock openers, meeting grabs, either/or closes, fake replies.",
    ),
    Category.CUSTOMER_GOAL.value: (
        "Customer goal",
        "Nothing about the reader's situation or goals, and no real question about them.",
    ),
    Category.VOLUME_OVER_VALUE.value: (
        "Volume over value",
        "Follow-ups that chase instead of adding something new: bumps, guilt trips, reply pressure.",
    ),
    Category.READABILITY.value: (
        "Readability",
        "Emails that are too long or too hard to read on a phone: length, reading grade, walls of text.",
    ),
    Category.SUBJECT.value: ("Subject", "Subject lines that are long, shouted, spammy or misleading."),
    Category.TEMPLATE.value: ("Template", "Merge fields that are unfilled, malformed or mixed."),
    Category.SEQUENCE.value: ("Sequence", "Problems of a multi-step sequence taken as a whole."),
    Category.INTERNAL.value: ("The linter itself", "Findings about the lint run, e.g. unused suppressions."),
}
"""Built-in families in the order the index lists them: category id -> (title, one line)."""

_URL = regex.compile(r"(?<![<(\[])\bhttps?://[^\s<>]+[^\s<>.,;:!?)\]'\"]")
_INCLUDE = regex.compile(
    r"^(?P<open><!-- include: (?P<path>[^\s>]+) -->)\n(?:.*?\n)??(?P<close><!-- end include -->)$",
    regex.M | regex.S,
)
_GENERATED = regex.compile(
    r"^(?P<open><!-- generated: (?P<name>[\w-]+) -->)\n(?:.*?\n)??(?P<close><!-- end generated -->)$",
    regex.M | regex.S,
)
_LANGS = {".py": "python", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".cfg": "ini"}


# -- one rule ----------------------------------------------------------------------------


def _fence(body: str, lang: str = "text") -> str:
    """A fenced block around ``body``, longer than any backtick run inside it."""
    runs = [len(m) for m in regex.findall(r"`+", body)]
    ticks = "`" * max(3, max(runs, default=0) + 1)
    return f"{ticks}{lang}\n{body.rstrip(chr(10))}\n{ticks}"


def _example_block(example: RuleExample) -> str:
    head = f"Subject: {example.subject}\n\n" if example.subject is not None else ""
    return _fence(f"{head}{example.text}")


def _linkify(text: str) -> str:
    """Bare URLs as Markdown autolinks (``<https://...>``), so they are clickable on the site."""
    return _URL.sub(lambda m: f"<{m.group(0)}>", text)


def rule_markdown(info: RuleInfo) -> str:
    """A rule's documentation page in Markdown: metadata, then the four ruff-style sections."""
    lines = [
        f"# {info.code} {info.name}",
        "",
        f"*{info.summary}*",
        "",
        f"- Category: `{info.category}`",
        f"- Default severity: `{info.default_severity.value}`",
        f"- Enabled by default: {'yes' if info.enabled_by_default else 'no'}",
        f"- Plugin: `{info.plugin}`",
    ]
    if info.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{o.name}` (default `{o.default}`): {o.help}" for o in info.options]
        o = info.options[0]
        example = json.dumps(o.default) if not isinstance(o.default, bool) else str(o.default).lower()
        lines += ["", f"Set an option in the configuration (`{o.name} = {example}`) or on the command line "
                  f"(`--{o.name} VALUE`)."]
    lines += ["", "## What it does", "", info.what_it_does, "", "## Why is this bad?", "", info.why_bad]
    lines += ["", "## Example", ""]
    lines += ["\n\n".join(_example_block(e) for e in info.example)]
    lines += ["", "## Use instead", ""]
    lines += ["\n\n".join(_example_block(e) for e in info.use_instead)]
    if info.references:
        lines += ["", "## References", ""]
        lines += [f"- {_linkify(r)}" for r in info.references]
    return "\n".join(lines).rstrip() + "\n"


def missing_sections(info: RuleInfo) -> list[str]:
    """What a rule's documentation lacks: empty sections, examples, or a 'Checks for' opening."""
    problems = []
    if not info.what_it_does.strip():
        problems.append("'What it does' is empty")
    elif not info.what_it_does.startswith("Checks for"):
        problems.append("'What it does' does not start with 'Checks for'")
    if not info.why_bad.strip():
        problems.append("'Why is this bad?' is empty")
    if not info.example:
        problems.append("'Example' has no fenced example")
    if not info.use_instead:
        problems.append("'Use instead' has no fenced example")
    if not info.summary.strip():
        problems.append("the summary is empty")
    return problems


# -- the site ----------------------------------------------------------------------------


def rule_page(info: RuleInfo) -> str:
    """The site page of one rule: :func:`rule_markdown` with a generated-file note and links back."""
    back = f"[All rules](index.md) · [{family_title(info.category)} rules](index.md#{info.category})"
    code = info.code
    if info.enabled_by_default:
        switch = f"Turn the rule off with `--ignore {code}` (or `ignore = [\"{code}\"]` in the configuration)"
    else:
        switch = f"The rule is off by default: turn it on with `--extend-select {code}`"
    suppress = f"`<!-- outreach-lint: disable-next={code} -->`"
    usage = f"{switch}; excuse one email with {suppress} above the flagged block."
    return f"{GENERATED_NOTE}\n\n{rule_markdown(info)}\n---\n\n{usage}\n\n{back}\n"


def family_title(category: str) -> str:
    """Display title of a family (category); plugin categories show their id."""
    return FAMILIES.get(category, (category, ""))[0]


def _families(infos: Iterable[RuleInfo]) -> dict[str, list[RuleInfo]]:
    groups: dict[str, list[RuleInfo]] = {c: [] for c in FAMILIES}
    for info in sorted(infos, key=lambda i: i.code):
        groups.setdefault(info.category, []).append(info)
    return groups


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_index(infos: Iterable[RuleInfo]) -> str:
    """The rule reference index: each family that has rules (anchor: its category id) and its rules."""
    lines = [
        "<!-- Generated from the rules' metadata by `" + REGENERATE + "`: do not edit. -->",
        "",
        "# Rules",
        "",
        "Every rule has a code, a kebab-case name for the pattern it flags, and a page with the sections",
        "*What it does*, *Why is this bad?*, *Example* and *Use instead*. Codes are grouped by family, so",
        "`--select OL1` selects a whole family and `--ignore OL103` one rule. Rules marked *off* run only",
        "when selected. See [the philosophy](../philosophy.md) for why each family matters.",
    ]
    for category, rules in _families(infos).items():
        title, blurb = FAMILIES.get(category, (category, "Rules from a plugin."))
        if not rules:
            continue
        lines += ["", f"## {title} {{#{category}}}", "", f"`{category}`: {blurb}", ""]
        lines += ["| Code | Name | Summary | Severity |", "|---|---|---|---|"]
        for r in rules:
            sev = r.default_severity.value + ("" if r.enabled_by_default else " (off)")
            lines.append(f"| [{r.code}]({r.code}.md) | `{r.name}` | {_cell(r.summary)} | {sev} |")
    return "\n".join(lines) + "\n"


def report_schema() -> dict[str, Any]:
    """JSON Schema of the top-level JSON report (``RunReport``), generated from the models."""
    schema = RunReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://outreach-lint.dev/schema/report-1.json"
    return schema


def report_schema_json() -> str:
    """:func:`report_schema` serialized the way it is stored in ``docs/schema/``."""
    return json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"


def builtin_rule_infos() -> list[RuleInfo]:
    """Every built-in rule (entry-point plugins left out), sorted by code; fails if a plugin broke."""
    from ._linter import Linter

    linter = Linter(entry_points=False)
    if linter.plugin_errors:
        failed = "; ".join(str(e) for e in linter.plugin_errors)
        raise RuntimeError(f"cannot document the built-in rules, a plugin failed: {failed}")
    return [i for i in linter.rule_infos() if i.plugin.startswith("outreach_lint.")]


def fields_table(model: type[BaseModel]) -> str:
    """A Markdown table of a model's fields: JSON name, type and description."""
    schema = model.model_json_schema()
    props, defs = schema["properties"], schema.get("$defs", {})
    lines = ["| Field | Type | Description |", "|---|---|---|"]
    for name, field in model.model_fields.items():
        kind = _json_type(props.get(name, {}), defs)
        lines.append(f"| `{name}` | {kind} | {_cell(field.description or '')} |")
    return "\n".join(lines)


def _json_type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "anyOf" in prop:
        return " or ".join(_json_type(p, defs) for p in prop["anyOf"])
    if "$ref" in prop:
        name = str(prop["$ref"]).rsplit("/", 1)[-1]
        target = defs.get(name, {})
        return _json_type(target, defs) if "enum" in target else name
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    return str(prop.get("type", "any"))


GENERATORS: dict[str, Any] = {
    "metrics-fields": lambda: fields_table(Metrics),
    "finding-fields": lambda: fields_table(Finding),
}
"""Named generators for ``<!-- generated: NAME -->`` regions: name -> function returning Markdown."""


def render_includes(text: str, root: Path, page: str = "page") -> str:
    """Fill every include region with a fenced copy of its file, and every generated region."""

    def include(m: Any) -> str:
        path = root / m.group("path")
        if not path.is_file():
            raise FileNotFoundError(f"{page}: include of {m.group('path')}: no such file under {root}")
        body = path.read_text(encoding="utf-8")
        return f"{m.group('open')}\n{_fence(body, _LANGS.get(path.suffix, 'text'))}\n{m.group('close')}"

    def generate(m: Any) -> str:
        if m.group("name") not in GENERATORS:
            known = ", ".join(sorted(GENERATORS))
            raise KeyError(f"{page}: unknown generated region {m.group('name')!r}; known: {known}")
        return f"{m.group('open')}\n{GENERATORS[m.group('name')]()}\n{m.group('close')}"

    return _GENERATED.sub(generate, _INCLUDE.sub(include, text))


def expected_files(docs_dir: Path, infos: Sequence[RuleInfo] | None = None) -> dict[Path, str]:
    """Every generated file under ``docs_dir`` with the content it should have."""
    infos = builtin_rule_infos() if infos is None else infos
    out = {docs_dir / "rules" / f"{i.code}.md": rule_page(i) for i in infos}
    out[docs_dir / "rules" / "index.md"] = rules_index(infos)
    out[docs_dir / "schema" / "report.schema.json"] = report_schema_json()
    for page in sorted(docs_dir.rglob("*.md")):
        if page.parent == docs_dir / "rules":
            continue
        text = page.read_text(encoding="utf-8")
        if "<!-- include: " in text or "<!-- generated: " in text:
            out[page] = render_includes(text, docs_dir.parent, str(page.relative_to(docs_dir.parent)))
    return out


def orphan_rule_pages(docs_dir: Path, expected: Iterable[Path]) -> list[Path]:
    """Rule pages on disk for rules that no longer exist (renamed or removed)."""
    keep = set(expected)
    return sorted(p for p in (docs_dir / "rules").glob("*.md") if p not in keep)


def stale_files(docs_dir: Path, infos: Sequence[RuleInfo] | None = None) -> list[str]:
    """What differs between the generated docs and the files on disk, one line per file."""
    expected = expected_files(docs_dir, infos)
    problems = []
    for path, text in expected.items():
        if not path.is_file():
            problems.append(f"missing: {path}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"out of date: {path}")
    problems += [f"no longer generated: {p}" for p in orphan_rule_pages(docs_dir, expected)]
    return problems


def write_docs(docs_dir: Path, infos: Sequence[RuleInfo] | None = None) -> list[str]:
    """Write every generated file that changed and delete orphaned rule pages; say what was done."""
    expected = expected_files(docs_dir, infos)
    done = []
    for path, text in expected.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            done.append(f"wrote {path}")
    for path in orphan_rule_pages(docs_dir, expected):
        path.unlink()
        done.append(f"removed {path}")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m outreach_lint._docgen [--check] [--docs-dir DIR]``."""
    what = "Regenerate the generated parts of docs/ and the prefilter table."
    parser = argparse.ArgumentParser(prog=REGENERATE, description=what)
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is stale")
    args = parser.parse_args(argv)
    if not args.docs_dir.is_dir():
        hint = "run at the repository root, or use --docs-dir"
        print(f"{args.docs_dir}: no such folder ({hint})", file=sys.stderr)
        return 2
    from ._fastre import write_table

    if args.check:
        stale = stale_files(args.docs_dir)
        if not write_table(check=True):
            stale.append("src/outreach_lint/_prefilter_table.py")
        for line in stale:
            print(line)
        if stale:
            print(f"docs are stale; regenerate with: {REGENERATE}", file=sys.stderr)
        return 1 if stale else 0
    for line in write_docs(args.docs_dir):
        print(line)
    if not write_table():
        print("src/outreach_lint/_prefilter_table.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
