"""Multi-step sequences (cadences): find them on disk, read their steps, lint them as a whole.

Three shapes are recognized (``docs/sequences.md`` has the details):

- a folder with a ``sequence.toml`` index, or whose lintable files are all numbered
  (``01-intro.md``, ``02-follow-up.md``; ``step-1.txt``, ``step-2.txt``);
- a TOML file named ``*.sequence.toml`` with ``[[step]]`` tables;
- a Markdown file whose front matter says ``sequence: true``, steps separated by
  ``--- step N (delay D days) ---`` lines.

Each step is linted as an email that knows its position (``EmailSource.step``), then
every selected :class:`~outreach_lint.SequenceRule` runs once over all steps.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from ._document import Document
from ._errors import InputError
from ._io import iter_files, read_text
from ._models import FileError, FileReport, Finding, SequenceReport
from ._sequence_rule import SequenceRule, parse_delay, split_steps
from ._source import EmailSource, Segment, SourceMap

if TYPE_CHECKING:
    from ._linter import Linter

INDEX_NAME = "sequence.toml"
_NUMBERED = regex.compile(r"^(?:step[-_ ]?)?(\d{1,3})(?:[-_ .]|$)", regex.I)
_MD_SEQUENCE = regex.compile(
    r"\A---[ \t]*\r?\n(?:[^\n]*\n)*?sequence[ \t]*:[ \t]*(?:true|yes)[ \t]*\r?$", regex.M | regex.I
)


@dataclass(frozen=True)
class Step:
    """One step handed to :func:`lint_sequence` as text rather than a file."""

    body: str
    subject: str | None = None
    delay_days: float | None = None
    path: str = "<text>"
    format: str | None = None


@dataclass
class _Loaded:
    email: EmailSource | None
    delay_days: float | None
    error: FileReport | None = None


# -- finding sequences on disk ---------------------------------------------------------


def step_number(name: str) -> int | None:
    """The step number in a file name (``02-follow-up.md`` -> 2), else ``None``."""
    m = _NUMBERED.match(name)
    return int(m.group(1)) if m else None


def _lintable(folder: Path, include: Sequence[str]) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        folder / n for n in names if (folder / n).is_file() and any(fnmatch.fnmatch(n, p) for p in include)
    ]


def is_sequence_folder(folder: Path, include: Sequence[str]) -> bool:
    """A folder with a ``sequence.toml`` index, or with two or more files, all numbered."""
    if (folder / INDEX_NAME).is_file():
        return True
    files = _lintable(folder, include)
    return len(files) >= 2 and all(step_number(f.name) is not None for f in files)


def is_sequence_file(path: Path) -> bool:
    """A ``*.sequence.toml`` file, or Markdown whose front matter says ``sequence: true``."""
    name = path.name.lower()
    if name.endswith(".sequence.toml"):
        return True
    if name.endswith((".md", ".markdown")):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                head = fh.read(4096).lstrip("\ufeff")
        except OSError:
            return False
        return bool(_MD_SEQUENCE.search(head))
    return False


def iter_targets(
    paths: Sequence[str | os.PathLike[str]], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[tuple[str, bool]]:
    """``(path, is_sequence)`` for every file or sequence under ``paths``, each once, in path order."""
    folders: dict[Path, bool] = {}
    done: set[Path] = set()
    for raw in iter_files(paths, [*include, "*.sequence.toml"], exclude):
        p = Path(raw)
        parent = p.parent
        if parent not in folders:
            folders[parent] = p.is_file() and is_sequence_folder(parent, include)
        if folders[parent]:
            if parent not in done:
                done.add(parent)
                yield os.fspath(parent), True
        elif p.is_file() and is_sequence_file(p):
            yield raw, True
        else:
            yield raw, False


# -- reading the steps -----------------------------------------------------------------


def load(linter: Linter, target: str | os.PathLike[str]) -> list[_Loaded]:
    """Read the steps of a sequence folder or file; raise :class:`InputError` if it is broken."""
    path = Path(target)
    if path.is_dir():
        return _load_folder(linter, path)
    if path.name.lower().endswith(".toml"):
        text = read_text(path)
        return _load_toml(linter, text, os.fspath(path), path.parent)
    return _load_markdown(linter, read_text(path), os.fspath(path))


def _toml(text: str, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", path=label) from None


def _read_step(linter: Linter, file: Path, delay: float | None) -> _Loaded:
    label = os.fspath(file)
    try:
        email = linter.read(read_text(file), path=label)
    except InputError as exc:
        return _Loaded(None, delay, FileReport(path=label, errors=[FileError(kind="read", message=str(exc))]))
    if delay is None:
        delay = parse_delay(email.headers.get("delay") or email.headers.get("delay_days"))
    return _Loaded(email, delay)


def _load_folder(linter: Linter, folder: Path) -> list[_Loaded]:
    index = folder / INDEX_NAME
    data = _toml(read_text(index), os.fspath(index)) if index.is_file() else {}
    entries = data.get("step") or []
    if entries:
        return [_table_step(linter, e, os.fspath(index), folder, n) for n, e in enumerate(entries, 1)]
    files = _lintable(folder, linter.config.include)
    files.sort(key=lambda f: (step_number(f.name) or 10**6, f.name))
    delays = list(data.get("delays") or [])
    return [
        _read_step(linter, f, parse_delay(delays[i]) if i < len(delays) else None)
        for i, f in enumerate(files)
    ]


def _load_toml(linter: Linter, text: str, label: str, base: Path) -> list[_Loaded]:
    entries = _toml(text, label).get("step")
    if not isinstance(entries, list) or not entries:
        raise InputError("no [[step]] tables: a sequence file lists its steps as [[step]]", path=label)
    return [_table_step(linter, e, label, base, n, text) for n, e in enumerate(entries, 1)]


def _table_step(linter: Linter, entry: Any, label: str, base: Path, n: int, text: str = "") -> _Loaded:
    if not isinstance(entry, dict):
        raise InputError(f"step {n} is not a table", path=label)
    delay = parse_delay(entry.get("delay_days", entry.get("delay")))
    if n == 1 and delay is None:
        delay = 0.0
    file = entry.get("body_file") or entry.get("file")
    if file:
        loaded = _read_step(linter, base / str(file), delay)
    elif isinstance(entry.get("body"), str):
        loaded = _Loaded(_inline_step(linter, text, entry, label, n), delay)
    else:
        raise InputError(f"step {n} has neither body nor body_file", path=label)
    if loaded.email is not None and isinstance(entry.get("subject"), str):
        subject = entry["subject"]
        loaded.email = dataclasses.replace(
            loaded.email, subject=subject, subject_start=_value_offset(text, "subject", subject, n)
        )
    return loaded


def _value_offset(text: str, key: str, value: str, n: int) -> int | None:
    """Where a string value of the ``n``-th ``[[step]]`` table is written verbatim in the TOML."""
    tables = [m.end() for m in regex.finditer(r"^[ \t]*\[\[step\]\][ \t]*\r?$", text, regex.M)]
    if not text or len(tables) < n:
        return None
    end = tables[n] if n < len(tables) else len(text)
    pattern = rf"^[ \t]*{key}[ \t]*=[ \t]*(?:'''|\"\"\"|'|\")(?:\r?\n)?"
    m = regex.compile(pattern, regex.M).search(text, tables[n - 1], end)
    if m and text.startswith(value, m.end()):
        return m.end()
    return None


def _inline_step(linter: Linter, text: str, entry: dict[str, Any], label: str, n: int) -> EmailSource:
    body: str = entry["body"]
    fmt = str(entry.get("format", "text"))
    email = linter.read(body, path=label, format=fmt)
    start = _value_offset(text, "body", body, n)
    if start is not None:
        segs = [
            Segment(s.view_start, s.view_len, s.src_start + start, s.src_len) for s in email.map._segments
        ]
    else:  # escapes in the TOML string: map the whole body to the table's first line
        at = text.find("body")
        segs = [Segment(0, len(email.view), max(at, 0), 0)]
    return dataclasses.replace(email, source=text, map=SourceMap(text, segs), subject_start=None)


def _load_markdown(linter: Linter, text: str, label: str) -> list[_Loaded]:
    from .readers._build import shift
    from .readers._frontmatter import read_meta

    body_start = read_meta(text, label, headers=False).body_start
    out = []
    for n, st in enumerate(split_steps(text[body_start:]), 1):
        a, b = body_start + st.start, body_start + st.end
        email = shift(linter.read(text[a:b], path=label, format="markdown"), text, a)
        out.append(_Loaded(email, st.delay_days if n > 1 else 0.0))
    return out


def steps_from_text(linter: Linter, steps: Sequence[Step | str]) -> list[_Loaded]:
    """Steps given in code, read with the reader their ``format`` or ``path`` names."""
    out = []
    for n, raw in enumerate(steps, 1):
        step = Step(raw, path=f"<step {n}>") if isinstance(raw, str) else raw
        email = linter.read(step.body, path=step.path, format=step.format)
        if step.subject is not None:
            email = dataclasses.replace(email, subject=step.subject, subject_start=None)
        out.append(_Loaded(email, step.delay_days if n > 1 else 0.0))
    return out


# -- linting ---------------------------------------------------------------------------


def lint_loaded(linter: Linter, label: str, loaded: Sequence[_Loaded]) -> SequenceReport:
    """Lint each step, then run the sequence rules over all of them."""
    reports: list[FileReport] = []
    emails: list[EmailSource] = []
    positions: list[int] = []
    delays: list[float | None] = []
    for n, item in enumerate(loaded, 1):
        if item.email is None:
            reports.append((item.error or FileReport(path=label)).model_copy(update={"step": n}))
            continue
        email = dataclasses.replace(item.email, step=n)
        emails.append(email)
        delays.append(item.delay_days)
        positions.append(len(reports))
        reports.append(linter.lint_email(email))
    docs = [Document.parse(e, lint_quoted=linter.config.lint_quoted) for e in emails]
    per_step: dict[int, list[Finding]] = {}
    errors: list[FileError] = []
    for rule, plugin in linter.rules:
        if not isinstance(rule, SequenceRule):
            continue
        try:
            for index, hit in rule.check_sequence(docs, delays):
                email = emails[index]
                if rule.code not in linter._ignored_for(email.path):
                    per_step.setdefault(index, []).append(linter._finding(rule, hit, email, docs[index]))
        except Exception as exc:  # one rule must not take the run down
            msg = f"rule {rule.code} ({plugin}) failed on sequence {label}: {type(exc).__name__}: {exc}"
            errors.append(FileError(kind="rule", message=msg, code=rule.code, plugin=plugin))
    found: list[Finding] = []
    for index, extra in per_step.items():
        kept = linter._postprocess(emails[index], extra)
        found.extend(kept)
        r = reports[positions[index]]
        merged = sorted([*r.findings, *kept], key=lambda f: (f.start, f.end, f.code))
        reports[positions[index]] = r.model_copy(update={"findings": merged})
    return SequenceReport(path=label, steps=reports, findings=found, errors=errors)


def lint_sequence_with(
    linter: Linter, source: str | os.PathLike[str] | Sequence[Step | str]
) -> SequenceReport:
    """Lint a sequence folder or file, or a list of steps; read errors land in ``errors``."""
    if isinstance(source, (str, os.PathLike)):
        label = os.fspath(source)
        try:
            loaded = load(linter, source)
        except InputError as exc:
            return SequenceReport(path=label, steps=[], errors=[FileError(kind="read", message=str(exc))])
        return lint_loaded(linter, label, loaded)
    return lint_loaded(linter, "<sequence>", steps_from_text(linter, source))


def sequence_file_reports(report: SequenceReport) -> Iterator[FileReport]:
    """What ``lint_paths`` yields for a sequence: its steps, then a report for its own errors."""
    yield from report.steps
    if report.errors:
        yield FileReport(path=report.path, errors=report.errors)


def lint_sequence(source: str | os.PathLike[str] | Sequence[Step | str]) -> SequenceReport:
    """Lint a sequence with the default configuration; see :meth:`Linter.lint_sequence`."""
    from ._linter import default_linter

    return default_linter().lint_sequence(source)
