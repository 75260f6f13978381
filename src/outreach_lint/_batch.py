"""Batch audits of sent email: a CSV or JSON Lines export in, one row per email out.

Revenue teams export what they sent (tens of thousands of rows) and want a score and
the findings per email, to join back to replies and meetings. Rows stream through: one
is read, linted and written before the next is read, so memory stays flat however
long the export is. With several CPUs, rows go to worker processes in small chunks, a
few chunks ahead at most, and come back in order.

Library::

    >>> from outreach_lint import Linter, audit_rows
    >>> rows = [{"id": "a1", "subject": "Quick question", "body": "Hi Dana,\\n\\nJust following up.\\n"}]
    >>> [(r.id, r.report.metrics.customer_centricity > 0) for r in audit_rows(Linter(), rows)]
    [('a1', True)]

Command line (the inputs are files, or ``-`` for standard input)::

    outreach-lint --input-format csv sent.csv --output-format jsonl > audit.jsonl

A bad row (no body, a line that is not a JSON object) is reported on stderr with its
row number and skipped; the run goes on and exits 2 at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ._errors import InputError
from ._models import Category, FileReport

if TYPE_CHECKING:
    from ._linter import Linter
    from ._parallel import LinterSpec

INPUT_FORMATS = ("csv", "jsonl")
OUTPUT_FORMATS = ("csv", "jsonl")
METRIC_FIELDS = (
    "words",
    "sentences",
    "paragraphs",
    "questions",
    "reading_grade",
    "reader_references",
    "seller_references",
    "links",
    "calls_to_action",
    "merge_fields",
)
"""Metric columns of the CSV output (``score`` is ``customer_centricity``)."""

_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # the csv module's default (128 KiB) is smaller than some emails
_PROGRESS_EVERY = 0.25  # seconds between progress updates


@dataclass(frozen=True, slots=True)
class AuditResult:
    """One audited row: its 1-based position in the input, its id, and the report or the error."""

    row: int
    id: str
    report: FileReport | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the row was linted (rule errors, if any, are in ``report.errors``)."""
        return self.report is not None

    def record(self, categories: Iterable[str]) -> dict[str, Any]:
        """The output record: id, score, metrics, finding counts per category and codes."""
        report = self.report
        if report is None or report.metrics is None:
            raise ValueError(f"row {self.row} was not linted: {self.error}")
        counts = dict.fromkeys(categories, 0)
        codes: dict[str, None] = {}
        for f in report.findings:
            counts[f.category] = counts.get(f.category, 0) + 1
            codes.setdefault(f.code, None)
        return {
            "id": self.id,
            "score": report.metrics.customer_centricity,
            "metrics": report.metrics.model_dump(mode="json"),
            "findings": len(report.findings),
            "counts": counts,
            "codes": sorted(codes),
        }


def read_rows(
    stream: TextIO, input_format: str, *, name: str = "<stdin>"
) -> Iterator[Mapping[str, Any] | InputError]:
    """Rows of a CSV (with a header line) or JSON Lines stream, one at a time.

    A row that cannot be read (a line that is not a JSON object) comes back as an
    :class:`InputError` in its place, so callers can report it and go on.
    """
    if input_format == "csv":
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        yield from csv.DictReader(stream)
    elif input_format == "jsonl":
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(f"line {number}: invalid JSON: {exc.msg} (column {exc.colno})", path=name)
                continue
            if not isinstance(row, dict):
                yield InputError(
                    f"line {number}: expected a JSON object, got {type(row).__name__}", path=name
                )
                continue
            yield row
    else:
        raise ValueError(f"unknown input format {input_format!r}; known: {', '.join(INPUT_FORMATS)}")


def audit_rows(
    linter: Linter,
    rows: Iterable[Mapping[str, Any] | InputError],
    *,
    id_column: str = "id",
    subject_column: str = "subject",
    body_column: str = "body",
    body_format: str | None = None,
    start: int = 1,
) -> Iterator[AuditResult]:
    """Lint each row's body (with its subject) and yield one :class:`AuditResult` per row.

    Rows are mappings (a ``csv.DictReader`` row, a parsed JSON object, a database
    record). A row without a text body, or an :class:`InputError` in place of a row,
    yields a result with ``error`` set instead of stopping the run. ``body_format`` is
    a reader name or extension (``html``) for bodies that are not plain text; ``start``
    is the number of the first row.
    """
    for number, row in enumerate(rows, start):
        if isinstance(row, InputError):
            yield AuditResult(number, "", error=row.message)
            continue
        yield _audit_one(linter, number, row, id_column, subject_column, body_column, body_format)


def _audit_one(
    linter: Linter,
    number: int,
    row: Mapping[str, Any],
    id_column: str,
    subject_column: str,
    body_column: str,
    body_format: str | None,
) -> AuditResult:
    raw_id = row.get(id_column)
    row_id = str(number) if raw_id is None or raw_id == "" else str(raw_id)
    body = row.get(body_column)
    if not isinstance(body, str):
        what = "missing" if body is None else f"not text ({type(body).__name__})"
        return AuditResult(number, row_id, error=f"row {number} (id {row_id}): column {body_column!r} is {what}")
    subject = row.get(subject_column)
    subject = subject if isinstance(subject, str) and subject else None
    report = linter.lint_text(body, subject=subject, format=body_format)
    return AuditResult(number, row_id, report=report)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the command writes for one row: small and picklable, so worker processes can send it."""

    row: int
    id: str
    record: dict[str, Any] | None = None  # the output row (None when not linted or no metrics)
    error: str | None = None  # why the row could not be linted
    rule_errors: tuple[str, ...] = ()  # rules that failed on the row


@dataclass(frozen=True)
class AuditOptions:
    """The column and format options of a batch run, and the output's category columns."""

    id_column: str
    subject_column: str
    body_column: str
    body_format: str | None
    categories: tuple[str, ...]

    def outcome(self, linter: Linter, number: int, row: Mapping[str, Any] | str) -> Outcome:
        """Audit one row (a ``str`` stands for a row that could not be read: its error)."""
        if isinstance(row, str):
            return Outcome(number, "", error=row)
        result = _audit_one(
            linter, number, row, self.id_column, self.subject_column, self.body_column, self.body_format
        )
        report = result.report
        if report is None:
            return Outcome(number, result.id, error=result.error)
        record = result.record(self.categories) if report.metrics is not None else None
        return Outcome(number, result.id, record, rule_errors=tuple(e.message for e in report.errors))


def categories_of(linter: Linter) -> list[str]:
    """Column order for the per-category counts: built-in categories, then plugin ones."""
    builtin = [c.value for c in Category]
    extra = sorted({r.category for r, _ in linter.all_rules} - set(builtin))
    return builtin + extra


class _Writer:
    """Writes records as CSV (flat columns) or JSON Lines (nested objects)."""

    def __init__(self, out: TextIO, output_format: str, categories: list[str]) -> None:
        self.out = out
        self.format = output_format
        self.categories = categories
        self._csv: Any = None
        if output_format == "csv":
            fields = ["id", "score", *METRIC_FIELDS, "findings", *categories, "codes"]
            self._csv = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
            self._csv.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        if self._csv is None:
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        flat = {"id": record["id"], "score": record["score"], "findings": record["findings"]}
        metrics = record["metrics"]
        for key in METRIC_FIELDS:
            value = metrics.get(key)
            flat[key] = "" if value is None else value
        flat.update(record["counts"])
        flat["codes"] = " ".join(record["codes"])
        self._csv.writerow(flat)


class _Progress:
    """A ``\\r`` counter on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        isatty = getattr(stream, "isatty", None)
        self.stream = stream
        self.enabled = bool(isatty and isatty())
        self.start = self.last = time.monotonic()
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if not self.enabled or self.count % 64:
            return
        now = time.monotonic()
        if now - self.last >= _PROGRESS_EVERY:
            self.last = now
            rate = self.count / max(now - self.start, 1e-9)
            self.stream.write(f"\r{self.count:,} rows audited ({rate:,.0f} rows/s)")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.last != self.start:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The batch-audit options of the command line."""
    g = parser.add_argument_group(
        "batch audit (sent-email exports: PATHs are CSV or JSON Lines files, - for stdin)"
    )
    g.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default=None,
        help="read PATHs as an export of sent emails, one email per row",
    )
    g.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="one output row per email: id, score, metrics, counts per category, codes "
        "(default: the input format)",
    )
    g.add_argument(
        "--id-column", default="id", metavar="NAME", help="column with the email's id (default: id)"
    )
    g.add_argument(
        "--subject-column",
        default="subject",
        metavar="NAME",
        help="column with the subject line (default: subject)",
    )
    g.add_argument(
        "--body-column", default="body", metavar="NAME", help="column with the body (default: body)"
    )
    g.add_argument(
        "--body-format",
        default=None,
        metavar="FORMAT",
        help="reader for the bodies, e.g. html (default: plain text)",
    )


def run(
    args: argparse.Namespace, linter: Linter, stdout: TextIO, stderr: TextIO, spec: LinterSpec | None = None
) -> int:
    """Audit every row of the inputs; exit 0, or 2 when a row or an input could not be audited.

    With ``--jobs`` (default ``auto``: every CPU for an input of 256 kB or more) the rows
    are audited in worker processes and written in input order, exactly as in one process.
    """
    input_format: str = args.input_format
    output_format: str = args.output_format or input_format
    paths = [p for p in (getattr(args, "paths", None) or []) if p != "."] or ["-"]
    categories = categories_of(linter)
    options = AuditOptions(
        args.id_column, args.subject_column, args.body_column, args.body_format, tuple(categories)
    )
    writer = _Writer(stdout, output_format, categories)
    progress = _Progress(stderr)
    failed = 0
    for path in paths:
        with ExitStack() as stack:
            if path == "-":
                stream, name = sys.stdin, "<stdin>"
            else:
                try:
                    stream = stack.enter_context(open(path, encoding="utf-8-sig", newline=""))
                except OSError as exc:
                    stderr.write(f"outreach-lint: {path}: cannot read: {exc.strerror or exc}\n")
                    failed += 1
                    continue
                name = path
            try:
                rows = read_rows(stream, input_format, name=name)
                if input_format == "csv":
                    rows = _check_header(rows, stream, args.body_column, name)
                numbered = ((n, row.message if isinstance(row, InputError) else row) for n, row in enumerate(rows, 1))
                workers = _workers(getattr(args, "jobs", 1), path)
                if workers > 1 and spec is not None:
                    from ._parallel import audit_parallel

                    outcomes: Iterator[Outcome] = audit_parallel(spec, linter, options, numbered, workers)
                else:
                    outcomes = (options.outcome(linter, n, row) for n, row in numbered)
                for outcome in outcomes:
                    progress.tick()
                    if outcome.error is not None:
                        failed += 1
                        stderr.write(f"outreach-lint: {name}: {outcome.error}\n")
                        continue
                    for message in outcome.rule_errors:
                        failed += 1
                        stderr.write(f"outreach-lint: {name}: row {outcome.row} (id {outcome.id}): {message}\n")
                    if outcome.record is not None:
                        writer.write(outcome.record)
            except InputError as exc:
                failed += 1
                stderr.write(f"outreach-lint: {exc}\n")
            except (UnicodeDecodeError, csv.Error) as exc:
                failed += 1
                stderr.write(f"outreach-lint: {name}: cannot read: {exc}\n")
    progress.done()
    stdout.flush()
    return 2 if failed else 0


_PARALLEL_BYTES = 256 * 1024  # with --jobs auto, inputs this large are audited on every CPU


def _workers(jobs: int, path: str) -> int:
    """Processes for one input: ``auto`` uses every CPU for a large file, one for stdin or a small file."""
    from ._parallel import AUTO, cpu_count

    if jobs != AUTO:
        return max(1, jobs)
    if path == "-":
        return 1
    try:
        size = os.path.getsize(path)
    except OSError:
        return 1
    return cpu_count() if size >= _PARALLEL_BYTES else 1


def _check_header(
    rows: Iterator[Mapping[str, Any] | InputError], stream: TextIO, body_column: str, name: str
) -> Iterator[Mapping[str, Any] | InputError]:
    """Fail the file early, with the columns found, when the CSV header has no body column."""
    first = next(rows, None)
    if first is None:
        return
    if isinstance(first, Mapping) and body_column not in first:
        found = ", ".join(str(k) for k in first if k is not None)
        raise InputError(f"no {body_column!r} column (columns: {found}); see --body-column", path=name)
    yield first
    yield from rows
