"""Linting files in worker processes (``--jobs N``), with results in input order.

Each worker builds its own :class:`Linter` once, from the same :class:`Config`, and lints
chunks of paths; ``Pool.imap`` hands reports back in the order of the paths, one at a
time, so output streams and matches ``--jobs 1`` exactly.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._batch import AuditOptions, Outcome
from ._config import Config
from ._io import iter_files
from ._linter import Linter
from ._models import FileReport

if TYPE_CHECKING:  # multiprocessing is imported when a pool starts: a one-file run never needs it
    from multiprocessing.pool import AsyncResult, Pool


@dataclass(frozen=True)
class LinterSpec:
    """What a worker needs to build the same linter as the main process (picklable)."""

    config: Config
    config_dir: Path
    plugin_modules: tuple[str, ...] = ()
    reading_grade: bool = True

    def build(self) -> Linter:
        """A linter for this spec; ``-p MODULE`` plugins are imported by name."""
        plugins = [(name, importlib.import_module(name)) for name in self.plugin_modules]
        return Linter(
            self.config, config_dir=self.config_dir, plugins=plugins, reading_grade=self.reading_grade
        )


# What a worker process works with: the linter (file runs) or (linter, options) (batch audits).
# Set in the parent before forking, so forked workers inherit it; spawned workers build it.
_STATE: Any = None
_WORKER_ERROR: BaseException | None = None


def _init_worker(spec: LinterSpec, options: AuditOptions | None) -> None:
    global _STATE, _WORKER_ERROR
    try:
        linter = spec.build()
        _STATE = linter if options is None else (linter, options)
    except BaseException as exc:  # raising here would make the pool respawn workers forever
        _WORKER_ERROR = exc


def _state() -> Any:
    if _STATE is None:
        raise RuntimeError(f"worker could not build a linter: {_WORKER_ERROR}")
    return _STATE


@contextlib.contextmanager
def _pool(spec: LinterSpec, jobs: int, state: Any, options: AuditOptions | None = None) -> Iterator[Pool]:
    """A pool of ``jobs`` workers whose state is ``state``: inherited with ``fork``, else built from ``spec``."""
    global _STATE
    import multiprocessing

    context = multiprocessing.get_context()
    inherit = state is not None and context.get_start_method() == "fork"
    _STATE = state if inherit else None
    try:
        initializer = None if inherit else _init_worker
        with context.Pool(jobs, initializer=initializer, initargs=() if inherit else (spec, options)) as pool:
            yield pool
    finally:
        _STATE = None


def lint_target(linter: Linter, path: str, is_sequence: bool) -> list[FileReport]:
    """The reports of one target of :func:`iter_lint_targets`: a file's, or each step's of a sequence."""
    return list(linter.lint_paths([path])) if is_sequence else [linter.lint_file(path)]


def _lint_one(target: tuple[str, bool]) -> list[FileReport]:
    return lint_target(_state(), *target)


def iter_lint_targets(linter: Linter, paths: Sequence[str]) -> list[tuple[str, bool]]:
    """``(path, is_sequence)`` for what :meth:`Linter.lint_paths` would lint, in the same order."""
    exclude = [*linter.config.exclude, *linter.config.extend_exclude]
    try:
        from ._sequence import iter_targets
    except ImportError:  # an engine without sequence support: plain files only
        return [(p, False) for p in iter_files(paths, linter.config.include, exclude)]
    return list(iter_targets(paths, linter.config.include, exclude))


AUTO = 0  # ``--jobs auto``: one process per usable CPU, once there are enough files to pay for them
AUTO_MIN_FILES = 100  # below this, starting workers costs more than it saves (measured: benchmarks/)


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, as containers set it), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(value: str) -> int:
    """``--jobs`` value: a positive number, or ``0``/``auto`` (:data:`AUTO`)."""
    if value.strip().lower() in {"0", "auto"}:
        return AUTO
    n = int(value)
    if n < 0:
        raise ValueError("must be a positive number, 0 or auto")
    return n


def workers_for(jobs: int, files: int) -> int:
    """Processes to use for ``files`` targets: ``auto`` stays in-process for small runs (a pre-commit hook)."""
    if jobs == AUTO:
        return cpu_count() if files >= AUTO_MIN_FILES else 1
    return max(1, min(jobs, files))


def lint_parallel(
    spec: LinterSpec, targets: Sequence[tuple[str, bool]], jobs: int, linter: Linter | None = None
) -> Iterator[FileReport]:
    """Reports for ``targets`` linted in ``jobs`` processes, in the order of ``targets``.

    With the ``fork`` start method the workers inherit ``linter`` (plugins loaded, rules
    configured) instead of building their own; with ``spawn`` they build one from ``spec``.
    """
    workers = max(1, min(jobs, len(targets)))
    chunk = max(1, min(32, len(targets) // (workers * 4)))
    with _pool(spec, workers, linter) as pool:
        for reports in pool.imap(_lint_one, targets, chunksize=chunk):
            yield from reports


# -- batch audits (--input-format) ----------------------------------------------------------

_BATCH_CHUNK = 64  # rows per task: large enough to amortize the transfer, small enough to stream


def _audit_chunk(chunk: list[tuple[int, Mapping[str, Any] | str]]) -> list[Outcome]:
    linter, options = _state()
    return [options.outcome(linter, number, row) for number, row in chunk]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items; when reading fails, the rows read so far come first, then the error."""
    chunk: list[Any] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def audit_parallel(
    spec: LinterSpec,
    linter: Linter,
    options: AuditOptions,
    rows: Iterable[tuple[int, Mapping[str, Any] | str]],
    jobs: int,
) -> Iterator[Outcome]:
    """:meth:`AuditOptions.outcome` for each numbered row, computed in ``jobs`` processes, in row order.

    Rows are read here and sent in chunks, at most a few chunks per worker ahead of the
    output, so memory stays flat on any export. A read error ends the input as it would
    in one process: the rows before it are written first.
    """
    pending: deque[AsyncResult[list[Outcome]]] = deque()
    with _pool(spec, jobs, (linter, options), options) as pool:
        try:
            for chunk in _chunks(rows, _BATCH_CHUNK):
                pending.append(pool.apply_async(_audit_chunk, (chunk,)))
                if len(pending) >= 4 * jobs:
                    yield from pending.popleft().get()
        except Exception:
            while pending:
                yield from pending.popleft().get()
            raise
        while pending:
            yield from pending.popleft().get()
