"""The JSON Schema of the output is generated from the models and kept in docs/schema; a test
fails when the stored copy is stale, and real reports validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from core_helpers import make_linter, pattern_rule

from outreach_lint import SCHEMA_VERSION, RunReport, __version__
from outreach_lint._docgen import REGENERATE, report_schema, report_schema_json

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "schema" / "report.schema.json"


def test_stored_schema_is_current() -> None:
    stored = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else "<missing>"
    assert stored == report_schema_json(), (
        f"{SCHEMA_FILE.relative_to(SCHEMA_FILE.parents[2])} is stale: the models changed. "
        f"Regenerate it at the repository root with:  {REGENERATE}"
    )


def test_schema_is_a_valid_json_schema_with_a_version() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    props = schema["properties"]
    assert props["schema_version"]["default"] == SCHEMA_VERSION
    assert {"files", "version", "tool"} <= set(props)
    assert json.loads(report_schema_json()) == schema


def test_a_real_report_validates() -> None:
    linter = make_linter(pattern_rule("ZZ101", "FLAG"))
    files = [
        linter.lint_text("Subject: FLAG\n\nHi Dana,\n\nThe FLAG.\n", path="a.txt"),
        linter.lint_file("does-not-exist.txt"),
    ]
    run = RunReport(version=__version__, files=files)
    document = json.loads(run.model_dump_json())
    jsonschema.validate(document, report_schema())
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["files"][0]["findings"][0]["code"] == "ZZ101"
    assert document["files"][1]["errors"][0]["kind"] == "read"
    assert RunReport.model_validate(document) == run
