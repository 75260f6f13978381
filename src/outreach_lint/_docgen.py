"""Rule documentation rendered from the rules' own metadata (never written twice).

``outreach-lint rule CODE`` prints :func:`rule_markdown`; the docs site's rule pages are
generated from the same function, and the JSON Schema of the output from the models.
"""

from __future__ import annotations

import json
from typing import Any

from ._models import RuleExample, RuleInfo, RunReport


def _example_block(example: RuleExample) -> str:
    head = f"Subject: {example.subject}\n\n" if example.subject is not None else ""
    return f"```text\n{head}{example.text}\n```"


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
    lines += ["", "## What it does", "", info.what_it_does, "", "## Why is this bad?", "", info.why_bad]
    lines += ["", "## Example", ""]
    lines += ["\n\n".join(_example_block(e) for e in info.example)]
    lines += ["", "## Use instead", ""]
    lines += ["\n\n".join(_example_block(e) for e in info.use_instead)]
    if info.references:
        lines += ["", "## References", ""]
        lines += [f"- {r}" for r in info.references]
    return "\n".join(lines).rstrip() + "\n"


def report_schema() -> dict[str, Any]:
    """JSON Schema of the top-level JSON report (``RunReport``), generated from the models."""
    schema = RunReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://outreach-lint.dev/schema/report-1.json"
    return schema


def report_schema_json() -> str:
    """:func:`report_schema` serialized the way it is stored in ``docs/schema/``."""
    return json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"
