"""Batch audits of sent-email exports: the library iterator and the command, CSV and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from outreach_lint import AuditResult, InputError, Linter, audit_rows, read_rows
from outreach_lint._batch import categories_of

CHASER = "Hi Dana,\n\nJust following up on my last email. Can we hop on a call tomorrow?\n\nBest,\nSam\n"
GOOD = "Hi Dana,\n\nHow is the rollout going for your team in Leeds?\n\nSam\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_audit_rows_yields_one_result_per_row_in_order(linter: Linter) -> None:
    rows = [
        {"id": "a", "subject": "Following up", "body": CHASER},
        {"id": "b", "subject": "", "body": GOOD},
    ]
    results = list(audit_rows(linter, rows))
    assert [r.id for r in results] == ["a", "b"]
    assert all(r.ok and r.error is None for r in results)
    chaser, good = (r.report for r in results)
    assert chaser is not None and good is not None
    assert any(f.category == "volume-over-value" for f in chaser.findings)
    assert chaser.metrics is not None and good.metrics is not None
    assert chaser.metrics.customer_centricity < good.metrics.customer_centricity


def test_audit_rows_reports_bad_rows_and_goes_on(linter: Linter) -> None:
    rows = [
        {"id": "a"},
        {"id": "b", "body": 42},
        InputError("line 3: invalid JSON", path="x"),
        {"body": GOOD},
    ]
    results = list(audit_rows(linter, rows))
    assert [r.ok for r in results] == [False, False, False, True]
    assert "column 'body' is missing" in (results[0].error or "")
    assert "not text (int)" in (results[1].error or "")
    assert results[2].error == "line 3: invalid JSON"
    assert results[3].id == "4"  # no id column: the row number


def test_custom_columns(linter: Linter) -> None:
    rows = [{"message_id": "m1", "title": "Quick question", "text": CHASER}]
    [result] = audit_rows(linter, rows, id_column="message_id", subject_column="title", body_column="text")
    assert result.id == "m1" and result.report is not None and result.report.subject == "Quick question"


def test_record_has_score_metrics_counts_and_codes(linter: Linter) -> None:
    [result] = audit_rows(linter, [{"id": "a", "subject": "Following up", "body": CHASER}])
    record = result.record(categories_of(linter))
    assert result.report is not None and result.report.metrics is not None
    assert record["score"] == result.report.metrics.customer_centricity
    assert record["metrics"]["words"] == result.report.metrics.words
    assert record["findings"] == len(result.report.findings) == sum(record["counts"].values())
    assert record["codes"] == sorted({f.code for f in result.report.findings})
    assert set(categories_of(linter)) <= set(record["counts"])
    with pytest.raises(ValueError, match="row 7"):
        AuditResult(7, "x", error="bad").record([])


def test_read_rows_jsonl_keeps_going_after_bad_lines() -> None:
    text = '{"id": 1, "body": "x"}\nnot json\n\n[1, 2]\n{"id": 2, "body": "y"}\n'
    items = list(read_rows(io.StringIO(text), "jsonl", name="sent.jsonl"))
    assert [type(i).__name__ for i in items] == ["dict", "InputError", "InputError", "dict"]
    assert "line 2: invalid JSON" in str(items[1]) and "sent.jsonl" in str(items[1])
    assert "line 4: expected a JSON object, got list" in str(items[2])


def test_read_rows_csv_reads_multiline_quoted_bodies() -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "subject", "body"])
    writer.writeheader()
    writer.writerow({"id": "1", "subject": "Hi", "body": CHASER})
    [row] = read_rows(io.StringIO(out.getvalue()), "csv")
    assert not isinstance(row, InputError) and row["body"] == CHASER


def test_read_rows_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown input format"):
        list(read_rows(io.StringIO(""), "xml"))


def _write_exports(tmp_path: Path) -> tuple[Path, Path]:
    rows = [
        {"id": "a", "subject": "Following up", "body": CHASER},
        {"id": "b", "subject": "Leeds", "body": GOOD},
    ]
    csv_path = tmp_path / "sent.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "subject", "body"])
        writer.writeheader()
        writer.writerows(rows)
    jsonl_path = tmp_path / "sent.jsonl"
    lines = [json.dumps(rows[0]), "{broken", json.dumps({"id": "c"}), json.dumps(rows[1])]
    jsonl_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csv_path, jsonl_path


def test_cli_csv_to_csv(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_path, _ = _write_exports(tmp_path)
    proc = cli("--input-format", "csv", csv_path)
    assert proc.returncode == 0, proc.stderr
    out = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["id"] for r in out] == ["a", "b"]
    assert int(out[0]["score"]) < int(out[1]["score"])
    assert int(out[0]["volume-over-value"]) >= 1 and "OL4" in out[0]["codes"]
    assert out[0]["reading_grade"] != ""


def test_cli_jsonl_bad_rows_go_to_stderr_and_exit_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, jsonl_path = _write_exports(tmp_path)
    proc = cli("--input-format", "jsonl", "--output-format", "jsonl", jsonl_path)
    assert proc.returncode == 2
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]  # the run went on past the bad rows
    assert {"id", "score", "metrics", "counts", "codes", "findings"} <= set(records[0])
    assert "line 2: invalid JSON" in proc.stderr
    assert "row 3 (id c): column 'body' is missing" in proc.stderr


def test_cli_missing_body_column_is_one_clear_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_path, _ = _write_exports(tmp_path)
    proc = cli("--input-format", "csv", "--body-column", "text", csv_path)
    assert proc.returncode == 2
    assert "no 'text' column (columns: id, subject, body)" in proc.stderr


def _many_rows(n: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i in range(n):
        body: object = (CHASER, GOOD)[i % 2].replace("Dana", f"Dana{i}")
        if i % 37 == 5:
            body = None  # a row without a body: reported, the run goes on
        rows.append({"id": f"r{i}", "subject": f"Note {i}", "body": body})
    return rows


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cli_jobs_gives_the_same_rows_errors_and_exit_as_one_process(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rows = _many_rows(300)  # several chunks per worker
    path = tmp_path / f"sent.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["id", "subject", "body"])
            writer.writeheader()
            writer.writerows({**r, "body": r["body"] if r["body"] is not None else ""} for r in rows)
    else:
        lines = [json.dumps({k: v for k, v in r.items() if v is not None}) for r in rows]
        lines.insert(100, "{broken")  # an unreadable line among the rows
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = {jobs: cli("--input-format", fmt, "--jobs", jobs, path) for jobs in ("1", "2", "3")}
    serial = runs["1"]
    assert serial.stdout.count("\n") > 250
    assert "Traceback" not in serial.stderr
    for jobs in ("2", "3"):
        assert (runs[jobs].returncode, runs[jobs].stdout, runs[jobs].stderr) == (
            serial.returncode,
            serial.stdout,
            serial.stderr,
        )


def test_cli_jobs_keeps_the_rows_before_a_read_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sent.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "subject", "body"])
        writer.writeheader()
        writer.writerows(_many_rows(200))
    with path.open("ab") as fh:
        fh.write(b'bad,row,"\xff\xfe not utf-8"\n')  # the input cannot be decoded from here on
    serial = cli("--input-format", "csv", "--jobs", "1", path)
    parallel = cli("--input-format", "csv", "--jobs", "2", path)
    assert serial.returncode == 2 and "cannot read" in serial.stderr
    assert serial.stdout.count("\n") > 150  # the rows before the error were written
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_auto_jobs_audits_small_inputs_and_stdin_in_process(tmp_path: Path) -> None:
    from outreach_lint._batch import _PARALLEL_BYTES, _workers
    from outreach_lint._parallel import AUTO, cpu_count

    small = tmp_path / "small.csv"
    small.write_text("id,body\n1,hi\n", encoding="utf-8")
    large = tmp_path / "large.csv"
    large.write_bytes(b"x" * _PARALLEL_BYTES)
    assert _workers(AUTO, str(small)) == 1
    assert _workers(AUTO, "-") == 1
    assert _workers(AUTO, str(large)) == cpu_count()
    assert _workers(3, "-") == 3
